import { Scale } from 'lucide-react';
import { invalidateAll } from '../../api/cache.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { RangePicker } from '../../frame/RangePicker.tsx';
import { useView } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { Banner, EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import './reconciliation.css';

/** `GET /api/v1/reconciliation`: amounts are decimal strings in `currency`. */
interface ReconcileRow {
  day: string;
  provider: string;
  project: string | null;
  billed: string | null;
  estimated: string;
  variance: string | null;
  variancePercent: number | null;
  byModel: { model: string; billed: string; estimated: string; variance: string }[];
  /** Negative invoice lines, shown apart from charges; null without billed data. */
  credits: string | null;
  charges: string | null;
  chargesVariance: string | null;
  chargesVariancePercent: number | null;
  lineItems: {
    item: string;
    kind: string;
    billed: string;
    estimated: string | null;
    variance: string | null;
    lines: string[];
  }[];
  causes: { code: string; amount: string | null; message: string }[];
}
interface Reconciliation {
  currency: string;
  rows: ReconcileRow[];
  totals: { billed: string; estimated: string; variance: string; credits: string };
  warnings: string[];
}

/** A variance of this many percent (either way) is highlighted. */
const LARGE_VARIANCE_PERCENT = 10;

const isLarge = (percent: number | null) => percent !== null && Math.abs(percent) >= LARGE_VARIANCE_PERCENT;

const formatPercent = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`);

const hasCredit = (credits: string | null) => credits !== null && /[1-9]/.test(credits);

/** The variance that matters: on charges, with credits set apart. */
const percentOf = (r: ReconcileRow) => r.chargesVariancePercent ?? r.variancePercent;

/** Billed (provider cost reports, cloud invoices) against estimated (usage × prices), per day, provider and project. */
export default function ReconciliationPage() {
  const view = useView();
  const params = new URLSearchParams({
    from: view.range.from.toISOString(),
    to: view.range.to.toISOString(),
  });
  const answer = useApi<Reconciliation>(`/api/v1/reconciliation?${params}`);
  const data = answer.data;
  const rows = data?.rows.filter((r) => r.billed !== null) ?? [];
  const large = rows.filter((r) => isLarge(percentOf(r))).length;

  return (
    <>
      <PageHeader title="Reconciliation" subtitle="What providers billed against what spendlens estimated">
        <RangePicker spec={view.spec} label={view.range.label} />
      </PageHeader>
      {answer.error ? (
        <ErrorState error={answer.error} onRetry={invalidateAll} />
      ) : !data ? (
        <Loading height={320} label="Reconciling…" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Scale size={32} aria-hidden="true" />} title="No billed figures in this period">
          <p className="muted">
            Billed figures come from provider cost reports — add an OpenAI or Anthropic source under Sources —
            or from Cloud Billing or FOCUS exports brought in under Import. Once some arrive, each day,
            provider and project shows here against the estimate from usage and prices.
          </p>
        </EmptyState>
      ) : (
        <div className="stack">
          {data.warnings.map((w) => (
            <Banner kind="warn" key={w}>
              <p className="recon-note">{w}</p>
            </Banner>
          ))}
          <Card
            title={`${rows.length} day${rows.length === 1 ? '' : 's'} × provider × project`}
            subtitle={`${large} with a variance on charges of ${LARGE_VARIANCE_PERCENT}% or more, highlighted; credits shown apart`}
            busy={answer.loading}
          >
            <div className="table-wrap">
              <table className="data recon-table" data-testid="reconciliation">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Project</th>
                    <th scope="col" className="num">
                      Billed
                    </th>
                    <th scope="col" className="num">
                      Credits
                    </th>
                    <th scope="col" className="num">
                      Estimated
                    </th>
                    <th scope="col" className="num">
                      Variance
                    </th>
                    <th scope="col" className="num">
                      Variance %
                    </th>
                    <th scope="col">Line items and causes</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr
                      key={`${r.day}|${r.provider}|${r.project}`}
                      className={isLarge(percentOf(r)) ? 'recon-large' : undefined}
                      data-large={isLarge(percentOf(r)) || undefined}
                    >
                      <td>{r.day}</td>
                      <td>{r.provider}</td>
                      <td>{r.project ?? <span className="muted">(none)</span>}</td>
                      <td className="num">
                        {r.billed !== null && <Money amount={r.billed} currency={data.currency} />}
                      </td>
                      <td className="num">
                        {hasCredit(r.credits) ? (
                          <Money amount={r.credits ?? '0'} currency={data.currency} />
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td className="num">
                        <Money amount={r.estimated} currency={data.currency} />
                      </td>
                      <td className="num">
                        {(r.chargesVariance ?? r.variance) !== null && (
                          <Money amount={r.chargesVariance ?? r.variance ?? '0'} currency={data.currency} />
                        )}
                      </td>
                      <td className="num">
                        {formatPercent(percentOf(r))}
                        {isLarge(percentOf(r)) && <span className="sr-only"> (large)</span>}
                      </td>
                      <td>
                        <ul className="recon-contributors">
                          {r.lineItems
                            .filter((it) => it.variance !== '0.000000')
                            .slice(0, 5)
                            .map((it) => (
                              <li key={`${it.kind}|${it.item}`} title={it.lines.join('\n')}>
                                {it.item}: billed <Money amount={it.billed} currency={data.currency} />
                                {it.estimated === null ? (
                                  ', no usage matches'
                                ) : (
                                  <>
                                    , estimated <Money amount={it.estimated} currency={data.currency} />
                                  </>
                                )}
                              </li>
                            ))}
                          {r.causes.map((c) => (
                            <li key={c.code} className="muted">
                              {c.message}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={3}>Total</td>
                    <td className="num">
                      <Money amount={data.totals.billed} currency={data.currency} />
                    </td>
                    <td className="num">
                      <Money amount={data.totals.credits} currency={data.currency} />
                    </td>
                    <td className="num">
                      <Money amount={data.totals.estimated} currency={data.currency} />
                    </td>
                    <td className="num">
                      <Money amount={data.totals.variance} currency={data.currency} />
                    </td>
                    <td colSpan={2} />
                  </tr>
                </tfoot>
              </table>
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
