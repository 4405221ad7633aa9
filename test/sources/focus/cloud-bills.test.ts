import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/focus');
const SAMPLE = join(FIXTURES, 'finops-sample-1.0-excerpt.csv');
const CLOUDS = join(FIXTURES, 'clouds-credits-1.0.csv');
const AI = 'AI and Machine Learning';
const RANGE = ['--since', '2024-09-01', '--until', '2024-09-30'];

type Row = Record<string, string>;
const rowsOf = (file: string): Row[] => parse(readFileSync(file), { columns: true, bom: true });
const isNull = (cell: string | undefined) => !cell || cell === 'NULL';

/** The exact sum of decimal strings, as a bigint scaled by 10^scale (no floats anywhere). */
function exactSum(amounts: string[], scale = 12): bigint {
  return amounts.reduce((sum, text) => {
    const [, sign, whole, frac = ''] = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text) ?? [];
    if (whole === undefined || frac.length > scale) throw new Error(`unexpected amount ${text}`);
    const scaled = BigInt(whole + frac.padEnd(scale, '0'));
    return sum + (sign ? -scaled : scaled);
  }, 0n);
}

/** A bigint scaled by 10^scale as a decimal with six places, rounded half away from zero. */
function sixPlaces(value: bigint, scale = 12): string {
  const divisor = 10n ** BigInt(scale - 6);
  const abs = value < 0n ? -value : value;
  const micros = (abs + divisor / 2n) / divisor;
  const text = `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;
  return value < 0n && micros !== 0n ? `-${text}` : text;
}

/** What the file says spendlens keeps and leaves out: its AI rows, and the others counted by reason. */
function expected(file: string) {
  const rows = rowsOf(file);
  const kept = rows.filter((r) => r.ServiceCategory === AI);
  const skippedBy: Record<string, number> = {};
  for (const r of rows) {
    if (r.ServiceCategory === AI) continue;
    const reason = isNull(r.ServiceCategory)
      ? 'ServiceCategory empty'
      : `ServiceCategory "${r.ServiceCategory}"`;
    skippedBy[reason] = (skippedBy[reason] ?? 0) + 1;
  }
  return { rows, kept, skippedBy, billed: exactSum(kept.map((r) => r.BilledCost as string)) };
}

describe('real cloud bills in FOCUS format, through the CLI', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'spendlens-focus-'));
  });

  it('imports the AI rows of the FinOps Foundation sample, negative lines and zoneless timestamps included', async () => {
    const sample = expected(SAMPLE);
    expect(sample.kept).toHaveLength(9);
    expect(sample.kept.filter((r) => r.BilledCost?.startsWith('-'))).toHaveLength(5);
    const res = await cli(['import', SAMPLE, '--format', 'focus', '--json'], { cwd });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      read: sample.rows.length,
      accepted: 9,
      duplicates: 0,
      skipped: sample.rows.length - 9,
      skippedBy: sample.skippedBy,
      rejected: [],
    });
    const report = await cli(['report', ...RANGE, '--json'], { cwd });
    expect(JSON.parse(report.stdout).totals.cost).toBe(sixPlaces(sample.billed));
    expect(sixPlaces(sample.billed)).toBe('-0.151898');
  });

  it('imports credits, adjustments and corrections from AWS, Google and Oracle as negative billed lines', async () => {
    const clouds = expected(CLOUDS);
    const res = await cli(['import', CLOUDS, '--format', 'focus'], { cwd });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      '10 records read, 7 added, 0 already in the ledger, 3 skipped (not AI spend)',
    );
    expect(res.stdout).toContain('skipped: ServiceCategory "Compute" 1, ServiceCategory empty 1');
    const report = await cli(['report', ...RANGE, '--group', 'tag:chargeCategory', '--json'], { cwd });
    const data = JSON.parse(report.stdout);
    expect(data.totals.cost).toBe(sixPlaces(expected(SAMPLE).billed + clouds.billed));
    const byCategory = Object.fromEntries(
      data.rows.map((r: { 'tag:chargeCategory': string | null; cost: string }) => [
        r['tag:chargeCategory'],
        r.cost,
      ]),
    );
    expect(byCategory).toMatchObject({ Credit: '-0.750000', Adjustment: '-0.105000' });
  });

  it('adds nothing when the same files are imported again', async () => {
    for (const [file, rows] of [
      [SAMPLE, 9],
      [CLOUDS, 7],
    ] as const) {
      const res = await cli(['import', file, '--format', 'focus', '--json'], { cwd });
      expect(JSON.parse(res.stdout)).toMatchObject({ accepted: 0, duplicates: rows, rejected: [] });
    }
  });
});
