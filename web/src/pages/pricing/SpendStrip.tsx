import type { SpendResponse, SummaryResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Link } from '../../frame/Link.tsx';
import { formatInt } from '../../lib/format.ts';
import { DEFAULT_RANGE, resolveRange } from '../../state/range.ts';
import { apiQuery } from '../../state/view.ts';
import { Money } from '../../ui/Money.tsx';

/** The last 30 days' total and unpriced requests, so the effect of a price shows on this page. */
export function SpendStrip() {
  const query = apiQuery(resolveRange(DEFAULT_RANGE, new Date()), {});
  const summary = useApi<SummaryResponse>(`/api/v1/summary?${query}`);
  const spend = useApi<SpendResponse>(`/api/v1/spend?${query}`);
  const s = summary.data;
  const unpriced = spend.data?.totals.unpricedRequests;
  return (
    <div className="card spend-strip" aria-busy={summary.loading || spend.loading}>
      <div>
        <span className="kpi-label">Spend, last 30 days</span>
        <span className="strip-value" data-testid="pricing-total">
          {s ? <Money amount={s.totalCost} currency={s.currency} /> : '…'}
        </span>
      </div>
      <div>
        <span className="kpi-label">Unpriced requests</span>
        <span className="strip-value" data-testid="pricing-unpriced">
          {unpriced === undefined ? '…' : formatInt(unpriced)}
        </span>
      </div>
      <Link href="/" className="button small">
        Open the overview
      </Link>
    </div>
  );
}
