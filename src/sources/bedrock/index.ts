// AWS Bedrock spend from Cost Explorer (GetCostAndUsage, signed by the AWS SDK), as a pull source.
import type { SourceAdapter } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { uniqueIds } from '../http/ids.ts';
import { costExplorer, fetchBedrockServices, fetchDailyCosts, type Period } from './client.ts';
import { groupToInput } from './normalize.ts';

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Whole UTC days covering the window: the day still running is read as far as it goes. */
function periodOf(from: Date, to: Date): Period {
  const start = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  return { Start: isoDay(start), End: isoDay(Math.ceil(to.getTime() / DAY_MS) * DAY_MS) };
}

/**
 * The Bedrock services are looked up by name first: Marketplace models are services of their own, and
 * GetCostAndUsage filters dimensions by exact value only. Every request costs $0.01, so a poll of a
 * few hours is plenty (Cost Explorer refreshes about three times a day).
 */
export const bedrockAdapter: SourceAdapter = {
  kind: 'bedrock',
  defaultBaseUrl: 'https://ce.us-east-1.amazonaws.com',
  // why: Cost Explorer revises the last days as usage is rated; three days are re-read.
  streams: [{ name: 'costs', recent: '1d', backfill: '1d', overlapMs: 72 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    const accessKeyId = ctx.settings.accessKeyId;
    if (typeof accessKeyId !== 'string' || !accessKeyId) {
      throw new PullError('refused', 'a bedrock source needs "accessKeyId": the AWS access key to sign with');
    }
    const client = costExplorer(ctx, accessKeyId);
    const period = periodOf(window.from, window.to);
    try {
      const services = await fetchBedrockServices(client, period);
      if (services.length === 0) return { usage: [], activities: [] };
      const pages = await fetchDailyCosts(client, period, services);
      const usage = pages.flatMap((page) =>
        page.ResultsByTime.flatMap((r) =>
          r.Groups.map((g) => groupToInput(r.TimePeriod.Start, r.TimePeriod.End, g, r.Estimated === true)),
        ),
      );
      return { usage: uniqueIds(usage), activities: [] };
    } catch (error) {
      if (error instanceof PullError && error.kind === 'auth') {
        const message = `AWS refused access key ${accessKeyId}: ${error.message}`;
        throw new PullError('auth', message, { status: error.status ?? undefined, cause: error });
      }
      throw error;
    } finally {
      client.destroy();
    }
  },
};
