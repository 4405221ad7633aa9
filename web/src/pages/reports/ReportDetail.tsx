import { Download } from 'lucide-react';
import { useApi } from '../../api/useApi.ts';
import { formatDateTime, formatInt, plural } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { DailyNumbers } from './DailyNumbers.tsx';
import { reportPath } from './paths.ts';
import { type Report, type ReportSummary, reportTitle } from './types.ts';
import { WeeklyNumbers } from './WeeklyNumbers.tsx';

const SHOWN_ANOMALIES = 4;

/** Budgets and anomalies as the report recorded them. */
function Context(props: { report: Report }) {
  const r = props.report;
  return (
    <>
      {r.budgets.length > 0 && (
        <section>
          <h3 className="report-section">Budgets then</h3>
          <ul className="report-budgets">
            {r.budgets.map((b) => (
              <li key={b.id}>
                <span>{b.name}</span>
                <span className="muted">
                  <Money amount={b.spent} currency={b.currency} /> of{' '}
                  <Money amount={b.amount} currency={b.currency} /> · {b.percent}%
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {r.anomalies.length > 0 && (
        <section>
          <h3 className="report-section">Anomalies ({r.anomalies.length})</h3>
          <ul className="report-anomalies">
            {r.anomalies.slice(0, SHOWN_ANOMALIES).map((a) => (
              <li key={a.id}>{a.description}</li>
            ))}
          </ul>
          {r.anomalies.length > SHOWN_ANOMALIES && (
            <p className="muted small">
              And {r.anomalies.length - SHOWN_ANOMALIES} more in the HTML download.
            </p>
          )}
        </section>
      )}
      {r.warnings.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
    </>
  );
}

/** One archived report: its numbers, the comparison for its kind, and HTML and CSV downloads. */
export function ReportDetail(props: { summary: ReportSummary }) {
  const s = props.summary;
  const report = useApi<Report>(reportPath(s.id));
  const r = report.data?.id === s.id ? report.data : undefined;
  return (
    <Card
      title={reportTitle(s)}
      subtitle={`${s.kind === 'weekly' ? 'Weekly report' : 'Daily summary'}, made ${formatDateTime(s.createdAt)}`}
      busy={report.loading}
      actions={
        <>
          <a className="button small" href={reportPath(s.id, 'html')} download={`${s.id}.html`}>
            <Download size={14} aria-hidden="true" /> HTML
          </a>
          <a className="button small" href={reportPath(s.id, 'csv')} download={`${s.id}.csv`}>
            <Download size={14} aria-hidden="true" /> CSV
          </a>
        </>
      }
    >
      {report.error ? (
        <ErrorState error={report.error} />
      ) : !r ? (
        <Loading height={240} />
      ) : (
        <div className="stack" data-testid="report-detail">
          {r.kind === 'weekly' ? <WeeklyNumbers report={r} /> : <DailyNumbers report={r} />}
          <p className="muted small">
            {plural(r.requests, 'request')} · {plural(r.outputTokens, 'output token')}
            {r.costPerOutputToken !== null && (
              <>
                {' '}
                ·{' '}
                <Money amount={(Number(r.costPerOutputToken) * 1_000_000).toFixed(4)} currency={r.currency} />{' '}
                per 1M output tokens
              </>
            )}
            {Number(r.unpricedRequests) > 0 &&
              ` · ${formatInt(r.unpricedRequests)} unpriced requests not in the total`}
          </p>
          <Context report={r} />
        </div>
      )}
    </Card>
  );
}
