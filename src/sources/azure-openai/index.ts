// Azure OpenAI spend from the Cost Management Query API on a scope (a bearer token, or an app's secret), as a pull source.
import type { SourceAdapter } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchQuery, queryBody } from './client.ts';
import { pageToInputs } from './normalize.ts';
import { bearerToken } from './token.ts';

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * One query per window, daily, grouped by meter and resource. Cost Management data lags by hours and
 * is settled over days; its query limits are tight (a few per minute per scope), so poll hourly or less.
 */
export const azureOpenaiAdapter: SourceAdapter = {
  kind: 'azure-openai',
  defaultBaseUrl: 'https://management.azure.com',
  // why: usage is rated late and revised for about three days; they are re-read.
  streams: [{ name: 'costs', recent: '1d', backfill: '1d', overlapMs: 72 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    const scope = ctx.settings.scope;
    if (typeof scope !== 'string' || !scope) {
      throw new PullError('refused', 'an azure-openai source needs "scope", such as "subscriptions/<id>"');
    }
    const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
    const last = Math.ceil(window.to.getTime() / DAY_MS) * DAY_MS - DAY_MS;
    const token = await bearerToken(ctx);
    const pages = await fetchQuery(ctx, token, scope, queryBody(isoDay(first), isoDay(last)));
    const where = `Azure Cost Management /${scope}`;
    const usage = pages.flatMap((page, i) => pageToInputs(page, `${where} (page ${i + 1})`));
    return { usage: uniqueIds(usage), activities: [] };
  },
};
