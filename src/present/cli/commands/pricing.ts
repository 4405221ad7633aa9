import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import {
  type CatalogUpdate,
  importLiteLLM,
  type PricingOverview,
  pricingOverview,
  repriceRecords,
  updateCatalog,
} from '../../../app/pricing.ts';
import { AppError } from '../../../domain/errors.ts';
import { genaiProviders, installedGenaiVersion } from '../../../price/bundled.ts';
import { callRemote, type Remote } from '../remote.ts';
import { count } from '../words.ts';

type Target = { ctx: AppContext } | { remote: Remote };

/** `spendlens pricing`: the catalog in force and the models nothing prices yet. */
export async function pricingList(target: Target): Promise<PricingOverview> {
  if ('ctx' in target) return pricingOverview(target.ctx, target.ctx.config.org);
  return (await callRemote(target.remote, 'GET', '/api/v1/pricing')) as PricingOverview;
}

export function renderPricing(p: PricingOverview, color: boolean): string {
  const style = { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] };
  const price = (x: unknown) => (x === undefined ? '–' : `$${x}`);
  const table = new Table({
    head: ['Provider', 'Model', 'Input', 'Output', 'Cache Read', 'Cache Write 5m', 'Cache Write 1h', 'From'],
    style,
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const m of [...p.models].sort((a, b) =>
    `${a.provider}/${a.model}`.localeCompare(`${b.provider}/${b.model}`),
  )) {
    table.push([
      m.provider,
      m.model,
      price(m.input),
      price(m.output),
      price(m.cacheRead),
      price(m.cacheWrite5m),
      price(m.cacheWrite1h),
      m.effectiveFrom,
    ]);
  }
  const lines = [
    `Prices in ${p.unit} (base catalog ${p.catalogSource} of ${p.catalogDate}, with overrides)`,
    table.toString(),
  ];
  if (p.unpriced.length) {
    lines.push('', 'Unpriced models (their requests are not counted in cost until priced):');
    for (const u of p.unpriced)
      lines.push(
        `  ${u.provider}/${u.model}: ${count(u.requests, 'request')}, ${count(u.inputTokens, 'input token')} and ${count(u.outputTokens, 'output token')}`,
      );
    lines.push(
      'Price them in spendlens.toml ([[prices]]), the dashboard, or `spendlens pricing import FILE`, then `spendlens pricing reprice`.',
    );
  }
  return lines.join('\n');
}

/** `spendlens pricing import FILE`: loads LiteLLM's model_prices_and_context_window.json as overrides. */
export async function pricingImport(target: Target, path: string, reprice: boolean, actor: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError('bad_request', `${path} is not a readable JSON file: ${(error as Error).message}`);
  }
  const imported =
    'ctx' in target
      ? await importLiteLLM(target.ctx, json, actor)
      : ((await callRemote(target.remote, 'POST', '/api/v1/pricing/import', json)) as Awaited<
          ReturnType<typeof importLiteLLM>
        >);
  const repriced = reprice ? await pricingReprice(target, undefined, actor) : null;
  return { ...imported, repriced };
}

/** `spendlens pricing reprice`: re-prices estimated and unpriced records from the catalog now in force. */
export async function pricingReprice(target: Target, models: string[] | undefined, actor: string) {
  if ('ctx' in target) return repriceRecords(target.ctx, { org: target.ctx.config.org, models, actor });
  return (await callRemote(target.remote, 'POST', '/api/v1/pricing/reprice', { models })) as Awaited<
    ReturnType<typeof repriceRecords>
  >;
}

/** Newer base prices to load: where they came from and genai-prices providers. */
export interface NewCatalog {
  origin: string;
  providers: unknown[];
}

/**
 * Reads newer base prices: a genai-prices `data.json` file (an array of providers), or else the
 * `@pydantic/genai-prices` package installed in `dirs` (the first that has one), e.g. after
 * `npm install @pydantic/genai-prices@latest` in the current folder.
 */
export async function readNewCatalog(file: string | undefined, dirs: string[]): Promise<NewCatalog> {
  if (file) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppError('bad_request', `${file} is not a readable JSON file: ${(error as Error).message}`);
    }
    const providers = Array.isArray(json) ? json : (json as { providers?: unknown }).providers;
    if (!Array.isArray(providers))
      throw new AppError(
        'bad_request',
        `${file} is not genai-prices data (an array of providers); for LiteLLM's price file use \`spendlens pricing import\``,
      );
    return { origin: `file ${file}`.slice(0, 100), providers };
  }
  for (const dir of dirs) {
    let entry: string;
    try {
      entry = createRequire(join(dir, 'noop.js')).resolve('@pydantic/genai-prices');
    } catch {
      continue;
    }
    const mod = (await import(pathToFileURL(entry).href)) as {
      findProvider?: unknown;
      default?: { findProvider?: unknown };
    };
    const find = mod.findProvider ?? mod.default?.findProvider;
    if (typeof find !== 'function') continue;
    const providers = genaiProviders(find as Parameters<typeof genaiProviders>[0]);
    return { origin: `@pydantic/genai-prices ${installedGenaiVersion(entry)}`, providers };
  }
  throw new AppError(
    'bad_request',
    'no @pydantic/genai-prices package found: run `npm install @pydantic/genai-prices@latest` here, or pass --file data.json',
  );
}

/** `spendlens pricing update`: saves what a newer base catalog changes, then optionally re-prices. */
export async function pricingUpdate(target: Target, next: NewCatalog, reprice: boolean, actor: string) {
  const updated =
    'ctx' in target
      ? await updateCatalog(target.ctx, next, actor)
      : ((await callRemote(target.remote, 'POST', '/api/v1/pricing/update', next)) as CatalogUpdate);
  const repriced = reprice ? await pricingReprice(target, undefined, actor) : null;
  return { ...updated, repriced };
}
