// Replayed days through spendlens's real pipeline: a fresh app with an OpenAI and an Anthropic source
// pointed at a local server that answers as the providers' admin APIs (provider-api.ts), one real sync
// of each, then the reconciliation read over HTTP.

import { sourceRunner } from '../../src/app/sources/runner.ts';
import { decimalToScaled } from '../../src/domain/money.ts';
import type { ReconciliationJson } from '../../src/present/json/reconciliation.ts';
import { type Engine, startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { startReplayServer } from '../../test/helpers/replay-server.ts';
import { REPLAY_BACKFILL_DAYS, REPLAY_NOW, type ReplayedDay } from './days.ts';
import { answer } from './provider-api.ts';

/** spendlens's figures for one provider day, summed over its projects, in micro-dollars. */
export interface Measured {
  provider: string;
  day: string;
  estimatedMicros: bigint;
  /** The bill's charges (positive lines) as spendlens read them from the cost report. */
  chargesMicros: bigint;
  creditsMicros: bigint;
  /** The bill net of credits (the existing `billed` field). */
  billedMicros: bigint;
}

export interface ReplayRun {
  measured: Measured[];
  reconciliation: ReconciliationJson;
  /** The app, still open, for further reads; `close` ends it and the replay server. */
  app: TestApp;
  close(): Promise<void>;
}

const micros = (text: string | null | undefined) => (text ? (decimalToScaled(text, 6) ?? 0n) : 0n);

/** Syncs both sources over the replayed days and reads `GET /api/v1/reconciliation` for the span. */
export async function replayThroughSpendlens(
  days: ReplayedDay[],
  engine: Engine = 'duckdb',
): Promise<ReplayRun> {
  const server = await startReplayServer((req) => answer(days, req.path, req.query));
  const app = await startTestApp({}, () => REPLAY_NOW, engine);
  try {
    sourceRunner(app.ctx, { sleep: async () => undefined, log: () => undefined });
    const sources = [
      { id: 'openai-replay', kind: 'openai', key: 'sk-admin-replay-0123456789' },
      { id: 'anthropic-replay', kind: 'anthropic', key: 'sk-ant-admin01-replay-0123456789' },
    ];
    for (const s of sources) {
      // why: with sleeps skipped, a per-minute limit would spin until a real minute had passed.
      const payload = {
        ...s,
        baseUrl: `${server.url}/v1`,
        backfillDays: REPLAY_BACKFILL_DAYS,
        rateLimit: 10_000,
      };
      const created = await app.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: app.auth,
        payload,
      });
      if (created.statusCode !== 201) throw new Error(`source ${s.id}: ${created.body}`);
      const sync = await app.app.inject({
        method: 'POST',
        url: `/api/v1/sources/${s.id}/sync`,
        headers: app.auth,
      });
      const outcome = sync.json() as { ok: boolean; error?: string | null };
      if (!outcome.ok) throw new Error(`sync of ${s.id} failed: ${sync.body}`);
    }
    const from = days.map((d) => d.day).sort()[0];
    const response = await app.app.inject({
      url: `/api/v1/reconciliation?from=${from}&to=${REPLAY_NOW.toISOString().slice(0, 10)}`,
      headers: app.auth,
    });
    if (response.statusCode !== 200) throw new Error(`reconciliation: ${response.body}`);
    const reconciliation = response.json() as ReconciliationJson;
    return {
      measured: perProviderDay(reconciliation),
      reconciliation,
      app,
      async close() {
        await app.close();
        await server.close();
      },
    };
  } catch (error) {
    await app.close();
    await server.close();
    throw error;
  }
}

/** The reconciliation's rows summed over projects, per provider and day. */
function perProviderDay(r: ReconciliationJson): Measured[] {
  const out = new Map<string, Measured>();
  for (const row of r.rows) {
    const key = `${row.provider} ${row.day}`;
    const m = out.get(key) ?? {
      provider: row.provider,
      day: row.day,
      estimatedMicros: 0n,
      chargesMicros: 0n,
      creditsMicros: 0n,
      billedMicros: 0n,
    };
    m.estimatedMicros += micros(row.estimated);
    m.chargesMicros += micros(row.charges);
    m.creditsMicros += micros(row.credits);
    m.billedMicros += micros(row.billed);
    out.set(key, m);
  }
  return [...out.values()];
}

/** (estimate − bill) / bill in percent, for tables. */
export function variancePercent(estimate: bigint, bill: bigint): number {
  if (bill === 0n) return estimate === 0n ? 0 : Number.POSITIVE_INFINITY;
  return Number(((estimate - bill) * 1_000_000n) / bill) / 10_000;
}
