/**
 * A delivery that did not go through. `status` is the receiver's HTTP status (or SMTP reply code);
 * `permanent` says a retry cannot help (a 404 webhook, a refused login); `retryAfterMs` is the wait
 * the receiver asked for (HTTP 429 `Retry-After`).
 */
export class ChannelError extends Error {
  readonly status: number | null;
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    options: {
      status?: number | null;
      permanent?: boolean;
      retryAfterMs?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChannelError';
    this.status = options.status ?? null;
    this.permanent = options.permanent ?? false;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Replaces every occurrence of the given secrets (a Slack URL is one) in a text with `…`. */
function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('…');
  return out;
}

/** The same error with the channel's secrets taken out of its message. */
export function redactError(error: unknown, secrets: readonly (string | undefined)[]): ChannelError {
  if (error instanceof ChannelError) {
    return new ChannelError(redact(error.message, secrets), {
      status: error.status,
      permanent: error.permanent,
      retryAfterMs: error.retryAfterMs,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChannelError(redact(message, secrets));
}
