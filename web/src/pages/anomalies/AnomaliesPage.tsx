import { SearchCheck } from 'lucide-react';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { RangePicker } from '../../frame/RangePicker.tsx';
import { setParams } from '../../state/router.ts';
import { useView } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Segmented, Select } from '../../ui/controls.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { AnomalyDetail } from './AnomalyDetail.tsx';
import { AnomalyList } from './AnomalyList.tsx';
import { anomaliesPaths } from './paths.ts';
import type { Anomaly } from './types.ts';
import './anomalies.css';

const STATUSES = [
  { value: 'open,acknowledged', label: 'Not muted' },
  { value: 'open', label: 'Open' },
  { value: 'muted', label: 'Muted' },
  { value: 'all', label: 'All' },
];
const SEVERITY_OPTIONS = [
  { value: '', label: 'Any severity' },
  { value: 'medium', label: 'Medium and up' },
  { value: 'high', label: 'High and up' },
  { value: 'critical', label: 'Critical' },
];

/** Unusual spend: days above their expected band and today's spikes, with drivers, and what to do about them. */
export default function AnomaliesPage() {
  const view = useView();
  const paths = anomaliesPaths(view.search, new Date());
  const list = useApi<Anomaly[]>(paths.list);
  const anomalies = list.data ?? [];
  const selected = anomalies.find((a) => a.id === paths.selected) ?? anomalies[0];
  return (
    <>
      <PageHeader
        title="Anomalies"
        subtitle="Spend above what each scope's weekly rhythm leads one to expect"
      >
        <RangePicker spec={view.spec} label={paths.range.label} />
      </PageHeader>
      <div className="filter-bar" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}>
        <Segmented
          label="Status"
          value={paths.status}
          options={STATUSES}
          onChange={(v) => setParams({ status: v === 'open,acknowledged' ? null : v, anomaly: null })}
        />
        <Select
          label="Severity"
          hideLabel
          value={paths.severity ?? ''}
          options={SEVERITY_OPTIONS}
          onChange={(v) => setParams({ severity: v || null, anomaly: null })}
        />
      </div>
      {list.error ? (
        <ErrorState error={list.error} />
      ) : !list.data ? (
        <Loading height={320} label="Looking for anomalies…" />
      ) : anomalies.length === 0 ? (
        <EmptyState icon={<SearchCheck size={32} aria-hidden="true" />} title="Nothing unusual">
          <p>No spend in {paths.range.label.toLowerCase()} went above its expected band.</p>
        </EmptyState>
      ) : (
        <div className="grid-2">
          <Card
            title={`${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`}
            busy={list.loading}
          >
            <AnomalyList
              anomalies={anomalies}
              selected={selected?.id ?? null}
              onSelect={(id) => setParams({ anomaly: id }, { replace: true })}
            />
          </Card>
          {selected && <AnomalyDetail key={selected.id} anomaly={selected} />}
        </div>
      )}
    </>
  );
}
