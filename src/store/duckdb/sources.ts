import { rowToRecord } from '../rows.ts';
import { byIdsWhere } from '../sql/list.ts';
import {
  activityFromRow,
  activityParams,
  contextParams,
  DELETE_RULE_SQL,
  DELETE_SOURCE_SQL,
  DELETE_STATE_SQL,
  GET_STATE_SQL,
  LIST_ACTIVITIES_SQL,
  LIST_RULES_SQL,
  LIST_SOURCES_SQL,
  PUT_ACTIVITY_SQL,
  PUT_RULE_SQL,
  PUT_SOURCE_SQL,
  PUT_STATE_SQL,
  ruleFromRow,
  SET_CONTEXT_SQL,
  type SourceMethods,
  sourceFromRow,
  sourceParams,
  stateFromRow,
} from '../sql/sources.ts';
import type { DuckDb } from './connection.ts';
import { toUsageRow } from './values.ts';
import type { createDuckDbWriter } from './write.ts';

type Writer = Awaited<ReturnType<typeof createDuckDbWriter>>;

/** The sources, activity and rule methods of the DuckDB store; writes take the one write connection in turn. */
export function duckDbSourceMethods(db: DuckDb, writes: () => Writer): SourceMethods {
  const { writer, reader, exclusive, rows } = db;
  const run = (sql: string, params: unknown[]) => exclusive(() => rows(writer, sql, params));
  return {
    replaceUsage: (org, records) => exclusive(() => writes().replace(org, records)),
    async voidUsage(org, ids, dryRun) {
      const found = dryRun
        ? await rows(reader, `SELECT * FROM usage WHERE ${byIdsWhere(ids)} ORDER BY id`, [org, ...ids])
        : await exclusive(() => writes().voidRecords(org, ids));
      return found.map((r) => rowToRecord(toUsageRow(r)));
    },
    async setContext(org, match) {
      const changed = await run(`${SET_CONTEXT_SQL} RETURNING id`, contextParams(org, match));
      return changed.length;
    },
    async putSource(source) {
      await run(PUT_SOURCE_SQL, sourceParams(source));
    },
    async listSources(org) {
      return (await rows(reader, LIST_SOURCES_SQL, [org])).map(sourceFromRow);
    },
    deleteSource: (org, id) =>
      exclusive(async () => {
        await rows(writer, DELETE_STATE_SQL, [org, id]);
        return (await rows(writer, DELETE_SOURCE_SQL, [org, id])).length > 0;
      }),
    async getSourceState(org, sourceId) {
      const found = await rows(reader, GET_STATE_SQL, [org, sourceId]);
      return found[0] ? stateFromRow(found[0]) : null;
    },
    async putSourceState(s) {
      await run(PUT_STATE_SQL, [s.org, s.sourceId, JSON.stringify(s.state), s.updatedAt.toISOString()]);
    },
    putActivities: (list) =>
      exclusive(async () => {
        for (const a of list) await rows(writer, PUT_ACTIVITY_SQL, activityParams(a));
      }),
    async listActivities(org, range) {
      const params = [org, range.from.toISOString(), range.to.toISOString()];
      return (await rows(reader, LIST_ACTIVITIES_SQL, params)).map(activityFromRow);
    },
    async putRule(r) {
      await run(PUT_RULE_SQL, [r.org, r.id, r.position, JSON.stringify(r.rule), r.updatedAt.toISOString()]);
    },
    async listRules(org) {
      return (await rows(reader, LIST_RULES_SQL, [org])).map(ruleFromRow);
    },
    async deleteRule(org, id) {
      return (await run(DELETE_RULE_SQL, [org, id])).length > 0;
    },
    // why: the embedded file is held by one process, so that process always leads.
    leaderLock: () => ({ tryAcquire: async () => true, release: async () => undefined }),
  };
}
