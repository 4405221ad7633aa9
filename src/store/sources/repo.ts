import type { Engine } from '../engine.ts';
import type { SourceRepo } from '../types-sources.ts';
import { activityFromRow, ruleFromRow, sourceFromRow, stateFromRow } from './rows.ts';
import * as SQL from './sql.ts';

/** Pull sources, their sync state, activities and attribution rules over either engine. */
export function sourceRepo(engine: Engine): SourceRepo {
  const { read, write, transaction } = engine;
  return {
    async putSource(source) {
      await write(SQL.PUT_SOURCE_SQL, SQL.sourceParams(source));
    },
    listSources: async (org) => (await read(SQL.LIST_SOURCES_SQL, [org])).map(sourceFromRow),
    deleteSource: (org, id) =>
      transaction(async (tx) => {
        await tx(SQL.DELETE_STATE_SQL, [org, id]);
        return (await tx(SQL.DELETE_SOURCE_SQL, [org, id])).length > 0;
      }),

    async getSourceState(org, sourceId) {
      const [found] = await read(SQL.GET_STATE_SQL, [org, sourceId]);
      return found ? stateFromRow(found) : null;
    },
    async putSourceState(state) {
      await write(SQL.PUT_STATE_SQL, SQL.stateParams(state));
    },

    async putActivities(list) {
      if (list.length === 0) return;
      await transaction(async (tx) => {
        for (const a of list) await tx(SQL.PUT_ACTIVITY_SQL, SQL.activityParams(a));
      });
    },
    async listActivities(org, range) {
      const params = [org, range.from.toISOString(), range.to.toISOString()];
      return (await read(SQL.LIST_ACTIVITIES_SQL, params)).map(activityFromRow);
    },
    setContext: async (org, match) =>
      (await write(SQL.SET_CONTEXT_SQL, SQL.contextParams(org, match))).length,

    async putRule(rule) {
      await write(SQL.PUT_RULE_SQL, SQL.ruleParams(rule));
    },
    listRules: async (org) => (await read(SQL.LIST_RULES_SQL, [org])).map(ruleFromRow),
    deleteRule: async (org, id) => (await write(SQL.DELETE_RULE_SQL, [org, id])).length > 0,
  };
}
