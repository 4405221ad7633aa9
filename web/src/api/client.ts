import type { FieldError } from './types.ts';

/** A failed API call: the HTTP status and the server's `{error: {code, message, errors}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];

  constructor(status: number, code: string, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** Fired on `window` when the server no longer accepts the session, so the frame shows the sign-in page. */
export const SIGNED_OUT_EVENT = 'spendlens:signed-out';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Answer with the parsed body even on these non-2xx statuses (e.g. 400 from a batch that was all rejected). */
  acceptStatus?: number[];
}

// why: the server wants this session's CSRF token on every state-changing request made with the cookie;
// `/api/session` hands it out (on sign-in and when asked), so it is kept from those answers.
let csrfToken: string | null = null;

/** Calls the API with the session cookie; throws `ApiError` on a non-2xx answer. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
    signal: options.signal,
  };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'cannot reach the spendlens server: is it running?');
  }
  const body = await readBody(response);
  if (path === '/api/session') csrfToken = (body as { csrfToken?: string | null }).csrfToken ?? null;
  if (response.ok || options.acceptStatus?.includes(response.status)) return body as T;
  const detail = (body as { error?: { code?: string; message?: string; errors?: FieldError[] } }).error;
  if (response.status === 401 && path.startsWith('/api/v1/')) {
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  throw new ApiError(
    response.status,
    detail?.code ?? 'http_error',
    detail?.message ?? `the server answered ${response.status} ${response.statusText}`,
    detail?.errors ?? [],
  );
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'bad_response', message: text.slice(0, 200) } };
  }
}
