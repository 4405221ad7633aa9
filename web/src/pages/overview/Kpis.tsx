import { ArrowDownRight, ArrowUpRight } from 'lucide-react';
import type { SpendResponse, SummaryResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { fromMicros, toMicros } from '../../lib/decimal.ts';
import { formatChange, formatCompact, formatInt, plural } from '../../lib/format.ts';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';

/** The headline figures: total with change against the previous period, daily average, requests, tokens. */
export function Kpis(props: { summary: ApiState<SummaryResponse>; totals: ApiState<SpendResponse> }) {
  const { summary, totals } = props;
  if (summary.error) return <ErrorState error={summary.error} />;
  const s = summary.data;
  const raw = totals.data?.totals;
  // why: the headline shows compact figures, so a count past 2^53 may read as the nearest float.
  const t = raw && {
    requests: raw.requests,
    unpricedRequests: Number(raw.unpricedRequests),
    input: Number(raw.inputTokens) + Number(raw.cacheReadTokens) + Number(raw.cacheWriteTokens),
    output: Number(raw.outputTokens),
  };
  return (
    <div className="kpis">
      <Kpi label="Total spend" testId="total-spend" busy={summary.loading}>
        {s ? <Money amount={s.totalCost} currency={s.currency} /> : null}
        {s && <Change percent={s.changePercent} />}
      </Kpi>
      <Average summary={s} busy={summary.loading} />
      <Kpi label="Requests" busy={totals.loading}>
        {t ? formatInt(t.requests) : null}
        {t && t.unpricedRequests > 0 && (
          <span className="muted">{formatInt(t.unpricedRequests)} unpriced</span>
        )}
      </Kpi>
      <Kpi label="Tokens" busy={totals.loading}>
        {t ? formatCompact(t.input + t.output) : null}
        {t && (
          <span className="muted">
            {formatCompact(t.input)} in · {formatCompact(t.output)} out
          </span>
        )}
      </Kpi>
    </div>
  );
}

/**
 * The average per day, or per hour for a period shorter than a day.
 * why: "average per day $3.15 over 0.1 days" multiplied two hours of spend up to a day nobody had.
 */
function Average(props: { summary: SummaryResponse | undefined; busy: boolean }) {
  const s = props.summary;
  const hours = s ? Math.max(1, Math.round(s.days * 24)) : 0;
  if (s && s.days < 1) {
    const perHour = fromMicros(toMicros(s.totalCost) / BigInt(hours));
    return (
      <Kpi label="Average per hour" busy={props.busy}>
        <Money amount={perHour} currency={s.currency} />
        <span className="muted">over {plural(hours, 'hour')}</span>
      </Kpi>
    );
  }
  return (
    <Kpi label="Average per day" busy={props.busy}>
      {s ? <Money amount={s.averageDailyCost} currency={s.currency} /> : null}
      {s && <span className="muted">over {plural(Math.round(s.days * 10) / 10, 'day')}</span>}
    </Kpi>
  );
}

function Kpi(props: { label: string; busy: boolean; testId?: string; children: React.ReactNode[] }) {
  const [value, detail] = props.children;
  return (
    <section className="card kpi" aria-label={props.label} data-testid={props.testId}>
      <div className={`card-body ${props.busy && value ? 'busy' : ''}`}>
        <span className="kpi-label">{props.label}</span>
        {value === null ? <Loading height={32} /> : <span className="kpi-value">{value}</span>}
        {detail || <span className="muted">&nbsp;</span>}
      </div>
    </section>
  );
}

/** Spend going up is shown in red, down in green: the colours mean cost, not growth. */
function Change(props: { percent: number | null }) {
  if (props.percent === null) return <span className="muted">no spend in the previous period</span>;
  const up = props.percent > 0;
  const Icon = up ? ArrowUpRight : ArrowDownRight;
  return (
    <span className={`change ${up ? 'up' : 'down'}`} data-testid="total-change">
      <Icon size={16} aria-hidden="true" />
      {formatChange(props.percent)} <span className="muted">vs previous period</span>
    </span>
  );
}
