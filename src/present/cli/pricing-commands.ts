import type { Command } from 'commander';
import type { ConfigFlags } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import {
  pricingImport,
  pricingList,
  pricingReprice,
  pricingUpdate,
  readNewCatalog,
  renderPricing,
} from './commands/pricing.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

/** `spendlens pricing and its import, update and reprice`. */
export function pricingCommands(program: Command, config: (extra?: ConfigFlags) => Config): void {
  const pricing = remoteOptions(
    program.command('pricing').description('the price catalog and unpriced models'),
  )
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const data = await withTarget(config(), opts, pricingList);
      console.log(opts.json ? JSON.stringify(data, null, 2) : renderPricing(data, process.stdout.isTTY));
    });

  remoteOptions(
    pricing
      .command('import <file>')
      .description("load LiteLLM's model_prices_and_context_window.json as price overrides")
      .option('--reprice', 're-price estimated and unpriced records afterwards'),
  ).action(async (file: string, opts: RemoteFlags & { reprice?: boolean }) => {
    const r = await withTarget(config(), opts, (t) => pricingImport(t, file, opts.reprice ?? false, 'cli'));
    console.log(
      `${file}: ${r.imported} prices imported (effective ${r.effectiveFrom}), ${r.skipped.length} entries skipped`,
    );
    if (r.repriced)
      console.log(
        `re-priced: ${r.repriced.changed} of ${r.repriced.examined} records changed, ${r.repriced.stillUnpriced} still unpriced`,
      );
  });

  remoteOptions(
    pricing
      .command('update')
      .description(
        'load newer base prices: the @pydantic/genai-prices installed here (npm install @pydantic/genai-prices@latest), or --file data.json',
      )
      .option('--file <path>', 'a genai-prices data.json (array of providers)')
      .option('--reprice', 're-price estimated and unpriced records afterwards'),
  ).action(async (opts: RemoteFlags & { file?: string; reprice?: boolean }) => {
    const next = await readNewCatalog(opts.file, [process.cwd(), import.meta.dirname]);
    const r = await withTarget(config(), opts, (t) => pricingUpdate(t, next, opts.reprice ?? false, 'cli'));
    const changed = r.added.length + r.changed.length;
    console.log(
      changed === 0
        ? `${r.origin}: ${r.read} prices read, all already in force`
        : `${r.origin}: ${r.read} prices read; ${r.added.length} added, ${r.changed.length} changed (saved as overrides)`,
    );
    for (const key of [...r.added.map((k) => `  + ${k}`), ...r.changed.map((k) => `  ~ ${k}`)].slice(0, 20))
      console.log(key);
    if (changed > 20) console.log(`  … and ${changed - 20} more`);
    if (r.repriced)
      console.log(
        `re-priced: ${r.repriced.changed} of ${r.repriced.examined} records changed, ${r.repriced.stillUnpriced} still unpriced`,
      );
  });

  remoteOptions(
    pricing
      .command('reprice')
      .description('re-price estimated and unpriced records from the current catalog')
      .option('--model <models>', 'only these models (comma list)'),
  ).action(async (opts: RemoteFlags & { model?: string }) => {
    const models = opts.model
      ?.split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const r = await withTarget(config(), opts, (t) => pricingReprice(t, models, 'cli'));
    console.log(
      `re-priced: ${r.changed} of ${r.examined} records changed, ${r.stillUnpriced} still unpriced`,
    );
  });
}
