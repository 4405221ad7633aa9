import { useState } from 'react';
import { formatDay } from '../../lib/days.ts';
import { dimensionLabel } from '../../lib/dimensions.ts';
import { formatShare } from '../../lib/format.ts';
import { Segmented } from '../../ui/controls.tsx';
import { Money } from '../../ui/Money.tsx';
import { Change, Figure } from './Change.tsx';
import { type DailyReport, lineValue, REPORT_DIMENSIONS, type ReportDimension } from './types.ts';

/** A daily summary: the day against its baseline and the same weekday a week before, then the top values. */
export function DailyNumbers(props: { report: DailyReport }) {
  const r = props.report;
  const [dimension, setDimension] = useState<ReportDimension>('team');
  return (
    <div className="stack" data-testid="daily-numbers">
      <div className="report-compare">
        <Figure label="The day">
          <Money amount={r.total} currency={r.currency} />
        </Figure>
        <Figure
          label="Expected"
          under={
            r.baseline ? (
              <span className="muted small">
                <Money amount={r.baseline.lower} currency={r.currency} /> –{' '}
                <Money amount={r.baseline.upper} currency={r.currency} />
              </span>
            ) : (
              <span className="muted small">still learning the weekly rhythm</span>
            )
          }
        >
          {r.baseline ? <Money amount={r.baseline.expected} currency={r.currency} /> : '–'}
        </Figure>
        <Figure
          label="A week before"
          under={
            <span className="small">
              <span className="muted">{formatDay(r.lastWeek.day)}; the day was </span>
              <Change percent={r.lastWeek.changePercent} />
            </span>
          }
        >
          <Money amount={r.lastWeek.total} currency={r.currency} />
        </Figure>
      </div>
      <section>
        <div className="report-section-head">
          <h3 className="report-section">Top {dimensionLabel(dimension).toLowerCase()}s</h3>
          <Segmented
            label="Dimension"
            value={dimension}
            options={REPORT_DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(d) }))}
            onChange={setDimension}
          />
        </div>
        <div className="table-wrap">
          <table className="data report-table" aria-label={`Top ${dimension}s`}>
            <thead>
              <tr>
                <th scope="col">{dimensionLabel(dimension)}</th>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {r.top[dimension].map((l) => (
                <tr key={lineValue(l.value)}>
                  <td>{lineValue(l.value)}</td>
                  <td className="num">
                    <Money amount={l.cost} currency={r.currency} />
                  </td>
                  <td className="num">{formatShare(l.share / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
