import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Agent, type Dispatcher, request } from 'undici';
import { type Budget, listBudgets } from '../app/budgets/manage.ts';
import type { AppContext } from '../app/context.ts';
import { type Authenticated, authenticate } from '../app/identity/resolve.ts';
import type { UpstreamConfig } from '../config/gateway.ts';
import type { Principal } from '../domain/access.ts';
import { callScope } from './attribution.ts';
import { reserveBudgets } from './budgets.ts';
import { providerError, type Refusal } from './errors.ts';
import { estimateMicros } from './estimate.ts';
import { clientHeaders, upstreamHeaders } from './headers.ts';
import { StreamMeter } from './meter.ts';
import { takeRate } from './rate.ts';
import { Recent } from './recent.ts';
import { callTokens } from './record.ts';
import { createCallRecorder } from './recorder.ts';
import { type CallRequest, readCall } from './request.ts';
import { SseSplitter } from './sse.ts';
import { type CallUsage, NO_USAGE, usageOfBody } from './usage.ts';

/** A reservation outlives the longest call the gateway waits for; then another instance may reclaim it. */
const RESERVATION_TTL_MS = 30 * 60_000;
/**
 * How long a key's principal and an org's budgets are reused. why: a change made in this process drops
 * them at once (`Store.gatewayChanges`); one made on another instance sharing PostgreSQL holds here
 * within this time.
 */
const CACHE_MS = 1_000;

/** One call as the route hands it over: the upstream, the path after `/v1`, what the client sent. */
export interface IncomingCall {
  upstream: UpstreamConfig;
  principal: Principal;
  method: string;
  /** The path after `/v1`, with its query. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
}

/** What the route sends when the gateway answers in the provider's stead. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface Gateway {
  /** The principal of a spendlens key (null: unknown, revoked, or its creator gone), reused briefly. */
  authenticate(credential: string): Promise<Authenticated | null>;
  /**
   * Checks and forwards a call. Answers a refusal for the route to send, or null once it has written
   * the provider's answer to `res` itself (streamed as it comes).
   */
  forward(call: IncomingCall, res: ServerResponse): Promise<Answer | null>;
  /** Resolves when every call's record has been written (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The gateway over a context; `dispatcher` is undici's connection pool to the upstreams. */
export function createGateway(
  ctx: AppContext,
  options: { dispatcher?: Dispatcher; log?: (message: string) => void } = {},
): Gateway {
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: 512 });
  const log = options.log ?? ((m: string) => console.warn(`spendlens gateway: ${m}`));
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    p.finally(() => pending.delete(p)).catch(() => undefined);
  };
  const recorder = createCallRecorder(ctx, log);
  const changes = () => ctx.gateway.gatewayChanges();
  const principals = new Recent<Authenticated | null>(CACHE_MS, changes);
  const budgets = new Recent<Budget[]>(CACHE_MS, changes);

  async function refuse(
    call: IncomingCall,
    why: Refusal,
    message: string,
    extra: Record<string, string> = {},
    model: string | null = null,
    budgetId: string | null = null,
  ): Promise<Answer> {
    const { status, body } = providerError(call.upstream.kind, why, message, extra['x-spendlens-limit']);
    if (why === 'budget' || why === 'rate_limited') {
      const reason =
        why === 'budget'
          ? 'budget'
          : extra['x-spendlens-limit'] === 'tokens'
            ? 'rate_tokens'
            : 'rate_requests';
      await ctx.gateway
        .insertRefusal({
          org: call.principal.org,
          at: ctx.now(),
          apiKey: call.principal.id,
          upstream: call.upstream.id,
          model,
          reason,
          budgetId,
          message,
        })
        .catch((e: unknown) => log(`could not write a refusal: ${(e as Error).message}`));
    }
    return { status, headers: extra, body };
  }

  return {
    authenticate(credential) {
      return principals.get(credential, () => authenticate(ctx, credential, 'bearer'));
    },
    async forward(call, res) {
      const { upstream, principal } = call;
      const org = principal.org;
      const now = ctx.now();
      const req = readCall(upstream.kind, call.method, call.path, call.body);
      const attributed = callScope(call.headers, principal);
      if (!attributed.ok) return refuse(call, 'forbidden', attributed.message);
      const provider = upstream.provider ?? upstream.kind;
      const scope = { ...attributed.scope, provider, model: req.model, service: req.service };
      const rate = await takeRate(ctx, org, principal.id, now);
      if (!rate.ok) return refuse(call, 'rate_limited', rate.message, rate.headers, req.model);
      const id = `gw_${randomUUID()}`;
      const headers: Record<string, string> = {};
      let reserved = false;
      if (req.service !== null) {
        const estimate = estimateMicros(
          ctx,
          {
            provider,
            model: req.model,
            bodyBytes: req.body.length,
            maxTokens: req.maxTokens,
            embeddings: req.service === 'embeddings',
          },
          now,
        );
        const verdict = await reserveBudgets(ctx, {
          org,
          budgets: await budgets.get(org, () => listBudgets(ctx, org)),
          id,
          call: scope,
          estimateMicros: estimate,
          now,
          ttlMs: RESERVATION_TTL_MS,
        });
        if (!verdict.ok) {
          const retry = Math.max(1, Math.ceil((verdict.resetAt.getTime() - now.getTime()) / 1000));
          return refuse(
            call,
            'budget',
            verdict.message,
            { 'retry-after': String(retry), 'x-should-retry': 'false' },
            req.model,
            verdict.budget,
          );
        }
        reserved = verdict.reserved;
        if (verdict.remaining) {
          headers['x-spendlens-budget'] = verdict.remaining.budget;
          headers['x-spendlens-budget-remaining'] =
            `${verdict.remaining.amount} ${verdict.remaining.currency}`;
        }
      }
      let answer: Dispatcher.ResponseData;
      try {
        answer = await request(upstream.baseUrl + call.path, {
          method: call.method as Dispatcher.HttpMethod,
          headers: upstreamHeaders(call.headers, upstream, call.body ? req.body.length : null),
          body: call.body ? req.body : undefined,
          dispatcher,
        });
      } catch (error) {
        if (reserved) await ctx.gateway.settleReservation(org, id);
        return refuse(
          call,
          'bad_gateway',
          `the upstream "${upstream.id}" did not answer: ${(error as Error).message}`,
        );
      }
      const metered = req.service !== null && answer.statusCode < 300;
      const relay = relayBody(answer, res, { ...headers }, metered ? req : null, upstream);
      // why: the record is written off the response path, and its reservation goes in the same step as it lands.
      const finished = relay.then(async (usage) => {
        if (!metered) return reserved ? ctx.gateway.settleReservation(org, id) : undefined;
        const finishedCall = {
          org,
          fallbackId: id,
          startedAt: now,
          endedAt: ctx.now(),
          provider,
          service: req.service ?? ('chat' as const),
          requestModel: req.model,
          scope,
          usage,
        };
        await recorder.add(finishedCall, reserved ? id : null);
        await rate.addTokens(callTokens(usage));
      });
      const done = finished.catch((e: unknown) => log(`call ${id}: ${(e as Error).message}`));
      track(done);
      await relay.catch(() => undefined);
      return null;
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await recorder.idle();
    },
    async close() {
      await this.idle();
      if (!options.dispatcher) await dispatcher.close();
    },
  };
}

