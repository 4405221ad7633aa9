import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGateway } from './harness.ts';
import type { Upstream } from './upstream.ts';

// How the gateway relays what an upstream sends, whatever the client and the upstream do: a client
// slower than the upstream, an upstream that breaks off, one that does not answer at all.

let server: Server;
let gw: GatewayHarness;
/** 8 MB, far past what the sockets hold, so the client's pace holds the upstream back. */
const BIG = Buffer.alloc(8 * 1024 * 1024, 'spendlens ');
const CHUNK = `data: ${JSON.stringify({ id: 'chatcmpl-relay', model: 'gpt-4o', choices: [{ delta: { content: 'x'.repeat(2000) } }], usage: null })}\n\n`;
const USAGE = `data: ${JSON.stringify({ id: 'chatcmpl-relay', model: 'gpt-4o', choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } })}\n\ndata: [DONE]\n\n`;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': BIG.length });
        res.end(BIG);
      } else if (req.url === '/v1/chat/completions') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let i = 0; i < 2000; i++) res.write(CHUNK);
        res.end(USAGE);
      } else if (req.url === '/v1/embeddings') {
        // An upstream that breaks off mid-answer.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
        res.write('{"object":"list","data":[');
        setTimeout(() => res.destroy(), 20);
      } else res.destroy();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gw = await startGateway({ upstream: { url } as Upstream });
});
afterAll(async () => {
  await gw?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

const call = (path: string, body?: unknown) =>
  fetch(`${gw.url}/proxy/openai/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });

/** Reads a body slowly: a pause after each piece, so the gateway must wait for the client. */
async function slowly(res: Response): Promise<Buffer> {
  const parts: Buffer[] = [];
  const reader = res.body!.getReader();
  for (let i = 0; ; i++) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(Buffer.from(value));
    if (i % 16 === 0) await sleep(1);
  }
}

describe('the gateway relays', () => {
  it('a whole answer larger than the sockets hold to a slow client, byte for byte', async () => {
    const res = await call('/models');
    expect(res.status).toBe(200);
    const got = await slowly(res);
    expect(got.length).toBe(BIG.length);
    expect(got.equals(BIG)).toBe(true);
  });

  it('a long stream to a slow client, every event but the usage chunk it did not ask for, and bills it', async () => {
    const res = await call('/chat/completions', { model: 'gpt-4o', stream: true, messages: [] });
    const text = (await slowly(res)).toString('utf8');
    expect(text).toBe(`${CHUNK.repeat(2000)}data: [DONE]\n\n`);
    const record = (await gw.records()).find((r) => r.id === 'chatcmpl-relay');
    expect(record).toMatchObject({ inputTokens: 7, outputTokens: 3 });
  });

  it('an answer the upstream broke off as far as it came, then ends it', async () => {
    const res = await call('/embeddings', { model: 'text-embedding-3-small', input: 'hi' });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    // The gateway goes on answering.
    const next = await call('/models');
    expect((await next.arrayBuffer()).byteLength).toBe(BIG.length);
  });

  it('a refusal in the provider’s shape when the upstream does not answer', async () => {
    const res = await call('/nothing-here');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/did not answer/) } });
  });
});
