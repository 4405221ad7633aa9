import { AppError, ERROR_CODES } from '../../domain/errors.ts';

/** A spendlens server reached over HTTP, for when the CLI cannot open the store itself. */
export interface Remote {
  url: string;
  token: string;
}

/** A view as the server's JSON carries it: its Date fields arrive as ISO strings. */
export type Wire<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

/** An ISO string from the server back into the Date the local store would have given. */
export const dateOf = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

type Answer = { error?: { code?: string; message?: string } };

/** The `--server` value as a base URL; a `bad_request` saying how to write it when it is not http(s). */
export function serverUrl(value: string): string {
  const example = `e.g. --server http://${value.replace(/^\w+:\/\//, '') || 'localhost:4180'}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('bad_request', `--server ${value} is not a URL: give its scheme and host, ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('bad_request', `--server ${value} needs http:// or https:// in front, ${example}`);
  return value;
}

async function send(remote: Remote, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, remote.url), {
    method,
    headers: {
      authorization: `Bearer ${remote.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error: Error) => {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    const why = cause?.code ?? cause?.message ?? error.message;
    throw new AppError(
      'unavailable',
      `${remote.url} did not answer (${why}): check --server, and that spendlens serve runs there`,
      { cause: error },
    );
  });
  const json = (await response.json().catch(() => ({}))) as Answer;
  if (response.status === 401)
    throw new AppError('unauthorized', `${remote.url} refused the token: check --token`);
  return { status: response.status, ok: response.ok, json };
}

/** Calls the server's API and returns the JSON answer, turning error answers into AppErrors. */
export async function callRemote(
  remote: Remote,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const { status, ok, json } = await send(remote, method, path, body);
  if (!ok && status !== 400) {
    throw new AppError(
      'unavailable',
      `${remote.url}${path} answered ${status}: ${json.error?.message ?? ''}`,
    );
  }
  return json;
}

/**
 * Calls the server's API and raises any error answer as the AppError the server raised (its code and
 * message), so a command's errors read the same through the server as on the local store.
 */
export async function callRemoteAsLocal(
  remote: Remote,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const { status, ok, json } = await send(remote, method, path, body);
  if (ok) return json;
  const code = ERROR_CODES.find((c) => c === json.error?.code) ?? 'unavailable';
  throw new AppError(code, json.error?.message ?? `${remote.url}${path} answered ${status}`);
}
