import { useEffect } from 'react';
import type { SpendResponse, SummaryResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { FilterBar } from '../../frame/FilterBar.tsx';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { RangePicker } from '../../frame/RangePicker.tsx';
import { groupOptions } from '../../lib/dimensions.ts';
import { useTagKeys } from '../../state/tags.ts';
import { useView } from '../../state/view.ts';
import { ForecastCard } from '../anomalies/ForecastCard.tsx';
import { RangeAnomalies } from '../anomalies/RangeAnomalies.tsx';
import type { Incident } from '../anomalies/types.ts';
import { BudgetUseCard } from '../budgets/BudgetUseCard.tsx';
import { Breakdown } from './Breakdown.tsx';
import { EmptyLedger } from './EmptyLedger.tsx';
import { Kpis } from './Kpis.tsx';
import { Movers } from './Movers.tsx';
import { Notices } from './Notices.tsx';
import { overviewPaths } from './paths.ts';
import { RangeLine } from './RangeLine.tsx';
import { Trend } from './Trend.tsx';

/** Where the money went in a period, what changed, by any dimension. */
export default function OverviewPage() {
  const view = useView();
  const { range, filters, search } = view;
  const paths = overviewPaths(search, new Date());
  const { stack, by, bucket } = paths;
  const summary = useApi<SummaryResponse>(paths.summary);
  const trend = useApi<SpendResponse>(paths.trend);
  const current = useApi<SpendResponse>(paths.current);
  const previous = useApi<SpendResponse>(paths.previous);
  const previousStack = useApi<SpendResponse>(paths.previousStack);
  const incidents = useApi<Incident[]>(paths.incidents);
  const all = [summary, trend, current, previous];
  const ready = all.every((s) => !s.loading);
  // why: tag keys come from a sample of records, a heavier answer that can wait until the overview is drawn
  const tagKeys = useTagKeys(ready);
  const options = groupOptions(tagKeys);
  const key = `${view.query}|${stack}|${by}|${bucket}`;

  useEffect(() => {
    // why: the benchmark (bench/web.ts) times the overview by this mark, after the frame that shows the data.
    if (ready) requestAnimationFrame(() => performance.mark('spendlens:overview-ready', { detail: key }));
  }, [ready, key]);

  const empty =
    summary.data?.totalCost === '0.000000' && current.data?.totals.requests === 0 && !summary.loading;
  return (
    <>
      <PageHeader title="Overview" subtitle={<RangeLine range={range} />}>
        <RangePicker spec={view.spec} label={range.label} />
      </PageHeader>
      <FilterBar view={view} tagKeys={tagKeys} />
      {empty ? (
        <EmptyLedger rangeLabel={range.label} filtered={Object.keys(filters).length > 0} />
      ) : (
        <div className="stack">
          <Notices summary={summary.data} totals={current.data} />
          <Kpis summary={summary} totals={current} />
          <BudgetUseCard />
          <div className="grid-2">
            <ForecastCard filters={filters} />
            <RangeAnomalies incidents={incidents.data} search={search} />
          </div>
          <Trend
            view={view}
            bucket={bucket}
            stack={stack}
            groupings={{ by, stack }}
            options={options}
            spend={trend}
            previous={previousStack}
          />
          <div className="grid-2">
            <Breakdown view={view} by={by} groupings={{ by, stack }} options={options} spend={current} />
            <Movers by={by} current={current} previous={previous} />
          </div>
        </div>
      )}
    </>
  );
}
