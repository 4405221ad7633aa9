/** How a pull failed; the sync use case decides from it whether to retry, and what to tell the user. */
export const PULL_FAILURES = [
  'auth',
  'refused',
  'http',
  'timeout',
  'network',
  'schema',
  'rate_limited',
] as const;
export type PullFailure = (typeof PULL_FAILURES)[number];

/** A failed request or page. Messages name the endpoint, never the credential. */
export class PullError extends Error {
  readonly kind: PullFailure;
  readonly status: number | null;

  constructor(kind: PullFailure, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'PullError';
    this.kind = kind;
    this.status = options.status ?? null;
  }

  /** Worth another attempt: server trouble, throttling, timeouts and dropped connections. */
  get retryable(): boolean {
    return (
      this.kind === 'http' ||
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      this.kind === 'rate_limited'
    );
  }
}
