import type pg from 'pg';
import { AppError } from '../../domain/errors.ts';
import { bindSessions, type Sessions } from './session.ts';

/** The store's row-level security setup: which role its connections act as, and where notes go. */
export interface Tenancy {
  appRole: string;
  sessions: Sessions;
  log: (message: string) => void;
}

export const DEFAULT_APP_ROLE = 'spendlens_app';
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Binds the pool's connections to the app role and the call's org; the role is used at once if it is ready. */
export async function bindTenancy(
  pool: pg.Pool,
  appRole: string,
  log: (message: string) => void,
): Promise<Tenancy> {
  if (!ROLE_NAME.test(appRole)) {
    throw new AppError(
      'config_invalid',
      `PostgreSQL app role "${appRole}" must be a lowercase SQL identifier`,
    );
  }
  const tenancy: Tenancy = { appRole, sessions: { role: null }, log };
  tenancy.sessions.role = await chooseRole(pool, tenancy, false);
  bindSessions(pool, tenancy.sessions);
  return tenancy;
}

const ROLES_SQL = `SELECT u.rolsuper OR u.rolbypassrls AS bypasses, u.rolsuper OR u.rolcreaterole AS creates_roles,
    a.oid IS NOT NULL AS found, COALESCE(a.rolsuper OR a.rolbypassrls, false) AS app_bypasses,
    a.oid IS NOT NULL AND pg_has_role(session_user, a.oid, 'MEMBER') AS member,
    a.oid IS NOT NULL AND has_schema_privilege(a.oid, current_schema(), 'USAGE') AS schema_usage
  FROM pg_roles u LEFT JOIN pg_roles a ON a.rolname = $1
  WHERE u.rolname = session_user`;

interface Roles {
  bypasses: boolean;
  creates_roles: boolean;
  found: boolean;
  app_bypasses: boolean;
  member: boolean;
  schema_usage: boolean;
}

async function roles(db: pg.Pool | pg.PoolClient, appRole: string): Promise<Roles> {
  return (await db.query<Roles>(ROLES_SQL, [appRole])).rows[0] as Roles;
}

/**
 * The role to act as: the app role when the connecting user would bypass the policies (superuser or
 * BYPASSRLS), null when the policies hold that user already, or (logged when `loud`) when there is no
 * app role to switch to.
 */
export async function chooseRole(pool: pg.Pool, tenancy: Tenancy, loud: boolean): Promise<string | null> {
  const r = await roles(pool, tenancy.appRole);
  if (!r.bypasses) return null;
  if (r.app_bypasses) {
    throw new AppError(
      'config_invalid',
      `PostgreSQL role ${tenancy.appRole} is SUPERUSER or BYPASSRLS; row-level security would not hold`,
    );
  }
  if (r.found && r.member) return tenancy.appRole;
  if (loud) {
    tenancy.log(
      `PostgreSQL: the connecting user bypasses row-level security and role ${tenancy.appRole} ` +
        `${r.found ? 'is not granted to it' : 'does not exist'}; org isolation rests on the queries alone`,
    );
  }
  return null;
}

/**
 * The app role, created NOLOGIN NOBYPASSRLS if missing and the connecting user may create roles, and
 * granted the schema; null (with a note) when there is none. Runs inside migrate's transaction.
 */
export async function ensureRole(client: pg.PoolClient, tenancy: Tenancy): Promise<string | null> {
  const role = tenancy.appRole;
  const r = await roles(client, role);
  if (!r.found && !r.creates_roles) {
    tenancy.log(
      `PostgreSQL: not creating role ${role}: the connecting user may not create roles` +
        (r.bypasses ? '' : ' (none needed: row-level security holds the connecting user itself)'),
    );
    return null;
  }
  // why: instances migrating other schemas of the server may create the role at the same moment, and
  // since PostgreSQL 16 only a role's creator or admin may grant it (SET ROLE needs membership).
  const steps = [
    ...(r.found
      ? []
      : [
          `BEGIN CREATE ROLE ${role} NOLOGIN NOBYPASSRLS;
           EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;`,
        ]),
    ...(r.bypasses && !r.member
      ? [
          `IF NOT pg_has_role(session_user, '${role}', 'MEMBER') THEN
             BEGIN GRANT ${role} TO SESSION_USER; EXCEPTION WHEN insufficient_privilege THEN NULL; END;
           END IF;`,
        ]
      : []),
    ...(r.schema_usage ? [] : [`EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${role}', current_schema());`]),
  ];
  if (steps.length > 0) await client.query(`DO $$ BEGIN ${steps.join('\n')} END $$`);
  return role;
}
