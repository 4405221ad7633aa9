import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { type Budget, listBudgets } from '../app/budgets/manage.ts';
import type { AppContext } from '../app/context.ts';
import { type Authenticated, authenticate } from '../app/identity/resolve.ts';
import type { UpstreamConfig, UpstreamKind } from '../config/gateway.ts';
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
import { type SseEvent, SseSplitter } from './sse.ts';
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
      const relay = new Relay(res, headers, req.service !== null ? req : null, upstream.kind);
      try {
        // why: undici's dispatch, not `request`: the answer is relayed from its callbacks as it comes,
        // without a body stream and an async iterator between the socket and the client.
        const url = new URL(upstream.baseUrl + call.path);
        dispatcher.dispatch(
          {
            origin: url.origin,
            path: url.search ? `${url.pathname}${url.search}` : url.pathname,
            method: call.method as Dispatcher.HttpMethod,
            headers: upstreamHeaders(call.headers, upstream, call.body ? req.body.length : null),
            body: call.body ? req.body : null,
          },
          relay,
        );
        await relay.started;
      } catch (error) {
        if (reserved) await ctx.gateway.settleReservation(org, id);
        return refuse(
          call,
          'bad_gateway',
          `the upstream "${upstream.id}" did not answer: ${(error as Error).message}`,
        );
      }
      const metered = relay.metered;
      // why: the record is written off the response path, and its reservation goes in the same step as it lands.
      const finished = relay.finished.then(async (usage) => {
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
        // why: the tokens count against the key's rate at once; its record may wait for the next write.
        await Promise.all([
          recorder.add(finishedCall, reserved ? id : null),
          rate.addTokens(callTokens(usage)),
        ]);
      });
      const done = finished.catch((e: unknown) => log(`call ${id}: ${(e as Error).message}`));
      track(done);
      await relay.finished;
      return null;
    },
    async idle() {
      // why: whoever waits for the records (a test, shutdown) should not wait out the write interval.
      const release = recorder.hurry();
      try {
        while (pending.size > 0) await Promise.allSettled([...pending]);
        await recorder.idle();
      } finally {
        release();
      }
    },
    async close() {
      await this.idle();
      if (!options.dispatcher) await dispatcher.close();
    },
  };
}

/**
 * Writes the provider's answer to the client as it arrives (undici's dispatch handler) and reads the
 * call's usage on the way. The upstream is read to its end even when the client leaves, so the call is
 * billed as the provider counted; while the client is slow, the upstream is paused.
 */
class Relay implements Dispatcher.DispatchHandler {
  /** Resolves once the answer's headers are written; rejects when the upstream did not answer. */
  readonly started: Promise<void>;
  /** Resolves with the call's usage once the answer has ended, whole or cut short; never rejects. */
  readonly finished: Promise<CallUsage>;
  /** The call is billed: a metered service that the upstream answered with success. */
  metered = false;
  private begin!: () => void;
  private fail!: (error: Error) => void;
  private end!: (usage: CallUsage) => void;
  private answered = false;
  private done = false;
  private gone = false;
  /** The client's socket is full: the upstream is paused until it drains. */
  private waiting = false;
  private strip = false;
  private splitter: SseSplitter | null = null;
  private meter: StreamMeter | null = null;
  private readonly whole: Buffer[] = [];
  private controller: Dispatcher.DispatchController | null = null;

  constructor(
    private readonly res: ServerResponse,
    private readonly extra: Record<string, string>,
    /** The call when its service is metered, else null. */
    private readonly req: CallRequest | null,
    private readonly kind: UpstreamKind,
  ) {
    this.started = new Promise((resolve, reject) => {
      this.begin = resolve;
      this.fail = reject;
    });
    // why: a dispatch that throws is answered by the caller; its rejection must not go unhandled.
    this.started.catch(() => undefined);
    this.finished = new Promise((resolve) => {
      this.end = resolve;
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // why: informational answers (100 Continue) are not the answer.
    if (statusCode < 200 || this.answered) return;
    this.answered = true;
    this.controller = controller;
    const res = this.res;
    const req = statusCode < 300 ? this.req : null;
    this.metered = req !== null;
    const type = String(headers['content-type'] ?? '');
    const stream = type.startsWith('text/event-stream');
    const sse = req !== null && stream;
    this.strip = sse && req.stripUsage;
    try {
      res.writeHead(statusCode, { ...clientHeaders(headers, !this.strip), ...this.extra });
      // why: a stream's client sees the headers at once; a whole answer's go out with its first bytes.
      if (stream) res.flushHeaders();
    } catch (error) {
      // why: headers the client cannot be sent: it sees its connection close, and nothing is billed.
      this.metered = false;
      res.destroy();
      this.begin();
      controller.abort(error as Error);
      return;
    }
    if (sse) {
      this.splitter = new SseSplitter();
      this.meter = new StreamMeter(this.kind, this.strip);
    }
    res.once('close', () => {
      this.gone = true;
      this.controller?.resume();
    });
    this.begin();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.answered) return;
    try {
      const { splitter, meter } = this;
      if (splitter && meter) {
        const events = splitter.push(chunk);
        if (!this.strip) this.send(chunk);
        this.sendKept(events.filter((e) => meter.read(e)));
      } else {
        if (this.metered) this.whole.push(chunk);
        this.send(chunk);
      }
    } catch (error) {
      controller.abort(error as Error);
    }
  }

  onResponseEnd(): void {
    if (!this.answered) {
      this.onResponseError(null, new Error('the upstream sent no answer'));
      return;
    }
    try {
      const { splitter, meter } = this;
      if (splitter && meter) this.sendKept(splitter.end().filter((e) => meter.read(e)));
    } catch {
      // why: as for a stream cut short: what was metered so far is billed.
    }
    this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (!this.answered) {
      this.answered = true;
      this.done = true;
      this.fail(error);
      this.end(NO_USAGE);
      return;
    }
    // why: an upstream cut short still cost what it counted so far. The client sees a stream end there;
    // an answer of a stated length is cut off instead, as the upstream cut it (ended, its client would
    // wait for the rest).
    if (this.res.hasHeader('content-length')) this.res.destroy();
    this.finish();
  }

  private sendKept(kept: SseEvent[]): void {
    if (this.strip && kept.length > 0)
      this.send(kept.length === 1 ? kept[0]!.raw : kept.map((e) => e.raw).join(''));
  }

  private send(data: Buffer | string): void {
    const res = this.res;
    if (this.gone || res.destroyed) return;
    if (!res.write(data) && !this.waiting) {
      this.waiting = true;
      this.controller?.pause();
      res.once('drain', () => {
        this.waiting = false;
        this.controller?.resume();
      });
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (!this.gone && !this.res.destroyed) this.res.end();
    this.end(this.usage());
  }

  private usage(): CallUsage {
    if (this.meter) return this.meter.usage;
    if (!this.metered) return NO_USAGE;
    try {
      return usageOfBody(this.kind, JSON.parse(Buffer.concat(this.whole).toString('utf8'))) ?? NO_USAGE;
    } catch {
      return NO_USAGE;
    }
  }
}
