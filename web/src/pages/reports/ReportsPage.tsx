import { FileText } from 'lucide-react';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { setParams, useLocation } from '../../state/router.ts';
import { Card } from '../../ui/Card.tsx';
import { Segmented } from '../../ui/controls.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { REPORTS_PATH } from './paths.ts';
import { ReportDetail } from './ReportDetail.tsx';
import { ReportList } from './ReportList.tsx';
import type { ReportsResponse } from './types.ts';
import './reports.css';

const KINDS = [
  { value: 'all', label: 'All' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
] as const;
type KindChoice = (typeof KINDS)[number]['value'];

/** The archive: daily summaries and weekly reports, a report's numbers with its comparison, downloads. */
export default function ReportsPage() {
  const { search } = useLocation();
  const kind: KindChoice = KINDS.find((k) => k.value === search.get('kind'))?.value ?? 'all';
  const list = useApi<ReportsResponse>(kind === 'all' ? REPORTS_PATH : `${REPORTS_PATH}?kind=${kind}`);
  const reports = list.data?.reports ?? [];
  const selected = reports.find((r) => r.id === search.get('report')) ?? reports[0];
  return (
    <>
      <PageHeader
        title="Reports"
        subtitle="A summary of each day every morning, and an archived report of each week"
      >
        <Segmented
          label="Kind of report"
          value={kind}
          options={[...KINDS]}
          onChange={(v) => setParams({ kind: v === 'all' ? null : v, report: null }, { replace: true })}
        />
      </PageHeader>
      {list.error ? (
        <ErrorState error={list.error} />
      ) : !list.data ? (
        <Loading height={320} label="Loading reports…" />
      ) : reports.length === 0 ? (
        <EmptyState icon={<FileText size={32} aria-hidden="true" />} title="No reports yet">
          <p>
            The daily summary is made every morning for the day before, and the weekly report every Monday for
            the week before; both are kept here to read and download.
          </p>
        </EmptyState>
      ) : (
        <div className="reports-grid">
          <Card title={`${reports.length} report${reports.length === 1 ? '' : 's'}`} busy={list.loading}>
            <ReportList
              reports={reports}
              selected={selected?.id ?? null}
              onSelect={(id) => setParams({ report: id }, { replace: true })}
            />
          </Card>
          {selected && <ReportDetail key={selected.id} summary={selected} />}
        </div>
      )}
    </>
  );
}
