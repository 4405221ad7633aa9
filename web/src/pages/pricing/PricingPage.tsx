import { CheckCircle2, Plus } from 'lucide-react';
import { useState } from 'react';
import type { PricingResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { Card } from '../../ui/Card.tsx';
import { Banner, ErrorState, Loading } from '../../ui/states.tsx';
import { CatalogCard } from './CatalogCard.tsx';
import { PriceForm } from './PriceForm.tsx';
import { PriceTable } from './PriceTable.tsx';
import { SpendStrip } from './SpendStrip.tsx';
import { UnpricedCard } from './UnpricedCard.tsx';

/** The price catalog, the saved overrides, and the unpriced models with a way to price each. */
export default function PricingPage() {
  const pricing = useApi<PricingResponse>('/api/v1/pricing');
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const onSaved = (message: string) => {
    setSaved(message);
    setAdding(false);
  };
  const data = pricing.data;

  return (
    <>
      <PageHeader
        title="Pricing"
        subtitle={data ? `Prices in ${data.unit}; catalog of ${data.catalogDate}` : undefined}
      />
      <div className="stack">
        <SpendStrip />
        {saved && (
          <Banner kind="ok" icon={<CheckCircle2 size={18} aria-hidden="true" />}>
            <p>{saved}</p>
          </Banner>
        )}
        {pricing.error ? (
          <ErrorState error={pricing.error} />
        ) : !data ? (
          <Loading height={320} />
        ) : (
          <>
            {data.unpriced.length > 0 && <UnpricedCard models={data.unpriced} onSaved={onSaved} />}
            <Card
              title={`Overrides (${data.overrides.length})`}
              subtitle="Your prices; they win over the catalog from their date on"
              actions={
                !adding && (
                  <button type="button" className="button" onClick={() => setAdding(true)}>
                    <Plus size={16} aria-hidden="true" /> Add a price
                  </button>
                )
              }
            >
              {adding && <PriceForm initial={{}} onSaved={onSaved} onCancel={() => setAdding(false)} />}
              {data.overrides.length === 0 ? (
                !adding && <p className="muted">No overrides yet: the catalog prices apply.</p>
              ) : (
                <PriceTable entries={data.overrides} testId="overrides" showUpdated />
              )}
            </Card>
            <CatalogCard entries={data.models} />
          </>
        )}
      </div>
    </>
  );
}
