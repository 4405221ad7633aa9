import type { UpstreamKind } from '../config/gateway.ts';

/** Why the gateway answers instead of the provider. */
export type Refusal = 'unauthorized' | 'forbidden' | 'not_found' | 'rate_limited' | 'budget' | 'bad_gateway';

const STATUS: Record<Refusal, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  budget: 429,
  bad_gateway: 502,
};

const ANTHROPIC_TYPE: Record<Refusal, string> = {
  unauthorized: 'authentication_error',
  forbidden: 'permission_error',
  not_found: 'not_found_error',
  rate_limited: 'rate_limit_error',
  budget: 'rate_limit_error',
  bad_gateway: 'api_error',
};

const OPENAI_TYPE: Record<Refusal, string> = {
  unauthorized: 'authentication_error',
  forbidden: 'permission_error',
  not_found: 'invalid_request_error',
  rate_limited: 'requests',
  budget: 'insufficient_quota',
  bad_gateway: 'server_error',
};

/**
 * A refusal in the provider's own error shape, so its SDK raises the error it knows (RateLimitError for
 * a 429): OpenAI `{error: {message, type, param, code}}`, Anthropic `{type: "error", error: {type, message}}`.
 */
export function providerError(
  kind: UpstreamKind,
  why: Refusal,
  message: string,
  code?: string,
): { status: number; body: unknown } {
  const status = STATUS[why];
  if (kind === 'anthropic') {
    return { status, body: { type: 'error', error: { type: ANTHROPIC_TYPE[why], message } } };
  }
  const type = why === 'rate_limited' && code === 'tokens' ? 'tokens' : OPENAI_TYPE[why];
  const errorCode =
    why === 'budget' ? 'budget_exceeded' : why === 'rate_limited' ? 'rate_limit_exceeded' : null;
  return { status, body: { error: { message, type, param: null, code: errorCode } } };
}
