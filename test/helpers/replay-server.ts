import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** One answer of the replay server. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
}

export interface Recorded {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  method: string;
  /** The request body as JSON when it parses, else as text ('' for none). */
  body: unknown;
}

export type Handler = (req: Recorded) => Reply;

export interface ReplayServer {
  url: string;
  requests: Recorded[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server replaying provider pages, for pull-source tests: the test decides each answer
 * (a page, a 429 with Retry-After, a 401, a 500) from the request, and reads back what was asked.
 */
export async function startReplayServer(handler: Handler): Promise<ReplayServer> {
  let current = handler;
  const requests: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded = {
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      method: req.method ?? 'GET',
      body: parseBody(text),
    };
    requests.push(recorded);
    const reply = current(recorded);
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      current = h;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : '';
  } catch {
    return text;
  }
}

/** A recorded page from test/fixtures/<source>/<name>.json. */
export function fixture(source: string, name: string): unknown {
  const path = resolve(import.meta.dirname, '../fixtures', source, `${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Answers in turn from `replies`, then always with `rest`. */
export function inTurn(replies: Reply[], rest: Handler): Handler {
  let i = 0;
  return (req) => (i < replies.length ? (replies[i++] as Reply) : rest(req));
}
