import { INVOICE_SERVICE } from '../domain/record.ts';
import { focusHeader, focusLine } from '../sources/focus/index.ts';
import type { UsageFilter } from '../store/types.ts';
import type { AppContext } from './context.ts';

/** The ledger (usage records, then invoice lines) as FOCUS CSV text chunks. */
export async function* exportFocus(ctx: AppContext, filter: UsageFilter): AsyncGenerator<string> {
  yield focusHeader();
  for (const dimensions of [filter.dimensions ?? {}, { ...filter.dimensions, service: [INVOICE_SERVICE] }]) {
    for await (const batch of ctx.usage.scanUsage({ ...filter, dimensions }, 5_000)) {
      yield batch.map(focusLine).join('');
    }
  }
}
