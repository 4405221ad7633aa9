import { PullError, type PullFailure } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { backoffMs, type RetryPolicy, retryAfterMs } from './retry.ts';

/** What a pull source needs of HTTP: GET a JSON document, with retries, throttling and timeouts done. */
export interface HttpClient {
  getJson(url: URL, options: { headers: Record<string, string>; credential: string }): Promise<unknown>;
  /** The same for the APIs that read with a POST of a JSON body (Cursor's Admin API). */
  postJson(
    url: URL,
    body: unknown,
    options: { headers: Record<string, string>; credential: string },
  ): Promise<unknown>;
  /**
   * A request sent exactly as given (the AWS SDK signs body and headers), answered as JSON. `classify`
   * reads a failure whose status does not say what went wrong (AWS throttles and refuses keys with 400).
   */
  send(
    url: URL,
    init: Init,
    options: { credential: string; classify?: (status: number, body: string) => PullFailure | null },
  ): Promise<unknown>;
}

/** The client's I/O and clock, injected so tests run without real waits. */
export interface HttpDeps {
  fetch: typeof fetch;
  /** Rejects with the signal's reason when it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => Date;
  limiter: RateLimiter;
  retry: RetryPolicy;
  timeoutMs: number;
  /** Aborted at shutdown: retry waits and requests in flight stop at once, with the signal's reason. */
  signal?: AbortSignal;
  /** Told about each retry (endpoint and reason only). */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * A GET client for provider APIs. 5xx, timeouts and dropped connections are retried with backoff and
 * jitter; 429 waits for `Retry-After` when given; 401/403 fail at once (retrying a bad key only piles up
 * refusals). Every attempt passes the per-credential rate limit first.
 */
export function createHttpClient(deps: HttpDeps): HttpClient {
  async function request(url: URL, init: Init, credential: string, classify?: Classify): Promise<unknown> {
    const where = `${url.origin}${url.pathname}`;
    for (let attempt = 1; ; attempt++) {
      await deps.limiter.take(credential, deps.signal);
      const outcome = await attemptOnce(deps, url, init, where, credential, classify);
      if (outcome.ok) return outcome.body;
      const { error, waitMs } = outcome;
      if (!error.retryable || attempt >= deps.retry.attempts) throw error;
      const delayMs = waitMs ?? backoffMs(attempt, deps.retry, deps.random);
      deps.onRetry?.({ url: where, attempt, delayMs, reason: error.message });
      await deps.sleep(delayMs, deps.signal);
    }
  }
  return {
    getJson: (url, { headers, credential }) => request(url, { headers }, credential),
    postJson: (url, body, { headers, credential }) =>
      request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
        credential,
      ),
    send: (url, init, { credential, classify }) => request(url, init, credential, classify),
  };
}

type Init = { method?: 'POST'; headers: Record<string, string>; body?: string };
type Classify = (status: number, body: string) => PullFailure | null;
type Outcome = { ok: true; body: unknown } | { ok: false; error: PullError; waitMs: number | null };

async function attemptOnce(
  deps: HttpDeps,
  url: URL,
  init: Init,
  where: string,
  credential: string,
  classify?: Classify,
): Promise<Outcome> {
  let response: Response;
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  try {
    const signal = deps.signal ? AbortSignal.any([deps.signal, timeout]) : timeout;
    response = await deps.fetch(url, { ...init, signal });
  } catch (cause) {
    // why: a shutdown is not a network failure to retry; it ends the sync where it stands.
    deps.signal?.throwIfAborted();
    const timedOut = (cause as Error).name === 'TimeoutError';
    const message = timedOut
      ? `${where} did not answer within ${deps.timeoutMs / 1000} s`
      : `${where} could not be reached: ${(cause as Error).message}`;
    return {
      ok: false,
      error: new PullError(timedOut ? 'timeout' : 'network', message, { cause }),
      waitMs: null,
    };
  }
  if (response.ok) return readBody(response, where);
  // why: an error body that echoes the request must not carry the key into a status or a log.
  const body = (await response.text().catch(() => '')).replaceAll(credential, '***');
  const detail = body.slice(0, 200).replace(/\s+/g, ' ');
  const status = response.status;
  const said = `${where} answered ${status}${detail ? `: ${detail}` : ''}`;
  const classified = classify?.(status, body);
  if (classified === 'rate_limited')
    return { ok: false, error: new PullError(classified, said, { status }), waitMs: null };
  if (classified === 'auth' || status === 401 || status === 403) {
    return { ok: false, error: new PullError('auth', said, { status }), waitMs: null };
  }
  if (status === 429) {
    const header = response.headers.get('retry-after') ?? msRetryAfter(response.headers);
    const waitMs = retryAfterMs(header, deps.now(), deps.retry.maxMs);
    return { ok: false, error: new PullError('rate_limited', said, { status }), waitMs };
  }
  const kind = status >= 500 || status === 408 ? 'http' : 'refused';
  return { ok: false, error: new PullError(kind, said, { status }), waitMs: null };
}

/** Azure's own wait headers (`x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after`…), the longest. */
function msRetryAfter(headers: Headers): string | null {
  const waits = [...headers.entries()]
    .filter(([name, value]) => /^x-ms-ratelimit-.*retry-after$/.test(name) && /^\d+$/.test(value.trim()))
    .map(([, value]) => Number(value));
  return waits.length ? String(Math.max(...waits)) : null;
}

async function readBody(response: Response, where: string): Promise<Outcome> {
  // why: Azure Cost Management answers 204 with no body when a query has no data.
  if (response.status === 204) return { ok: true, body: null };
  const text = await response.text();
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (cause) {
    const error = new PullError('schema', `${where} answered with something that is not JSON`, { cause });
    return { ok: false, error, waitMs: null };
  }
}
