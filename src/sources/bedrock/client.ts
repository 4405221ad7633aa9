import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetDimensionValuesCommand,
} from '@aws-sdk/client-cost-explorer';
import { type PullContext, parsePage } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { httpClientHandler } from './handler.ts';
import { type CostPage, costPageSchema, servicesPageSchema } from './schema.ts';

const MAX_PAGES = 1_000;

/** A Cost Explorer client signing with the source's access key, its requests through the source's HTTP client. */
export function costExplorer(ctx: PullContext, accessKeyId: string): CostExplorerClient {
  return new CostExplorerClient({
    // why: Cost Explorer has one endpoint, in us-east-1, and signs for that region.
    region: 'us-east-1',
    endpoint: ctx.baseUrl.toString(),
    credentials: { accessKeyId, secretAccessKey: ctx.key },
    maxAttempts: 1,
    requestHandler: httpClientHandler(ctx),
  });
}

/** `YYYY-MM-DD` bounds, start inclusive and end exclusive, as Cost Explorer reads them. */
export interface Period {
  Start: string;
  End: string;
}

/** The names of the services holding "Bedrock" that had usage in the period. */
export async function fetchBedrockServices(client: CostExplorerClient, period: Period): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  for (let n = 1; n <= MAX_PAGES; n++) {
    const raw = await client.send(
      new GetDimensionValuesCommand({
        TimePeriod: period,
        Dimension: 'SERVICE',
        SearchString: 'Bedrock',
        Context: 'COST_AND_USAGE',
        NextPageToken: token,
      }),
    );
    const page = parsePage(servicesPageSchema, raw, `AWS Cost Explorer GetDimensionValues (page ${n})`);
    names.push(...page.DimensionValues.map((v) => v.Value));
    token = page.NextPageToken ?? undefined;
    if (!token) return names;
  }
  throw new PullError('schema', `AWS Cost Explorer GetDimensionValues kept paging past ${MAX_PAGES} pages`);
}

/** Daily unblended cost of those services per service and usage type, every page. */
export async function fetchDailyCosts(
  client: CostExplorerClient,
  period: Period,
  services: string[],
): Promise<CostPage[]> {
  const pages: CostPage[] = [];
  let token: string | undefined;
  for (let n = 1; n <= MAX_PAGES; n++) {
    // why: the body must stay the same from page to page (else RequestChangedException), the token aside.
    const raw = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: period,
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost', 'UsageQuantity'],
        Filter: { Dimensions: { Key: 'SERVICE', Values: services } },
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
        ],
        NextPageToken: token,
      }),
    );
    const page = parsePage(costPageSchema, raw, `AWS Cost Explorer GetCostAndUsage (page ${n})`);
    pages.push(page);
    token = page.NextPageToken ?? undefined;
    if (!token) return pages;
  }
  throw new PullError('schema', `AWS Cost Explorer GetCostAndUsage kept paging past ${MAX_PAGES} pages`);
}
