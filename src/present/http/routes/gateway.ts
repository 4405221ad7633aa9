import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import type { UpstreamKind } from '../../../config/gateway.ts';
import { permits } from '../../../domain/access.ts';
import { providerError, type Refusal } from '../../../gateway/errors.ts';
import { type Answer, createGateway, type Gateway } from '../../../gateway/proxy.ts';
import { parseLimit } from '../query.ts';

/**
 * `/proxy/<upstream>/v1/*`: the gateway. A client changes only its base URL and key: a spendlens token
 * with the `gateway` scope, sent where its SDK sends a provider key (`Authorization: Bearer` or
 * `x-api-key`). Bodies pass as bytes; answers stream straight to the socket.
 */
export function gatewayRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  gateway: Gateway = createGateway(ctx),
): void {
  app.decorate('gateway', gateway);
  app.addHook('onClose', () => gateway.close());
  app.get('/api/v1/gateway/refusals', async (request) => {
    const limit = parseLimit(request.query as Record<string, string>, 50, 500);
    const refusals = await ctx.gateway.listRefusals(request.org, limit);
    return { refusals: refusals.map(({ org: _, ...r }) => r) };
  });
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    // why: helmet's hook builds its middleware anew on every request; its headers do not change, so the
    // gateway takes them once (from the same configuration, through the reply's helmet) and sets them itself.
    let secure: [string, number | string | string[]][] | null = null;
    scope.all('/proxy/:upstream/v1/*', { helmet: false }, async (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      secure ??= helmetHeaders(reply);
      for (const [name, value] of secure) res.setHeader(name, value);
      const id = (request.params as { upstream: string }).upstream;
      const upstream = ctx.config.gateway.upstreams.find((u) => u.id === id);
      const kind: UpstreamKind = upstream?.kind ?? 'openai';
      const fail = (why: Refusal, message: string) =>
        send(res, { ...providerError(kind, why, message), headers: {} });
      if (!upstream) {
        const known =
          ctx.config.gateway.upstreams.map((u) => u.id).join(', ') || 'none: add [[gateway.upstreams]]';
        return fail('not_found', `no gateway upstream "${id}" (configured: ${known})`);
      }
      const key = credential(request);
      if (!key)
        return fail(
          'unauthorized',
          'send a spendlens token with the gateway scope as "Authorization: Bearer <token>" or "x-api-key"',
        );
      const found = await gateway.authenticate(key);
      if (!found) return fail('unauthorized', 'the key is not a valid spendlens token for this gateway');
      if (!permits(found.principal, 'gateway')) {
        return fail(
          'forbidden',
          `${found.principal.actor} lacks the "gateway" scope: create a token with --scope gateway`,
        );
      }
      const prefix = `/proxy/${id}/v1`;
      const answer = await gateway.forward(
        {
          upstream,
          principal: found.principal,
          method: request.method,
          path: request.url.slice(prefix.length),
          headers: request.headers,
          body: Buffer.isBuffer(request.body) ? request.body : null,
        },
        res,
      );
      if (answer) send(res, answer);
    });
  });
}

/** The headers helmet sets on an answer, as its `reply.helmet()` sets them with the app's configuration. */
function helmetHeaders(reply: FastifyReply): [string, number | string | string[]][] {
  const res = reply.raw;
  const before = new Set(res.getHeaderNames());
  reply.helmet();
  return Object.entries(res.getHeaders()).flatMap(([name, value]) =>
    before.has(name) || value === undefined ? [] : [[name, value] as [string, number | string | string[]]],
  );
}

/** The spendlens key, where the official SDKs put a provider key: Bearer first, then x-api-key. */
function credential(request: FastifyRequest): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const key = request.headers['x-api-key'];
  return (Array.isArray(key) ? key[0] : key) || null;
}

function send(
  res: ServerResponse,
  answer: Answer | (Omit<Answer, 'headers'> & { headers: Record<string, string> }),
): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
