// The attribute stage: rules that fill team, project and context, and the activity join. Pure.
import type { UsageRecord } from '../domain/record.ts';
import { type ActivityIndex, joinActivity } from './activity.ts';
import { applyRules, type Rule } from './rules.ts';

export {
  type Activity,
  type ActivityIndex,
  activitySpan,
  createActivityIndex,
  findActivity,
} from './activity.ts';
export { applyRules, compileRule, type Rule, type RuleInput, ruleInputSchema } from './rules.ts';

/** What the attribute stage needs: the rules in force and recent activities. */
export interface Attribution {
  rules: readonly Rule[];
  activities: ActivityIndex;
}

/** Rules first (they may set a context), then the activity join for records still without one. */
export function attributeRecord(record: UsageRecord, attribution: Attribution | undefined): UsageRecord {
  if (!attribution) return record;
  return joinActivity(applyRules(record, attribution.rules), attribution.activities);
}
