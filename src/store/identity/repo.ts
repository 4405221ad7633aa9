import type { Engine } from '../engine.ts';
import type { IdentityRepo } from '../types-identity.ts';
import {
  invitationFromRow,
  invitationParams,
  memberFromRow,
  orgFromRow,
  sessionFromRow,
  sessionParams,
  teamFromRow,
  tokenFromRow,
  tokenParams,
  userFromRow,
  userParams,
  userUpdateParams,
} from './rows.ts';
import * as SQL from './sql.ts';

/** Orgs, users, teams, sessions, tokens and invitations over either engine; deletes answer through RETURNING. */
export function identityRepo(engine: Engine): IdentityRepo {
  const { read, write, transaction } = engine;
  const first = async <T>(sql: string, params: unknown[], map: (r: Record<string, unknown>) => T) => {
    const [row] = await read(sql, params);
    return row ? map(row) : null;
  };
  return {
    async putToken(org, tokenHash, label) {
      await write(SQL.PUT_LEGACY_TOKEN_SQL, [org, tokenHash, label]);
    },
    findToken: (hash) =>
      first(SQL.FIND_LEGACY_TOKEN_SQL, [hash], (r) => ({ org: String(r.org), label: String(r.label) })),
    countTokens: async () => Number((await read(SQL.COUNT_TOKENS_SQL, []))[0]?.n ?? 0),

    async putOrg(org) {
      await write(SQL.PUT_ORG_SQL, [org.id, org.name, org.createdAt.toISOString()]);
    },
    getOrg: (id) => first(SQL.GET_ORG_SQL, [id], orgFromRow),
    listOrgs: async () => (await read(SQL.LIST_ORGS_SQL, [])).map(orgFromRow),

    insertUser: async (user) => (await write(SQL.INSERT_USER_SQL, userParams(user))).length > 0,
    updateUser: async (user) => (await write(SQL.UPDATE_USER_SQL, userUpdateParams(user))).length > 0,
    getUser: (org, id) => first(SQL.GET_USER_SQL, [org, id], userFromRow),
    findUserByEmail: (email) => first(SQL.FIND_USER_SQL, [email.toLowerCase()], userFromRow),
    listUsers: async (org) => (await read(SQL.LIST_USERS_SQL, [org])).map(userFromRow),
    deleteUser: (org, id) =>
      transaction(async (tx) => {
        await tx(SQL.DELETE_USER_MEMBERSHIPS_SQL, [org, id]);
        await tx(SQL.DELETE_SESSIONS_SQL, [org, id, null]);
        return (await tx(SQL.DELETE_USER_SQL, [org, id])).length > 0;
      }),
    async recordLoginFailure(org, id, lock) {
      const [row] = await write(SQL.LOGIN_FAILURE_SQL, [org, id, lock.after, lock.until.toISOString()]);
      return {
        failedLogins: Number(row?.failed_logins ?? 0),
        lockedUntil: (row?.locked_until as Date | null) ?? null,
      };
    },
    async recordLogin(org, id, at) {
      await write(SQL.LOGIN_SQL, [org, id, at.toISOString()]);
    },

    async putTeam(team) {
      await write(SQL.PUT_TEAM_SQL, [team.org, team.name, team.createdAt.toISOString()]);
    },
    listTeams: async (org) => (await read(SQL.LIST_TEAMS_SQL, [org])).map(teamFromRow),
    deleteTeam: (org, name) =>
      transaction(async (tx) => {
        await tx(SQL.DELETE_TEAM_MEMBERS_SQL, [org, name]);
        return (await tx(SQL.DELETE_TEAM_SQL, [org, name])).length > 0;
      }),
    async putTeamMember(m) {
      await write(SQL.PUT_MEMBER_SQL, [m.org, m.team, m.userId, m.role]);
    },
    deleteTeamMember: async (org, team, userId) =>
      (await write(SQL.DELETE_MEMBER_SQL, [org, team, userId])).length > 0,
    listTeamMembers: async (org) => (await read(SQL.LIST_MEMBERS_SQL, [org])).map(memberFromRow),

    async putSession(session) {
      await write(SQL.PUT_SESSION_SQL, sessionParams(session));
    },
    getSession: (idHash) => first(SQL.GET_SESSION_SQL, [idHash], sessionFromRow),
    async touchSession(idHash, at) {
      await write(SQL.TOUCH_SESSION_SQL, [idHash, at.toISOString()]);
    },
    deleteSession: async (idHash) => (await write(SQL.DELETE_SESSION_SQL, [idHash])).length > 0,
    deleteSessions: async (org, owner) =>
      (await write(SQL.DELETE_SESSIONS_SQL, [org, owner.userId ?? null, owner.tokenId ?? null])).length,

    async insertToken(token) {
      await write(SQL.INSERT_TOKEN_SQL, tokenParams(token));
    },
    getTokenByHash: (hash) => first(SQL.GET_TOKEN_SQL, [hash], tokenFromRow),
    listTokens: async (org) => (await read(SQL.LIST_TOKENS_SQL, [org])).map(tokenFromRow),
    revokeToken: async (org, id, at) =>
      (await write(SQL.REVOKE_TOKEN_SQL, [org, id, at.toISOString()])).length > 0,
    async touchToken(id, at) {
      await write(SQL.TOUCH_TOKEN_SQL, [id, at.toISOString()]);
    },

    async insertInvitation(invitation) {
      await write(SQL.INSERT_INVITATION_SQL, invitationParams(invitation));
    },
    getInvitation: (hash) => first(SQL.GET_INVITATION_SQL, [hash], invitationFromRow),
    consumeInvitation: async (hash, at) =>
      (await write(SQL.CONSUME_INVITATION_SQL, [hash, at.toISOString()])).length > 0,
    listInvitations: async (org) => (await read(SQL.LIST_INVITATIONS_SQL, [org])).map(invitationFromRow),
  };
}
