import { describe, expect, it } from 'vitest';
import { HeldReservations } from '../../src/store/duckdb/gateway-held.ts';
import { RunningSpend } from '../../src/store/duckdb/gateway-spend.ts';
import type { ReserveRequest } from '../../src/store/types.ts';

// The DuckDB gateway's reservations of calls in flight, over a ledger that answers 1000 µ$ spent.
const ledger = async () => [{ currency: 'USD', cost_micros: 1000n }];
const dialect = { tagValue: () => "''", utcBucket: () => "''" };
const periodStart = new Date('2026-12-01T00:00:00Z');
const spend = { org: 'o', from: periodStart, to: new Date('2027-01-01T00:00:00Z'), groupBy: [] };

function request(id: string, micros: bigint, at: string, limit = 10_000n): ReserveRequest {
  const now = new Date(at);
  return {
    org: 'o',
    id,
    micros,
    at: now,
    expiresAt: new Date(now.getTime() + 60_000),
    checks: [
      {
        key: 'cap',
        periodStart,
        spend,
        spentOf: (rows) => rows.reduce((s, r) => s + r.costMicros, 0n),
        limitMicros: limit,
      },
    ],
  };
}

describe('reservations held in memory', () => {
  it('count calls in flight until settled or expired, and let a call land exactly on the amount', async () => {
    const held = new HeldReservations(new RunningSpend(), ledger, dialect);
    expect(await held.reserve(request('a', 6000n, '2026-12-07T10:00:00Z'))).toMatchObject({ ok: true });
    const refused = await held.reserve(request('b', 3001n, '2026-12-07T10:00:01Z'));
    expect(refused).toMatchObject({ ok: false, refusedKey: 'cap' });
    expect(refused.checks).toEqual([{ key: 'cap', spentMicros: 1000n, reservedMicros: 6000n }]);
    // 1000 spent + 6000 held + 3000 = the amount: allowed
    expect(await held.reserve(request('c', 3000n, '2026-12-07T10:00:02Z'))).toMatchObject({ ok: true });
    held.settle('o', 'c');
    held.settle('o', 'unknown');
    const after = await held.reserve(request('d', 1n, '2026-12-07T10:00:03Z', 0n));
    expect(after.checks[0]?.reservedMicros).toBe(6000n);
    // a's reservation expires a minute after it was made
    const expired = await held.reserve(request('e', 9000n, '2026-12-07T10:01:00Z'));
    expect(expired).toMatchObject({ ok: true, checks: [{ reservedMicros: 0n }] });
  });
});
