import { Filter } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { SpendResponse } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { DIMENSIONS, dimensionLabel, dimensionValue } from '../lib/dimensions.ts';
import { formatMoney } from '../lib/format.ts';
import { filterKey, withValue } from '../state/filters.ts';
import { setParams } from '../state/router.ts';
import { apiQuery, type View } from '../state/view.ts';
import { Select } from '../ui/controls.tsx';
import { Popover } from '../ui/Popover.tsx';

/** "Add filter": pick a dimension, then one of its values in the period, by spend. */
export function AddFilter(props: { view: View; tagKeys: string[] }) {
  const [open, setOpen] = useState(false);
  const [dimension, setDimension] = useState<string>('model');
  const [search, setSearch] = useState('');
  const close = useCallback(() => setOpen(false), []);
  const { view } = props;
  const key = filterKey(dimension);
  const others = Object.fromEntries(Object.entries(view.filters).filter(([k]) => k !== key));
  const values = useApi<SpendResponse>(
    open ? `/api/v1/spend?${apiQuery(view.range, others, { groupBy: dimension })}` : null,
  );
  const options = [...DIMENSIONS, ...props.tagKeys.map((k) => `tag:${k}`)].map((d) => ({
    value: d,
    label: dimensionLabel(d),
  }));
  const chosen = new Set(view.filters[key] ?? []);
  const rows = (values.data?.rows ?? [])
    .map((row) => ({ value: dimensionValue(row, dimension), cost: row.cost }))
    .filter((r) => !chosen.has(r.value) && r.value.toLowerCase().includes(search.toLowerCase()))
    .slice(0, 50);

  const add = (value: string) => {
    setParams(withValue(view.filters, key, value));
    setOpen(false);
    setSearch('');
  };

  return (
    <Popover
      open={open}
      onClose={close}
      label="Add a filter"
      trigger={
        <button
          type="button"
          className="button small"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <Filter size={14} aria-hidden="true" /> Add filter
        </button>
      }
    >
      <div className="add-filter">
        <Select label="Dimension" value={dimension} options={options} onChange={setDimension} />
        <input
          type="search"
          aria-label="Search values"
          placeholder="Search values"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <ul className="value-list" aria-busy={values.loading}>
          {values.loading && !values.data && <li className="muted">Loading values…</li>}
          {!values.loading && rows.length === 0 && <li className="muted">No values in this period</li>}
          {rows.map((r) => (
            <li key={r.value}>
              <button type="button" onClick={() => add(r.value)}>
                <span className="cell-label">{r.value}</span>
                <span className="num muted">{formatMoney(r.cost, values.data?.currency ?? 'USD')}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </Popover>
  );
}
