import type pg from 'pg';
import { ensureRole, type Tenancy } from './app-role.ts';
import { ALL_ORGS } from './tenancy.ts';

/*
 * Row-level security on `org`: every table with an `org` column shows and accepts only rows of the org
 * in the setting `spendlens.org` (every org when it is ALL_ORGS, none when it is unset). FORCE makes the
 * policies bind the tables' owner too, so a connecting user without BYPASSRLS is held by them as it is;
 * a superuser or BYPASSRLS user acts as the app role instead (app-role.ts, session.ts). This guards
 * against a query that forgets its org filter, not against SQL injection: any session may set the org.
 */

const POLICY = 'spendlens_org';
const SETTING = "(SELECT current_setting('spendlens.org', true))";
// why: a subquery is an InitPlan, read once per statement instead of once per row.
const IN_SCOPE = `org = ${SETTING} OR ${SETTING} = '${ALL_ORGS}'`;

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE']
  .map((p) => `has_table_privilege($1, c.oid, '${p}')`)
  .join(' AND ');
const GRANTED = `CASE WHEN c.relkind = 'S' THEN has_sequence_privilege($1, c.oid, 'USAGE') ELSE ${PRIVILEGES} END`;

/** The schema's tables and sequences (but the migrations' own table) and what each still lacks. */
const tablesSql = (withRole: boolean) => `SELECT c.relname AS name, c.relkind = 'S' AS sequence,
    EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org' AND NOT a.attisdropped) AS tenant,
    c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
    EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '${POLICY}') AS policy,
    ${withRole ? GRANTED : 'true'} AS granted
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S') AND c.relname <> 'schema_migrations'
  ORDER BY c.relname`;

interface TableState {
  name: string;
  sequence: boolean;
  tenant: boolean;
  enabled: boolean;
  forced: boolean;
  policy: boolean;
  granted: boolean;
}

/**
 * Idempotent, run by migrate as the connecting user after the migrations, so tables added later are
 * covered without touching their SQL: grants the app role the tables, and puts the org policy on every
 * table with an `org` column. Only what is missing is changed (ALTER TABLE locks the table), in one
 * round trip.
 */
export async function secureTables(client: pg.PoolClient, tenancy: Tenancy): Promise<void> {
  const role = await ensureRole(client, tenancy);
  const found = await client.query<TableState>(tablesSql(role !== null), role ? [role] : []);
  const statements = found.rows.flatMap((t) => [
    ...(role && !t.granted ? [grant(t, role)] : []),
    ...(t.tenant ? protect(t) : []),
  ]);
  if (statements.length > 0) await client.query(statements.join(';\n'));
}

function grant(t: TableState, role: string): string {
  return t.sequence
    ? `GRANT USAGE, SELECT ON SEQUENCE ${ident(t.name)} TO ${role}`
    : `GRANT SELECT, INSERT, UPDATE, DELETE ON ${ident(t.name)} TO ${role}`;
}

function protect(t: TableState): string[] {
  const name = ident(t.name);
  return [
    ...(t.enabled ? [] : [`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`]),
    ...(t.forced ? [] : [`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`]),
    ...(t.policy ? [] : [`CREATE POLICY ${POLICY} ON ${name} USING (${IN_SCOPE}) WITH CHECK (${IN_SCOPE})`]),
  ];
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
