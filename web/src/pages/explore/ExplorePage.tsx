import type { SortingState } from '@tanstack/react-table';
import { Table2 } from 'lucide-react';
import { useMemo } from 'react';
import type { SpendResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { FilterBar } from '../../frame/FilterBar.tsx';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { RangePicker } from '../../frame/RangePicker.tsx';
import type { TrendBucket } from '../../lib/buckets.ts';
import { dimensionLabel, type GroupKey, groupOptions, parseGroupKey } from '../../lib/dimensions.ts';
import { formatCompact, formatInt, formatShare, plural } from '../../lib/format.ts';
import { drill } from '../../state/drill.ts';
import { dayString, defaultBucket } from '../../state/range.ts';
import { setParams } from '../../state/router.ts';
import { useTagKeys } from '../../state/tags.ts';
import { apiQuery, useView } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Select } from '../../ui/controls.tsx';
import { Money } from '../../ui/Money.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { assignColors } from '../overview/palette.ts';
import { type PivotColumn, pivotColumns } from './columns.tsx';
import { ExportButton } from './ExportButton.tsx';
import { PivotTable } from './PivotTable.tsx';
import { pivot } from './pivot.ts';
import { rateDigits } from './rate.ts';

/** A pivot of spend by one or two dimensions, sortable, exported as shown. */
export default function ExplorePage() {
  const view = useView();
  const { search, range, filters } = view;
  const keys = readGroup(search.get('group'));
  const [rows, then = ''] = keys;
  const sorting = readSort(search.get('sort'));
  const tagKeys = useTagKeys();
  const options = groupOptions(tagKeys).map((d) => ({ value: d as string, label: dimensionLabel(d) }));
  const bucket = defaultBucket(range);
  const spend = useApi<SpendResponse>(
    `/api/v1/spend?${apiQuery(range, filters, { groupBy: keys.join(','), bucket })}`,
  );

  const data = spend.data;
  const lines = useMemo(
    () =>
      data
        ? pivot(data.rows, data.groupBy as [string] | [string, string], {
            from: new Date(data.from),
            to: new Date(data.to),
            bucket: (data.bucket as TrendBucket | null) ?? 'day',
          })
        : [],
    [data],
  );
  for (const [i, key] of (data?.groupBy ?? []).entries()) {
    assignColors(
      key,
      lines.map((l) => (i === 0 ? l.first : (l.second ?? ''))),
    );
  }
  const columns = useMemo(
    () =>
      pivotColumns(
        data?.groupBy ?? [],
        data?.currency ?? 'USD',
        (key, value) =>
          drill(view, key as GroupKey, value, { group: key as GroupKey }, (changes) =>
            setParams({ ...changes, group: writeGroup(changes.group ?? key, then) }),
          ),
        rateDigits(lines.map((l) => l.costPer1kOutput)),
      ),
    [data, view, then, lines],
  );
  const footer = (c: PivotColumn) => {
    const t = data?.totals;
    if (!t) return null;
    if (c.id === 'first') return 'Total';
    if (c.id === 'cost') return <Money amount={t.cost} currency={data.currency} />;
    if (c.id === 'share') return formatShare(lines.length ? 1 : 0);
    const value = (t as unknown as Record<string, unknown>)[c.id];
    if (typeof value !== 'number') return null;
    return (
      <span title={formatInt(value)}>{c.id === 'requests' ? formatInt(value) : formatCompact(value)}</span>
    );
  };

  return (
    <>
      <PageHeader title="Explore" subtitle="Spend by one or two dimensions; select a heading to sort">
        <RangePicker spec={view.spec} label={range.label} />
      </PageHeader>
      <FilterBar view={view} tagKeys={tagKeys} />
      <Card
        title={`By ${keys.map((k) => dimensionLabel(k).toLowerCase()).join(' and ')}`}
        busy={spend.loading && !!data}
        actions={
          <>
            <Select
              label="Rows"
              value={rows}
              options={options}
              onChange={(v) => setParams({ group: writeGroup(v, then) })}
            />
            <Select
              label="Then by"
              value={then}
              options={[{ value: '', label: 'Nothing' }, ...options.filter((o) => o.value !== rows)]}
              onChange={(v) => setParams({ group: writeGroup(rows, v) })}
            />
          </>
        }
      >
        {spend.error ? (
          <ErrorState error={spend.error} />
        ) : !data ? (
          <Loading height={360} />
        ) : lines.length === 0 ? (
          <EmptyState icon={<Table2 size={28} aria-hidden="true" />} title="No spend in this period">
            <p>Pick a longer range, remove a filter, or import usage on the Import page.</p>
          </EmptyState>
        ) : (
          <PivotTable
            rows={lines}
            columns={columns}
            sorting={sorting}
            onSortingChange={(s) => setParams({ sort: writeSort(s) })}
            footer={footer}
            toolbar={(shown) => (
              <div className="table-toolbar">
                <span className="muted">{plural(shown.length, 'row')}</span>
                <ExportButton
                  rows={shown}
                  columns={columns}
                  filename={`spendlens-${keys.join('-')}-${dayString(range.from)}-${dayString(new Date(range.to.getTime() - 1))}.csv`}
                />
              </div>
            )}
          />
        )}
      </Card>
    </>
  );
}

/** `group=team,user`: one or two distinct dimensions; by model when the URL names none. */
function readGroup(value: string | null): [string] | [string, string] {
  const [first, second] = (value ?? '').split(',').map(parseGroupKey);
  const rows = first ?? 'model';
  return second && second !== rows ? [rows, second] : [rows];
}

function writeGroup(rows: string, then: string): string | null {
  const group = then && then !== rows ? `${rows},${then}` : rows;
  return group === 'model' ? null : group;
}

/** `sort=cost.desc` ↔ TanStack's sorting state; cost, largest first, when the URL names none. */
function readSort(value: string | null): SortingState {
  const m = /^([A-Za-z0-9]+)\.(asc|desc)$/.exec(value ?? '');
  return m?.[1] ? [{ id: m[1], desc: m[2] === 'desc' }] : [{ id: 'cost', desc: true }];
}

function writeSort(sorting: SortingState): string | null {
  const [first] = sorting;
  if (!first || (first.id === 'cost' && first.desc)) return null;
  return `${first.id}.${first.desc ? 'desc' : 'asc'}`;
}
