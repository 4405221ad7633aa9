// A transactions feed (`GET /v1/transactions?date_from&date_to&limit&offset`, Bearer key) as a pull source.
// spendlens serves this shape itself, so one spendlens can feed another.
import {
  endpoint,
  type PullContext,
  type PullWindow,
  parsePage,
  type SourceAdapter,
} from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { transactionToInput } from './normalize.ts';
import { feedPageSchema, type Transaction } from './schema.ts';

const PAGE = 1_000;
const MAX_OFFSET = 100_000;

export const feedAdapter: SourceAdapter = {
  kind: 'feed',
  defaultBaseUrl: 'http://localhost:4180',
  streams: [{ name: 'transactions', recent: '1d', backfill: '1d', overlapMs: 48 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    const transactions = await fetchAll(ctx, window);
    return { usage: transactions.map((t) => transactionToInput(ctx.sourceId, t)), activities: [] };
  },
};

/** Pages by offset until a short page; the window's bounds are instants, so `date_to` is exclusive. */
async function fetchAll(ctx: PullContext, window: PullWindow): Promise<Transaction[]> {
  const out: Transaction[] = [];
  for (let offset = 0; ; offset += PAGE) {
    if (offset > MAX_OFFSET)
      throw new PullError('refused', `the feed holds more than ${MAX_OFFSET} transactions in one window`);
    const url = endpoint(ctx.baseUrl, 'v1/transactions');
    url.searchParams.set('date_from', window.from.toISOString());
    url.searchParams.set('date_to', window.to.toISOString());
    url.searchParams.set('limit', String(PAGE));
    url.searchParams.set('offset', String(offset));
    const raw = await ctx.http.getJson(url, {
      headers: { authorization: `Bearer ${ctx.key}` },
      credential: ctx.key,
    });
    const page = parsePage(feedPageSchema, raw, 'transactions feed');
    out.push(...page.transactions);
    if (page.transactions.length < PAGE) return out;
  }
}
