import { AppError } from '../../domain/errors.ts';

/** A spendlens server reached over HTTP, for when the CLI cannot open the store itself. */
export interface Remote {
  url: string;
  token: string;
}

/** Calls the server's API and returns the JSON answer, turning error answers into AppErrors. */
export async function callRemote(
  remote: Remote,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(new URL(path, remote.url), {
    method,
    headers: {
      authorization: `Bearer ${remote.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (response.status === 401)
    throw new AppError('unauthorized', `${remote.url} refused the token: check --token`);
  if (!response.ok && response.status !== 400) {
    throw new AppError(
      'unavailable',
      `${remote.url}${path} answered ${response.status}: ${json.error?.message ?? ''}`,
    );
  }
  return json;
}
