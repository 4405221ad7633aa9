const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const SESSION =
  '{signedIn, org, label, user: {email, name, role, teams: [{team, role: lead|member}]} | null, role, teams (null: all), leadOf, permissions, csrfToken}';
const USER =
  '{id, email, name, role, teams: [{team, role}], usageUser, disabled, lockedUntil, createdAt, lastLoginAt}';
const TOKEN = '{id, label, scopes: [ingest|read|admin], team, createdBy, createdAt, lastUsedAt, revokedAt}';
const LINK = '{link, url, expiresAt, emailed, emailError?}: the one-time link, shown once';

const answers = (description: string, need: string) => ({
  200: { description },
  401: { description: 'Missing or invalid credentials' },
  403: { description: `Needs the "${need}" permission` },
});
const done = (description: string) => ({ 204: { description } });

/** The OpenAPI paths of sign-in, one-time links, users, teams, tokens and the audit log. */
export function identityPaths() {
  const open = { security: [] };
  return {
    '/api/session': {
      get: {
        ...open,
        summary: 'The browser session',
        responses: { 200: { description: `${SESSION} or {signedIn: false}` } },
      },
      post: {
        ...open,
        summary:
          'Sign in with {email, password} (or {token}); sets the HttpOnly, SameSite=Lax session cookie',
        description:
          'Writes made with the cookie must send its csrfToken as X-CSRF-Token. Five wrong passwords lock the account for 15 minutes; more than 20 attempts from one address in 5 minutes answer 429 with Retry-After.',
        responses: {
          200: { description: SESSION },
          401: { description: 'email or password is wrong' },
          429: { description: 'Locked or rate-limited; Retry-After says when to try again' },
        },
      },
      delete: {
        ...open,
        summary: 'Sign out: the session ends',
        responses: { 200: { description: '{signedIn: false}' } },
      },
    },
    '/api/invitations/{token}': {
      get: {
        ...open,
        summary: 'What a one-time link is for',
        parameters: [path('token')],
        responses: {
          200: { description: '{kind: invite|reset|setup, email, role, teams, expiresAt}' },
          404: { description: 'Used, expired or unknown' },
        },
      },
    },
    '/api/invitations/{token}/accept': {
      post: {
        ...open,
        summary:
          'Use a one-time link once: {name, password (12+ characters), email (setup links only)}; signs in',
        parameters: [path('token')],
        responses: { 200: { description: SESSION }, 404: { description: 'Used, expired or unknown' } },
      },
    },
    '/api/v1/users': {
      get: { summary: 'Users of the org', responses: answers(`{users: [${USER}]}`, 'admin') },
      post: { summary: 'Invite a user {email, role, teams?}', responses: { 201: { description: LINK } } },
    },
    '/api/v1/users/{id}': {
      put: {
        summary: 'Change {role?, name?, usageUser?, disabled?, teams?} of a user (id or email)',
        parameters: [path('id')],
        responses: answers(USER, 'admin'),
      },
      delete: {
        summary: 'Remove a user and their sessions',
        parameters: [path('id')],
        responses: done('Removed'),
      },
    },
    '/api/v1/users/{id}/reset-password': {
      post: {
        summary: 'A one-time link to set a new password',
        parameters: [path('id')],
        responses: { 201: { description: LINK } },
      },
    },
    '/api/v1/invitations': {
      get: {
        summary: 'Pending invitations',
        responses: answers('{invitations: [{email, role, teams, createdBy, createdAt, expiresAt}]}', 'admin'),
      },
      post: { summary: 'Invite a user {email, role, teams?}', responses: { 201: { description: LINK } } },
    },
    '/api/v1/teams': {
      get: {
        summary: 'Teams one may see, with members',
        responses: answers('{teams: [{name, createdAt, members}]}', 'read'),
      },
      post: {
        summary: "Create a team {name} (the usage records' team value)",
        responses: { 201: { description: '{name, createdAt, members}' } },
      },
    },
    '/api/v1/teams/{name}': {
      delete: {
        summary: 'Delete a team and its memberships',
        parameters: [path('name')],
        responses: done('Deleted'),
      },
    },
    '/api/v1/teams/{name}/members': {
      post: {
        summary: 'Add a member {user (id or email), role: lead|member}',
        parameters: [path('name')],
        responses: done('Added'),
      },
    },
    '/api/v1/teams/{name}/members/{user}': {
      delete: {
        summary: 'Remove a member',
        parameters: [path('name'), path('user')],
        responses: done('Removed'),
      },
    },
    '/api/v1/tokens': {
      get: {
        summary: 'API tokens, without their secrets',
        responses: answers(`{tokens: [${TOKEN}]}`, 'admin'),
      },
      post: {
        summary: 'Create a token {scopes, team?, label?}; the answer holds its secret, once',
        responses: { 201: { description: `${TOKEN} and token` } },
      },
    },
    '/api/v1/tokens/{id}': {
      delete: {
        summary: 'Revoke a token: it stops working at once',
        parameters: [path('id')],
        responses: done('Revoked'),
      },
    },
    '/api/v1/audit': {
      get: {
        summary: 'Audit log of admin actions, newest first (`limit`, default 100)',
        responses: answers('{entries: [{at, actor, action, detail}]}', 'read_audit'),
      },
    },
  };
}
