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
import { IncidentList } from './IncidentList.tsx';
import { anomaliesPaths } from './paths.ts';
import type { Anomaly, Incident } from './types.ts';
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

/**
 * Unusual spend, incidents first (one event seen in several scopes is one incident), then the anomalies:
 * those of the incident opened, else all, each with its expected band, drivers and what to do about it.
 */
export default function AnomaliesPage() {
  const view = useView();
  const paths = anomaliesPaths(view.search, new Date());
  const list = useApi<Anomaly[]>(paths.list);
  const incidents = useApi<Incident[]>(paths.incidents);
  const incident = incidents.data?.find((i) => i.id === paths.incident);
  const anomalies = incident ? incident.anomalies : (list.data ?? []);
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
          onChange={(v) =>
            setParams({ status: v === 'open,acknowledged' ? null : v, anomaly: null, incident: null })
          }
        />
        <Select
          label="Severity"
          hideLabel
          value={paths.severity ?? ''}
          options={SEVERITY_OPTIONS}
          onChange={(v) => setParams({ severity: v || null, anomaly: null, incident: null })}
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
        <div className="stack">
          {incidents.data && incidents.data.length > 0 && (
            <Card
              title={`${incidents.data.length} incident${incidents.data.length === 1 ? '' : 's'}`}
              subtitle="Anomalies of one event, with the scope that explains most of it"
              busy={incidents.loading}
            >
              <IncidentList
                incidents={incidents.data}
                selected={incident?.id ?? null}
                onSelect={(i) =>
                  setParams(
                    { incident: i?.id ?? null, anomaly: i?.anomalies[0]?.id ?? null },
                    { replace: true },
                  )
                }
              />
            </Card>
          )}
          <div className="grid-2">
            <Card
              title={
                incident
                  ? `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'} of ${incident.rootCause.description}`
                  : `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`
              }
              busy={list.loading}
              actions={
                incident && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => setParams({ incident: null })}
                  >
                    Show all anomalies
                  </button>
                )
              }
            >
              <AnomalyList
                anomalies={anomalies}
                selected={selected?.id ?? null}
                onSelect={(id) => setParams({ anomaly: id }, { replace: true })}
              />
            </Card>
            {selected && <AnomalyDetail key={selected.id} anomaly={selected} />}
          </div>
        </div>
      )}
    </>
  );
}
