import { performance } from 'node:perf_hooks';
import type { AppContext } from '../app/context.ts';
import { prepareUsage } from '../app/ingest.ts';
import { type FinishedCall, recordItem } from './record.ts';

interface Pending {
  call: FinishedCall;
  /** The call's reservation id, released as its record lands; null when it reserved nothing. */
  reservation: string | null;
  done: () => void;
  fail: (error: unknown) => void;
}

/** Writes finished calls' records off the response path; `idle` resolves when all are durable. */
export interface CallRecorder {
  add(call: FinishedCall, reservation: string | null): Promise<void>;
  idle(): Promise<void>;
  /** Writes go at once, without waiting out the interval, until the returned function is called. */
  hurry(): () => void;
}

/**
 * The least time between the starts of two writes. why: a write costs the store about the same
 * whatever its size (~20 ms of CPU on DuckDB), so writes back to back kept a core busy at any rate of
 * calls, and the gateway's answers waited behind them; spaced, they cost a fraction of that. A record
 * lands this much later at most. A call that holds a budget reservation is written at once, with what
 * waits: until its record lands its estimate, not its cost, counts against the budget, and a budget
 * near its amount would refuse calls it has room for.
 */
export const WRITE_INTERVAL_MS = 250;

/** A group this large is written without waiting out the interval. */
const MAX_GROUP = 2_000;

/**
 * Group commit for the gateway's records: a finished call after a quiet spell is written at once, and
 * the calls that finish while it is written, or within `intervalMs` of its start, go together in the
 * next write (one ingest, one commit), each with its reservation released in the same step as its
 * record lands (`Store.recordCalls`).
 */
export function createCallRecorder(
  ctx: AppContext,
  log: (message: string) => void,
  intervalMs = WRITE_INTERVAL_MS,
): CallRecorder {
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let hurried = 0;
  /** Pending calls holding a budget reservation: those are written at once (see `add`). */
  let reserving = 0;
  let wake: (() => void) | null = null;

  /** Waits out the rest of the interval since the last write began, unless hurried or the group is full. */
  async function spaced(): Promise<void> {
    const wait = lastStart + intervalMs - performance.now();
    if (wait <= 0 || hurried > 0 || pending.length >= MAX_GROUP || reserving > 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = null;
  }

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      await spaced();
      lastStart = performance.now();
      const taken = pending;
      pending = [];
      reserving = 0;
      const byOrg = new Map<string, Pending[]>();
      for (const p of taken) byOrg.set(p.call.org, [...(byOrg.get(p.call.org) ?? []), p]);
      for (const [org, group] of byOrg) await write(org, group);
    }
    running = null;
  }

  async function write(org: string, group: Pending[]): Promise<void> {
    const settle = group.flatMap((p) => (p.reservation ? [{ org, id: p.reservation }] : []));
    try {
      const items = group.map((p) => recordItem(p.call));
      const { records, rejected } = prepareUsage(ctx, { org, source: 'gateway', items });
      await ctx.gateway.recordCalls(records, settle);
      for (const r of rejected) {
        const why = r.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
        log(`gateway record ${String(items[r.index]?.id)} was refused: ${why}`);
      }
      for (const p of group) p.done();
    } catch (error) {
      // why: a reservation must not outlive its call; the next check then reads the ledger as it is.
      await Promise.all(settle.map((s) => ctx.gateway.settleReservation(s.org, s.id).catch(() => undefined)));
      for (const p of group) p.fail(error);
    }
  }

  return {
    add(call, reservation) {
      return new Promise<void>((done, fail) => {
        pending.push({ call, reservation, done, fail });
        if (reservation !== null) reserving++;
        if (pending.length >= MAX_GROUP || reservation !== null) wake?.();
        running ??= drain();
      });
    },
    hurry() {
      hurried++;
      wake?.();
      let released = false;
      return () => {
        if (!released) hurried--;
        released = true;
      };
    },
    async idle() {
      while (running) await running;
    },
  };
}
