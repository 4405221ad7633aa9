import type { PriceEntry } from '../../api/types.ts';

/** "2.5" → "$2.50", "0.075" → "$0.075": at least cents, never fewer digits than the price has. */
function usd(value: string | undefined): string {
  if (value === undefined) return '–';
  const [whole, frac = ''] = value.split('.');
  return `$${whole}.${frac.padEnd(2, '0')}`;
}

/** Price entries in USD per 1M tokens: the catalog or the saved overrides. */
export function PriceTable(props: { entries: PriceEntry[]; testId: string; showUpdated?: boolean }) {
  return (
    // why: the catalog scrolls; a keyboard user must be able to focus it to scroll it (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable by design
    <section className="table-wrap price-table" tabIndex={0} aria-label={`${props.testId} prices`}>
      <table className="data" data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col">From</th>
            <th scope="col" className="num">
              Input
            </th>
            <th scope="col" className="num">
              Output
            </th>
            <th scope="col" className="num">
              Cache read
            </th>
            <th scope="col" className="num">
              Cache write
            </th>
            <th scope="col" className="num">
              Batch
            </th>
            {props.showUpdated && <th scope="col">Updated</th>}
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr key={`${e.provider}/${e.model}@${e.effectiveFrom}`}>
              <td>{e.provider}</td>
              <td>
                <strong>{e.model}</strong>
                {e.aliases && e.aliases.length > 0 && (
                  <div className="muted small">also {e.aliases.join(', ')}</div>
                )}
              </td>
              <td>{e.effectiveFrom}</td>
              <td className="num">{usd(e.input)}</td>
              <td className="num">{usd(e.output)}</td>
              <td className="num">{usd(e.cacheRead)}</td>
              <td className="num">{usd(e.cacheWrite5m)}</td>
              <td className="num">{e.batchDiscountPercent ? `−${e.batchDiscountPercent}%` : '–'}</td>
              {props.showUpdated && <td>{e.updatedAt?.slice(0, 10) ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
