import type { PullContext } from '../http/adapter.ts';
import type { PullFailure } from '../http/errors.ts';

/** What the SDK hands its request handler, signed (only what is read here). */
interface SignedRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

const THROTTLED = new Set(['LimitExceededException', 'ThrottlingException', 'TooManyRequestsException']);
const REFUSED_KEY = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'AccessDeniedException',
]);

/** AWS throttles and refuses keys with HTTP 400; the error's `__type` says which. */
function awsFailure(_status: number, body: string): PullFailure | null {
  let type = '';
  try {
    type = String((JSON.parse(body) as { __type?: unknown }).__type ?? '');
  } catch {
    return null;
  }
  const name = type.slice(type.lastIndexOf('#') + 1);
  if (THROTTLED.has(name)) return 'rate_limited';
  return REFUSED_KEY.has(name) ? 'auth' : null;
}

/** The SDK's serialized body, as text (awsJson1.1 bodies are UTF-8 JSON, as a string or as bytes). */
function textOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return undefined;
}

/**
 * A request handler for the AWS SDK that sends its signed requests through the source's HTTP client,
 * so a Cost Explorer source has the same rate limit, timeouts, retries, shutdown and redaction as
 * every other source (the SDK's own retries are off). The answer goes back to the SDK as JSON text.
 */
export function httpClientHandler(ctx: PullContext) {
  return {
    async handle(request: SignedRequest) {
      const port = request.port ? `:${request.port}` : '';
      const url = new URL(`${request.protocol}//${request.hostname}${port}${request.path}`);
      for (const [key, value] of Object.entries(request.query ?? {})) {
        for (const v of Array.isArray(value) ? value : [value ?? '']) url.searchParams.append(key, v);
      }
      // why: fetch sets Host and Content-Length itself, to the same values the signature covers.
      const { host: _host, 'content-length': _length, ...headers } = request.headers;
      const body = textOf(request.body);
      const answer = await ctx.http.send(
        url,
        { method: 'POST', headers, ...(body === undefined ? {} : { body }) },
        { credential: ctx.key, classify: awsFailure },
      );
      const text = new TextEncoder().encode(JSON.stringify(answer));
      return {
        response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: text },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}
