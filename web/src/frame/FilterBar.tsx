import { X } from 'lucide-react';
import { dimensionLabel } from '../lib/dimensions.ts';
import { clearAll, withoutValue } from '../state/filters.ts';
import { setParams } from '../state/router.ts';
import type { View } from '../state/view.ts';
import { AddFilter } from './AddFilter.tsx';

/** The active filters as removable chips, and a control to add one for any dimension. */
export function FilterBar(props: { view: View; tagKeys: string[] }) {
  const { filters } = props.view;
  const chips = Object.entries(filters).flatMap(([key, values]) => values.map((value) => ({ key, value })));
  return (
    <fieldset className="chips">
      <legend className="sr-only">Filters</legend>
      {chips.map(({ key, value }) => (
        <span className="chip" key={`${key}=${value}`}>
          <span>
            {dimensionLabel(key)}: <strong>{value}</strong>
          </span>
          <button
            type="button"
            aria-label={`Remove filter ${dimensionLabel(key)} ${value}`}
            onClick={() => setParams(withoutValue(filters, key, value))}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </span>
      ))}
      <AddFilter view={props.view} tagKeys={props.tagKeys} />
      {chips.length > 1 && (
        <button type="button" className="button small" onClick={() => setParams(clearAll(filters))}>
          Clear filters
        </button>
      )}
    </fieldset>
  );
}
