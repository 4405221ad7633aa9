import { z } from 'zod';
import { AppError } from '../domain/errors.ts';

export const UPSTREAM_KINDS = ['openai', 'anthropic'] as const;
export type UpstreamKind = (typeof UPSTREAM_KINDS)[number];

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/**
 * `[[gateway.upstreams]]`: a provider the gateway forwards to at `/proxy/<id>/v1/…`. Any OpenAI-compatible
 * server (OpenRouter, Azure OpenAI, a local model server) is kind "openai". The key stays on the server.
 */
export const upstreamConfigSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_-]{0,63}$/,
        'must be lowercase letters, digits, "-" or "_" (the route is /proxy/<id>/v1)',
      ),
    kind: z.enum(UPSTREAM_KINDS),
    /** Where `/v1` of the provider's API is, e.g. "https://api.openai.com/v1". */
    baseUrl: z.url({
      protocol: /^https?$/,
      error: 'must be an http(s) URL such as "https://api.openai.com/v1"',
    }),
    keyEnv: envName,
    /** Filled by the loader from `keyEnv`; never written in the file. */
    key: z.string().min(1),
    /** Provider name on the ledger (default: the kind), e.g. "openrouter". */
    provider: z.string().min(1).max(64).optional(),
  })
  .strict();
export type UpstreamConfig = z.output<typeof upstreamConfigSchema>;

/** `[gateway]`: upstreams, and the per-key limits (requests and tokens per minute, unset: none). */
export const gatewayConfigSchema = z
  .object({
    upstreams: z
      .array(upstreamConfigSchema)
      .default([])
      .refine((u) => new Set(u.map((x) => x.id)).size === u.length, 'each upstream needs its own id'),
    /** Requests per minute one gateway key may make. */
    rpm: z.coerce.number().int().min(1).optional(),
    /** Tokens (input and output) per minute one gateway key may use. */
    tpm: z.coerce.number().int().min(1).optional(),
    /** Output tokens reserved for a call that names no maximum (max_tokens and the like). */
    defaultMaxTokens: z.coerce.number().int().min(1).default(4096),
  })
  .strict();
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/**
 * Fills each `[[gateway.upstreams]]` entry's key from the variable its `key_env` names; a variable that
 * is not set stops start-up naming the upstream and the variable.
 */
export function resolveGatewayKeys(
  merged: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  file?: string,
): void {
  const gateway = merged.gateway as { upstreams?: unknown } | undefined;
  if (!gateway || !Array.isArray(gateway.upstreams)) return;
  const missing: string[] = [];
  gateway.upstreams = gateway.upstreams.map((raw: Record<string, unknown>, i: number) => {
    if (typeof raw?.keyEnv !== 'string') return raw;
    const key = env[raw.keyEnv];
    if (key) return { ...raw, key };
    missing.push(
      `  gateway.upstreams[${i}] ("${String(raw.id)}"): environment variable ${raw.keyEnv} is not set`,
    );
    return raw;
  });
  if (missing.length === 0) return;
  throw new AppError(
    'config_invalid',
    `a gateway upstream's key is missing (${file ?? 'config'}):\n${missing.join('\n')}\n` +
      'Set the variable to the provider API key (or in .env), or remove the upstream.',
  );
}
