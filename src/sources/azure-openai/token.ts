import { z } from 'zod';
import { type PullContext, parsePage } from '../http/adapter.ts';
import { PullError, type PullFailure } from '../http/errors.ts';

const AUTHORITY = 'https://login.microsoftonline.com';
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().nullish() });

/** Entra ID refuses a bad secret or client with 400 or 401 and an OAuth error code. */
function entraFailure(status: number, body: string): PullFailure | null {
  if (status !== 400) return null;
  return /"error"\s*:\s*"(invalid_client|unauthorized_client|invalid_grant)"/.test(body) ? 'auth' : null;
}

/**
 * The bearer token for Azure Resource Manager: the source's key itself, or, when the source names an
 * app registration (`tenantId`, `clientId`), one fetched with the key as its client secret (OAuth client
 * credentials). Entra ID tokens last about an hour, so a secret keeps a source running unattended.
 */
export async function bearerToken(ctx: PullContext): Promise<string> {
  const { tenantId, clientId, authorityUrl } = ctx.settings;
  if (typeof tenantId !== 'string' || typeof clientId !== 'string') return ctx.key;
  const authority = typeof authorityUrl === 'string' ? authorityUrl.replace(/\/$/, '') : AUTHORITY;
  const url = new URL(`${authority}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`);
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: ctx.key,
    scope: 'https://management.azure.com/.default',
  }).toString();
  const raw = await ctx.http
    .send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      },
      { credential: ctx.key, classify: entraFailure },
    )
    .catch((error: unknown) => {
      if (!(error instanceof PullError) || error.kind !== 'auth') throw error;
      const message = `Microsoft Entra ID refused client ${clientId} of tenant ${tenantId}: ${error.message}`;
      throw new PullError('auth', message, { status: error.status ?? undefined, cause: error });
    });
  return parsePage(tokenSchema, raw, `Microsoft Entra ID (tenant ${tenantId}, client ${clientId})`)
    .access_token;
}
