import type { UsageRecord } from '../../domain/record.ts';

/** The `UsageRecord` fields whose values are of type `T`. */
type FieldOf<T> = { [F in keyof UsageRecord]: UsageRecord[F] extends T ? F : never }[keyof UsageRecord];

/**
 * One column of `usage` and the record field it holds. The kind decides how each engine types and
 * writes it (see `USAGE_KINDS`): a `label` repeats a few hundred values (org, model, user, …), an `id`
 * is unique per row, a `count` is a token or request count, `money` the cost in micro-units.
 */
export type UsageColumn = { name: string; nullable?: true } & (
  | { kind: 'label' | 'id'; field: FieldOf<string | null> }
  | { kind: 'instant'; field: FieldOf<Date | null> }
  | { kind: 'tags'; field: 'tags' }
  | { kind: 'count' | 'money'; field: FieldOf<number | null> }
);

export type UsageColumnKind = UsageColumn['kind'];

/**
 * The columns of `usage` that hold a record's fields, in table order; `ingested_at`, stamped by the
 * store as a row goes in, follows them. The table itself is created by migration 1 (sql/schema.ts),
 * whose text stays as written: a test holds the two alike on both engines.
 */
export const USAGE_TABLE = [
  { name: 'org', field: 'org', kind: 'label' },
  { name: 'id', field: 'id', kind: 'id' },
  { name: 'source', field: 'source', kind: 'label' },
  { name: 'ts', field: 'timestamp', kind: 'instant' },
  { name: 'end_ts', field: 'endTimestamp', kind: 'instant', nullable: true },
  { name: 'provider', field: 'provider', kind: 'label' },
  { name: 'service', field: 'service', kind: 'label' },
  { name: 'model', field: 'model', kind: 'label' },
  { name: 'user_id', field: 'user', kind: 'label', nullable: true },
  { name: 'team', field: 'team', kind: 'label', nullable: true },
  { name: 'project', field: 'project', kind: 'label', nullable: true },
  { name: 'api_key', field: 'apiKey', kind: 'label', nullable: true },
  { name: 'context', field: 'context', kind: 'label', nullable: true },
  // why: DuckDB stores a record without tags as NULL, PostgreSQL as '{}'; both read back as {}.
  { name: 'tags', field: 'tags', kind: 'tags', nullable: true },
  { name: 'input_tokens', field: 'inputTokens', kind: 'count' },
  { name: 'output_tokens', field: 'outputTokens', kind: 'count' },
  { name: 'cache_read_tokens', field: 'cacheReadTokens', kind: 'count' },
  { name: 'cache_write_tokens', field: 'cacheWriteTokens', kind: 'count' },
  { name: 'reasoning_tokens', field: 'reasoningTokens', kind: 'count' },
  { name: 'requests', field: 'requests', kind: 'count' },
  { name: 'cost_micros', field: 'costMicros', kind: 'money', nullable: true },
  { name: 'currency', field: 'currency', kind: 'label' },
  { name: 'cost_kind', field: 'costKind', kind: 'label' },
] as const satisfies readonly UsageColumn[];

/** The last column of `usage`: when the row went in, set by the store. */
export const INGESTED_AT = 'ingested_at';

/**
 * How each kind is typed where a write carries it: `staging` in DuckDB's staging tables (tags as text,
 * cast to JSON on insert; a label is coded through `staging_dict` when the write is large), `cast` of
 * the array parameter PostgreSQL's insert unnests (the column's own type there).
 */
export const USAGE_KINDS = {
  label: { staging: 'TEXT', cast: 'text' },
  id: { staging: 'TEXT', cast: 'text' },
  instant: { staging: 'TIMESTAMPTZ', cast: 'timestamptz' },
  tags: { staging: 'TEXT', cast: 'jsonb' },
  count: { staging: 'BIGINT', cast: 'bigint' },
  money: { staging: 'BIGINT', cast: 'bigint' },
} as const satisfies Record<UsageColumnKind, { staging: string; cast: string }>;

type Described = (typeof USAGE_TABLE)[number];

/** The columns of one kind, in table order. */
export function columnsOfKind<K extends UsageColumnKind>(kind: K): Extract<Described, { kind: K }>[] {
  return USAGE_TABLE.filter((c): c is Extract<Described, { kind: K }> => c.kind === kind);
}

/** The column holding a record field. */
export function columnOf<F extends Described['field']>(field: F): Extract<Described, { field: F }> {
  return USAGE_TABLE.find((c) => c.field === field) as Extract<Described, { field: F }>;
}

/** Column `c`'s values of `records[start, end)`, each field value through `convert`. */
type ColumnReader<C extends UsageColumn> = <T>(
  records: readonly UsageRecord[],
  start: number,
  end: number,
  convert: (value: UsageRecord[C['field']]) => T,
) => T[];

// why: compiled once per field, so each loop reads one property name and calls one converter, as fast as
// the loop written out; a shared loop over `r[c.field]` cost ~15% of staging a write.
const READERS = Object.fromEntries(
  USAGE_TABLE.map((c) => [
    c.field,
    new Function(
      'records',
      'start',
      'end',
      'convert',
      `const out = new Array(end - start);
      for (let i = start; i < end; i++) out[i - start] = convert(records[i].${c.field});
      return out;`,
    ),
  ]),
);

/** Reads column `c` of a run of records (see `ColumnReader`). */
export function columnReader<C extends UsageColumn>(c: C): ColumnReader<C> {
  return READERS[c.field] as ColumnReader<C>;
}