/**
 * Writes the provider's answer to the client as it arrives and reads the call's usage on the way. The
 * upstream is read to its end even when the client leaves, so the call is billed as the provider counted.
 */
async function relayBody(
  answer: Dispatcher.ResponseData,
  res: ServerResponse,
  extra: Record<string, string>,
  req: CallRequest | null,
  upstream: UpstreamConfig,
): Promise<CallUsage> {
  const type = String(answer.headers['content-type'] ?? '');
  const sse = req !== null && type.startsWith('text/event-stream');
  const strip = sse && req.stripUsage;
  res.writeHead(answer.statusCode, { ...clientHeaders(answer.headers, !strip), ...extra });
  // why: a stream's client sees the headers at once; a whole answer's go out with its first bytes.
  if (type.startsWith('text/event-stream')) res.flushHeaders();
  let gone = false;
  res.once('close', () => {
    gone = true;
  });
  const send = async (data: Buffer | string) => {
    if (gone || res.destroyed) return;
    if (!res.write(data)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };
  const splitter = sse ? new SseSplitter() : null;
  const meter = sse ? new StreamMeter(upstream.kind, strip) : null;
  const whole: Buffer[] = [];
  try {
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      if (splitter && meter) {
        const events = splitter.push(chunk);
        if (!strip) await send(chunk);
        const kept = events.filter((e) => meter.read(e));
        if (strip && kept.length > 0) await send(kept.map((e) => e.raw).join(''));
      } else {
        if (req) whole.push(chunk);
        await send(chunk);
      }
    }
    if (splitter && meter) {
      const kept = splitter.end().filter((e) => meter.read(e));
      if (strip && kept.length > 0) await send(kept.map((e) => e.raw).join(''));
    }
  } catch {
    // why: an upstream cut short still cost what it counted so far; the client sees its stream end.
  } finally {
    if (!gone && !res.destroyed) res.end();
  }
  if (meter) return meter.usage;
  if (!req) return NO_USAGE;
  try {
    return usageOfBody(upstream.kind, JSON.parse(Buffer.concat(whole).toString('utf8'))) ?? NO_USAGE;
  } catch {
    return NO_USAGE;
  }
}
