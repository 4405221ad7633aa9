import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the tests use: CI's local server unless SPENDLENS_TEST_DATABASE_URL says otherwise. */
export const TEST_DATABASE_URL =
  process.env.SPENDLENS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses. */
export const freshSchema = () => `spendlens_test_${randomBytes(6).toString('hex')}`;

let reachable: Promise<boolean> | null = null;

/** True when PostgreSQL answers within 2 s; in CI an unreachable server fails the suite instead. */
export function postgresReachable(what: string): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
    } catch (error) {
      if (process.env.CI === 'true') {
        throw new Error(`PostgreSQL not reachable at ${TEST_DATABASE_URL} in CI`, { cause: error });
      }
      return false;
    }
    await client.end();
    return true;
  })();
  return reachable.then((ok) => {
    if (!ok) {
      console.warn(
        `PostgreSQL not reachable at ${TEST_DATABASE_URL}: skipping ${what} (set SPENDLENS_TEST_DATABASE_URL)`,
      );
    }
    return ok;
  });
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
