import type { Bucket } from '../../domain/record.ts';
/** Collects positional parameters (`$1`, `$2`, …), the placeholder syntax both engines accept. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A parameter read as an instant; values travel as ISO strings so both drivers bind them alike. */
  instant(value: Date): string {
    return `CAST(${this.add(value.toISOString())} AS TIMESTAMPTZ)`;
  }
}

/** The few expressions whose syntax differs between DuckDB and PostgreSQL. */
export interface QueryDialect {
  /** The text value of tag `key` in the `tags` JSON column. */
  tagValue(params: Params, key: string): string;
  /** The start of the UTC `bucket` (Monday weeks) holding TIMESTAMPTZ `column`. */
  utcBucket(bucket: Bucket, column: string): string;
}
