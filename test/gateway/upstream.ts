import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/gateway', name), 'utf8');

/** The recorded provider answers the upstream replays, read once. */
export const FIXTURES = {
  chat: fixture('openai-chat.json'),
  chatStream: fixture('openai-chat-stream.sse'),
  responses: fixture('openai-responses.json'),
  responsesStream: fixture('openai-responses-stream.sse'),
  embeddings: fixture('openai-embeddings.json'),
  message: fixture('anthropic-message.json'),
  messageStream: fixture('anthropic-message-stream.sse'),
};

export interface UpstreamRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export interface Upstream {
  url: string;
  requests: UpstreamRequest[];
  /** Wait this long between streamed events (default none). */
  eventDelayMs: number;
  /** Streams the client broke off that the upstream still sent to the end. */
  finishedStreams: number;
  /** Give each answer its own provider id (the recorded id plus a counter), as a provider does. */
  uniqueIds: boolean;
  close(): Promise<void>;
}

/**
 * A local provider replaying real OpenAI and Anthropic answers, streamed event by event the way the
 * providers stream them. Like OpenAI, a Chat Completions stream carries its usage chunk only when the
 * request asked for it with `stream_options.include_usage`.
 */
export async function startUpstream(): Promise<Upstream> {
  const state: Upstream = {
    url: '',
    requests: [],
    eventDelayMs: 0,
    finishedStreams: 0,
    uniqueIds: false,
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    state.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const stream = body?.stream === true;
    const picked = pick(path, stream);
    const answer =
      picked && state.uniqueIds ? picked.replace(PROVIDER_ID, `$1x${state.requests.length}"`) : picked;
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: `no route ${path}`, type: 'invalid_request_error', param: null, code: null },
        }),
      );
      return;
    }
    const ids =
      path === '/v1/messages'
        ? { 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' }
        : { 'x-request-id': 'req_8f2c1a' };
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json', ...ids });
      res.end(answer);
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...ids,
    });
    const wantsUsage =
      (body?.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    for (const event of answer.split(/(?<=\n\n)/)) {
      if (path === '/v1/chat/completions' && !wantsUsage && event.includes('"choices":[]')) continue;
      res.write(event);
      if (state.eventDelayMs > 0) await sleep(state.eventDelayMs);
      else await new Promise((r) => setImmediate(r));
    }
    res.end();
    state.finishedStreams++;
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

/** The provider's id of an answer, in every event of a stream. */
const PROVIDER_ID = /("id"\s*:\s*"(?:chatcmpl-|resp_|msg_)[A-Za-z0-9]+)"/g;

function pick(path: string, stream: boolean): string | null {
  switch (path) {
    case '/v1/chat/completions':
      return stream ? FIXTURES.chatStream : FIXTURES.chat;
    case '/v1/responses':
      return stream ? FIXTURES.responsesStream : FIXTURES.responses;
    case '/v1/embeddings':
      return FIXTURES.embeddings;
    case '/v1/messages':
      return stream ? FIXTURES.messageStream : FIXTURES.message;
    case '/v1/messages/count_tokens':
      return JSON.stringify({ input_tokens: 14 });
    default:
      return null;
  }
}
