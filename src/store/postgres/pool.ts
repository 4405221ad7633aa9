import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { AppError } from '../../domain/errors.ts';
import { PG_TYPES } from './values.ts';

/** Where a query can run: the pool (autocommit) or a client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

/**
 * Opens a pool whose connections all run in UTC and, when `schema` is given, with it as
 * `search_path` (the schema is created if missing). Fails with `unavailable` if no server answers.
 */
export async function createPool(url: string, schema?: string): Promise<pg.Pool> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new AppError('config_invalid', `PostgreSQL schema "${schema}" must be a lowercase SQL identifier`);
  }
  const pool = new pg.Pool({ ...connection(url, schema), types: PG_TYPES, connectionTimeoutMillis: 10_000 });
  // why: an idle client whose server went away emits 'error', which would otherwise crash the
  // process; the next query that needs a connection reports the failure instead.
  pool.on('error', () => undefined);
  try {
    if (schema) await ensureSchema(pool, schema);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new AppError('unavailable', `PostgreSQL at ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return pool;
}

function connection(url: string, schema?: string): pg.PoolConfig {
  // why: date_trunc on TIMESTAMPTZ follows the session zone; the ledger thinks in UTC.
  const settings = ['-c TimeZone=UTC', ...(schema ? [`-c search_path=${schema}`] : [])];
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const own = parsed?.searchParams.get('options');
  if (!parsed || !own) return { connectionString: url, options: settings.join(' ') };
  // why: pg lets an `options` parameter in the URL replace ours wholesale, so merge (ours last, so they win).
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: [own, ...settings].join(' ') };
}

async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  // why: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database; look first.
  const found = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (found.rowCount) return;
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // why: two instances creating it at once collide on the catalog's unique index; one won.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

function redact(url: string): string {
  if (!URL.canParse(url)) return 'the configured URL';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Runs `fn` in one transaction on one client; rolls back on error. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Reruns `fn` when PostgreSQL aborted it as a deadlock victim (concurrent writers touching the same
 * rollup rows in different orders). Safe because an aborted statement or transaction left nothing behind.
 */
export async function retrying<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      await sleep(Math.random() * 20 * attempt);
    }
  }
}
