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
}

/**
 * Group commit for the gateway's records: the first finished call is written at once, and the calls
 * that finish while it is written go together in the next write (one ingest, one commit), each with
 * its reservation released in the same step as its record lands (`Store.recordCalls`).
 */
export function createCallRecorder(ctx: AppContext, log: (message: string) => void): CallRecorder {
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const taken = pending;
      pending = [];
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
        running ??= drain();
      });
    },
    async idle() {
      while (running) await running;
    },
  };
}
