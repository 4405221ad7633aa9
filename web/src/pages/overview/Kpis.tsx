import { ArrowDownRight, ArrowUpRight } from 'lucide-react';
import type { SpendResponse, SummaryResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { formatChange, formatCompact, formatInt } from '../../lib/format.ts';
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
      <Kpi label="Average per day" busy={summary.loading}>
        {s ? <Money amount={s.averageDailyCost} currency={s.currency} /> : null}
        {s && <span className="muted">over {formatInt(Math.round(s.days * 10) / 10)} days</span>}
      </Kpi>
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
