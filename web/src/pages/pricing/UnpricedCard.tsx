import { Fragment, useState } from 'react';
import type { UnpricedModel } from '../../api/types.ts';
import { formatCompact, formatInt } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { PriceForm } from './PriceForm.tsx';

/** Models seen without a price: their usage is left out of totals until priced here. */
export function UnpricedCard(props: { models: UnpricedModel[]; onSaved: (message: string) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card
      title={`Unpriced models (${props.models.length})`}
      subtitle="Their requests are not in any total until they have a price"
      className="attention"
    >
      <div className="table-wrap">
        <table className="data" data-testid="unpriced">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Requests
              </th>
              <th scope="col" className="num">
                Input tokens
              </th>
              <th scope="col" className="num">
                Output tokens
              </th>
              <th scope="col">First seen</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.models.map((m) => {
              const key = `${m.provider}/${m.model}`;
              return (
                <Fragment key={key}>
                  <tr>
                    <td>{m.provider}</td>
                    <td>
                      <strong>{m.model}</strong>
                    </td>
                    <td className="num">{formatInt(m.requests)}</td>
                    <td className="num">{formatCompact(m.inputTokens)}</td>
                    <td className="num">{formatCompact(m.outputTokens)}</td>
                    <td>{m.firstSeen.slice(0, 10)}</td>
                    <td className="num">
                      <button
                        type="button"
                        className="button small"
                        aria-expanded={open === key}
                        onClick={() => setOpen(open === key ? null : key)}
                      >
                        Set price<span className="sr-only"> for {m.model}</span>
                      </button>
                    </td>
                  </tr>
                  {open === key && (
                    <tr className="form-row">
                      <td colSpan={7}>
                        <PriceForm
                          fixedModel
                          initial={{
                            provider: m.provider,
                            model: m.model,
                            effectiveFrom: m.firstSeen.slice(0, 10),
                          }}
                          onSaved={(msg) => {
                            setOpen(null);
                            props.onSaved(msg);
                          }}
                          onCancel={() => setOpen(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
