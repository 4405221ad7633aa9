import { formatChange } from '../../lib/format.ts';
import { Money } from '../../ui/Money.tsx';
import { type ReportSummary, reportTitle } from './types.ts';

/** The archive as a list of buttons; pressing one shows its numbers beside the list. */
export function ReportList(props: {
  reports: ReportSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <div className="report-list" data-testid="report-list">
      {props.reports.map((r) => (
        <button
          key={r.id}
          type="button"
          className="report-row"
          aria-pressed={r.id === props.selected}
          onClick={() => props.onSelect(r.id)}
          data-testid={`report-${r.id}`}
        >
          <span className={`report-kind report-kind-${r.kind}`}>{r.kind}</span>
          <span className="report-name">{reportTitle(r)}</span>
          <span className="num">
            <Money amount={r.total} currency={r.currency} />
            <span className="muted small">
              {' '}
              {r.changePercent === null ? '' : formatChange(r.changePercent)}
            </span>
          </span>
        </button>
      ))}
    </div>
  );
}
