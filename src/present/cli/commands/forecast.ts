import { moneyText } from '../../../analyze/money-text.ts';
import { forecastSpend } from '../../../app/analysis/forecast.ts';
import { AppError } from '../../../domain/errors.ts';
import { decimalToScaled } from '../../../domain/money.ts';
import { DIMENSIONS, type Dimension } from '../../../domain/record.ts';
import { forecastJson } from '../../json/analysis.ts';
import { callRemote } from '../remote.ts';
import type { Target } from '../target.ts';

export type ForecastJson = ReturnType<typeof forecastJson>;

export interface ForecastOptions {
  budget?: string;
  /** `dimension=value`, e.g. `project=search`. */
  scope?: string;
}

/** The month-end forecast of the org or a scope, from the local store or a running server, in the API's JSON shape. */
export async function forecastData(target: Target, options: ForecastOptions): Promise<ForecastJson> {
  const budget = options.budget === undefined ? undefined : parseBudget(options.budget);
  const scope = options.scope ? parseScope(options.scope) : null;
  if ('remote' in target) {
    const params = new URLSearchParams();
    if (options.budget) params.set('budget', options.budget);
    if (scope) params.set(scope.dimension, scope.value);
    return (await callRemote(target.remote, 'GET', `/api/v1/forecast?${params}`)) as ForecastJson;
  }
  const { ctx } = target;
  const filter = scope ? { dimensions: { [scope.dimension]: [scope.value] } } : undefined;
  return forecastJson(await forecastSpend(ctx, { org: ctx.config.org, filter, budget }), budget);
}

/** The forecast in a few lines: spent so far, P50 with its P10–P90, the budget, the backtest and the baselines. */
export function renderForecast(f: ForecastJson): string {
  const m = (x: string | null) => (x === null ? '–' : moneyText(Number(x), f.currency));
  const lines = [
    `Month-end forecast for ${f.month} (${f.currency}), as of ${f.asOf.slice(0, 16).replace('T', ' ')} UTC`,
    `  spent so far     ${m(f.actualToDate)}`,
    `  projected (P50)  ${m(f.projected.p50)}   P10 ${m(f.projected.p10)} – P90 ${m(f.projected.p90)}`,
  ];
  if ('budget' in f && f.budget !== undefined) {
    const over = f.projectedOverrunDate
      ? `projected to be passed on ${f.projectedOverrunDate}`
      : 'projected to hold';
    lines.push(`  budget           ${m(f.budget)}: ${over}`);
  }
  lines.push(
    f.backtest.mape === null
      ? '  backtest         not enough past months yet'
      : `  backtest         ${f.backtest.mape.toFixed(1)}% mean absolute error over ${f.backtest.months} past month${f.backtest.months === 1 ? '' : 's'}`,
    `  plain baselines  linear run-rate ${m(f.baselines.linearRunRate)}, 7-day velocity regression ${m(f.baselines.velocityRegression)}`,
  );
  if (f.method === 'run-rate')
    lines.push('  (still learning: fewer than 7 days of spend, so this is the linear run-rate)');
  return lines.join('\n');
}

function parseBudget(raw: string): number {
  const micros = decimalToScaled(raw, 6);
  if (micros === null || micros <= 0n)
    throw new AppError('bad_request', `--budget ${raw}: use an amount such as 5000`);
  return Number(micros) / 1e6;
}

function parseScope(raw: string): { dimension: Dimension; value: string } {
  const [dimension, ...rest] = raw.split('=');
  if (!dimension || !(DIMENSIONS as readonly string[]).includes(dimension) || rest.length === 0) {
    throw new AppError(
      'bad_request',
      `--scope ${raw}: use dimension=value, e.g. project=search or team=platform`,
    );
  }
  return { dimension: dimension as Dimension, value: rest.join('=') };
}
