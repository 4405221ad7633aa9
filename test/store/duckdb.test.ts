import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb/store.ts';
import { makeRecord } from '../helpers/records.ts';
import { runAlertingContract } from './alerting-contract.ts';
import { runStoreContract } from './contract.ts';
import { runSourcesContract } from './sources-contract.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'spendlens-duck-')), 'ledger.duckdb');

runStoreContract('duckdb', () => openDuckDbStore(tempFile()));
runSourcesContract('duckdb', () => openDuckDbStore(tempFile()));
runAlertingContract(
  'duckdb',
  () => openDuckDbStore(tempFile()),
  async () => {
    const path = tempFile();
    return { open: () => openDuckDbStore(path), dispose: async () => undefined };
  },
);

describe('duckdb file', () => {
  it('keeps records across a reopen', async () => {
    const path = tempFile();
    const first = await openDuckDbStore(path);
    await first.migrate();
    await first.insertUsage([makeRecord({ id: 'kept' })]);
    await first.close();
    const second = await openDuckDbStore(path);
    await second.migrate();
    expect(await second.countUsage('acme')).toBe(1);
    await second.close();
  });
});
