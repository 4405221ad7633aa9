import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app/context.ts';
import { inviteUser, resetLink } from '../../../app/identity/invitations.ts';
import { addMember, createTeam, deleteTeam, listTeams, removeMember } from '../../../app/identity/teams.ts';
import { createToken, listTokens, revokeToken } from '../../../app/identity/tokens.ts';
import { changeUser, listUsers, removeUser } from '../../../app/identity/users.ts';
import { canSeeTeam, ROLES, TEAM_ROLES, TOKEN_SCOPES } from '../../../domain/access.ts';
import { principalOf } from '../auth.ts';
import { parseLimit } from '../query.ts';
import { parse } from './analysis-query.ts';

const membership = z
  .union([
    z.string().min(1),
    z.object({ team: z.string().min(1), role: z.enum(TEAM_ROLES).default('member') }),
  ])
  .transform((m) => (typeof m === 'string' ? { team: m, role: 'member' as const } : m));
export const inviteBody = z
  .object({
    email: z.string().max(254),
    role: z.enum(ROLES),
    teams: z.array(membership).max(100).default([]),
  })
  .strict();
export const userChange = z
  .object({
    role: z.enum(ROLES).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    usageUser: z.string().trim().min(1).max(256).nullable().optional(),
    disabled: z.boolean().optional(),
    teams: z.array(membership).max(100).optional(),
  })
  .strict();
export const teamBody = z.object({ name: z.string().max(128) }).strict();
export const memberBody = z
  .object({ user: z.string().min(1).max(254), role: z.enum(TEAM_ROLES).default('member') })
  .strict();
export const tokenBody = z
  .object({
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
    team: z.string().max(128).nullable().optional(),
    label: z.string().trim().max(100).optional(),
  })
  .strict();

type Id = { Params: { id: string } };
type Team = { Params: { name: string } };
type Member = { Params: { name: string; user: string } };

/** The caller's own address, for links when no dashboard URL is configured. */
const base = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Users, teams, API tokens, invitations and the audit log; permissions come from `PERMISSIONS` in auth.ts. */
export function identityRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/users', async (request) => ({ users: await listUsers(ctx, request.org) }));

  // Adding a user is inviting them: they choose their own password through the link.
  app.post('/api/v1/users', async (request, reply) => {
    const body = parse(inviteBody, request.body);
    const link = await inviteUser(ctx, request.org, body, principalOf(request), base(request));
    return reply.status(201).send({ link: link.url, ...link });
  });

  app.put<Id>('/api/v1/users/:id', async (request) =>
    changeUser(ctx, request.org, request.params.id, parse(userChange, request.body), principalOf(request)),
  );

  app.delete<Id>('/api/v1/users/:id', async (request, reply) => {
    await removeUser(ctx, request.org, request.params.id, principalOf(request));
    return reply.status(204).send();
  });

  app.post<Id>('/api/v1/users/:id/reset-password', async (request, reply) => {
    const link = await resetLink(ctx, request.org, request.params.id, principalOf(request), base(request));
    return reply.status(201).send({ link: link.url, ...link });
  });

  app.post('/api/v1/invitations', async (request, reply) => {
    const body = parse(inviteBody, request.body);
    const link = await inviteUser(ctx, request.org, body, principalOf(request), base(request));
    return reply.status(201).send({ link: link.url, ...link });
  });

  app.get('/api/v1/invitations', async (request) => {
    const now = ctx.now();
    const pending = (await ctx.identity.listInvitations(request.org)).filter(
      (i) => !i.acceptedAt && i.expiresAt > now && i.kind === 'invite',
    );
    return {
      invitations: pending.map(({ email, role, teams, createdBy, createdAt, expiresAt }) => ({
        email,
        role,
        teams,
        createdBy,
        createdAt,
        expiresAt,
      })),
    };
  });

  // Everyone may list teams; those restricted to some teams see only theirs.
  app.get('/api/v1/teams', async (request) => {
    const p = principalOf(request);
    return { teams: (await listTeams(ctx, request.org)).filter((t) => canSeeTeam(p, t.name)) };
  });

  app.post('/api/v1/teams', async (request, reply) => {
    const { name } = parse(teamBody, request.body);
    return reply.status(201).send(await createTeam(ctx, request.org, name, principalOf(request)));
  });

  app.delete<Team>('/api/v1/teams/:name', async (request, reply) => {
    await deleteTeam(ctx, request.org, request.params.name, principalOf(request));
    return reply.status(204).send();
  });

  app.post<Team>('/api/v1/teams/:name/members', async (request, reply) => {
    const body = parse(memberBody, request.body);
    await addMember(ctx, request.org, { team: request.params.name, ...body }, principalOf(request));
    return reply.status(204).send();
  });

  app.delete<Member>('/api/v1/teams/:name/members/:user', async (request, reply) => {
    const { name: team, user } = request.params;
    await removeMember(ctx, request.org, { team, user }, principalOf(request));
    return reply.status(204).send();
  });

  app.get('/api/v1/tokens', async (request) => ({ tokens: await listTokens(ctx, request.org) }));

  app.post('/api/v1/tokens', async (request, reply) => {
    const body = parse(tokenBody, request.body);
    return reply.status(201).send(await createToken(ctx, request.org, body, principalOf(request)));
  });

  app.delete<Id>('/api/v1/tokens/:id', async (request, reply) => {
    await revokeToken(ctx, request.org, request.params.id, principalOf(request));
    return reply.status(204).send();
  });

  app.get('/api/v1/audit', async (request) => {
    const limit = parseLimit(request.query as Record<string, string>, 100, 1000);
    const entries = await ctx.audit.listAudit(request.org, limit);
    return { entries: entries.map(({ at, actor, action, detail }) => ({ at, actor, action, detail })) };
  });
}
