import { useState } from 'react';
import type { PriceEntry } from '../../api/types.ts';
import { Card } from '../../ui/Card.tsx';
import { PriceTable } from './PriceTable.tsx';

/** The catalog in force (bundled prices with overrides applied), searchable by provider or model. */
export function CatalogCard(props: { entries: PriceEntry[] }) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? props.entries.filter((e) =>
        [e.provider, e.model, ...(e.aliases ?? [])].some((text) => text.toLowerCase().includes(needle)),
      )
    : props.entries;
  return (
    <Card
      title={`Catalog (${props.entries.length} models)`}
      actions={
        <input
          type="search"
          aria-label="Search the catalog"
          placeholder="Search models"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      }
    >
      {shown.length === 0 ? (
        <p className="muted">No model matches “{search}”.</p>
      ) : (
        <PriceTable entries={shown} testId="catalog" />
      )}
    </Card>
  );
}
