import { ChannelError } from './errors.ts';

/** The I/O an HTTP channel uses; tests point it at a local receiver. */
export interface HttpChannelDeps {
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs: number;
}

/** Retry-After caps: a receiver asking for hours is not waited for inside one delivery. */
const MAX_RETRY_AFTER_MS = 300_000;

/**
 * POSTs a JSON body and resolves on a 2xx. A failure becomes a `ChannelError` that carries the status
 * but never the URL (a Slack webhook URL is itself the credential).
 */
export async function postJson(
  deps: HttpChannelDeps,
  what: string,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<void> {
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'spendlens', ...headers },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
  } catch (error) {
    throw new ChannelError(`${what}: the receiver could not be reached (${networkReason(error)})`, {
      cause: error,
    });
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
  const status = response.status;
  throw new ChannelError(`${what}: HTTP ${status}${text ? ` ${text}` : ''}`, {
    status,
    // why: 4xx means the receiver refused this message or URL; sending it again gets the same answer.
    permanent: status >= 400 && status < 500 && status !== 408 && status !== 429,
    retryAfterMs: retryAfter(response.headers.get('retry-after'), deps.now()),
  });
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
function retryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(seconds) ? Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_MS) : null;
}

/** Why a request never got an answer, without the address (the URL may be the secret). */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
