import { Database, Upload } from 'lucide-react';
import { useApi } from '../../api/useApi.ts';
import { Link } from '../../frame/Link.tsx';
import { EmptyState } from '../../ui/states.tsx';

const EVER = 'from=2000-01-01&to=2100-01-01&limit=1';

/** Nothing to show: says whether the ledger is empty (and how to fill it) or only this period is. */
export function EmptyLedger(props: { rangeLabel: string; filtered: boolean }) {
  const any = useApi<{ records: unknown[] }>(`/api/v1/usage?${EVER}`);
  if (any.loading) return null;
  const ledgerEmpty = (any.data?.records.length ?? 0) === 0;
  const { filtered } = props;
  return (
    <div className="card">
      {ledgerEmpty ? (
        <EmptyState
          icon={<Database size={32} aria-hidden="true" />}
          title="Nothing recorded yet"
          actions={
            <Link className="button primary" href="/import">
              <Upload size={16} aria-hidden="true" /> Import a file
            </Link>
          }
        >
          <p>
            Import a JSONL or CSV export of your usage, send records to <code>POST /api/v1/usage</code>, or
            restart with <code>spendlens serve --demo</code> to explore 90 days of sample spend.
          </p>
        </EmptyState>
      ) : (
        <EmptyState
          icon={<Database size={32} aria-hidden="true" />}
          title={`No spend in ${props.rangeLabel.toLowerCase()}`}
        >
          <p>
            The ledger has records, but none in this period{filtered ? ' that match the filters' : ''}. Pick a
            longer range{filtered ? ' or remove a filter' : ''}.
          </p>
        </EmptyState>
      )}
    </div>
  );
}
