import { useState } from 'react';
import { formatDay } from '../../lib/days.ts';
import { toNumber } from '../../lib/decimal.ts';
import { dimensionLabel } from '../../lib/dimensions.ts';
import { Segmented } from '../../ui/controls.tsx';
import { Money } from '../../ui/Money.tsx';
import { Change, Figure } from './Change.tsx';
import {
  type CompareLine,
  lineValue,
  REPORT_DIMENSIONS,
  type ReportDimension,
  type WeeklyReport,
} from './types.ts';

/** This week against the week before, line by line. */
function CompareTable(props: {
  lines: CompareLine[];
  currency: string;
  label: string;
  withDimension?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="data report-table" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">
              {props.withDimension ? 'What' : dimensionLabel(props.lines[0]?.dimension ?? 'Value')}
            </th>
            <th scope="col" className="num">
              This week
            </th>
            <th scope="col" className="num">
              Week before
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr key={`${l.dimension}:${l.value}`}>
              <td>
                {props.withDimension && <span className="muted">{dimensionLabel(l.dimension)} </span>}
                {lineValue(l.value)}
              </td>
              <td className="num">
                <Money amount={l.cost} currency={props.currency} />
              </td>
              <td className="num">
                <Money amount={l.previous} currency={props.currency} />
              </td>
              <td className="num">
                <Money amount={l.change} currency={props.currency} /> <Change percent={l.changePercent} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The week's seven days as small bars, to see its shape at a glance. */
function DayBars(props: { report: WeeklyReport }) {
  const max = Math.max(...props.report.days.map((d) => toNumber(d.total)), 0) || 1;
  return (
    <ul className="report-days" aria-label="Spend per day">
      {props.report.days.map((d) => (
        <li key={d.day}>
          <span className="muted small">{formatDay(d.day)}</span>
          <span className="report-day-bar" style={{ width: `${(100 * toNumber(d.total)) / max}%` }} />
          <Money amount={d.total} currency={props.report.currency} />
        </li>
      ))}
    </ul>
  );
}

/** A weekly report's week-on-week comparison: totals, the biggest movers, each dimension's top values, the days. */
export function WeeklyNumbers(props: { report: WeeklyReport }) {
  const r = props.report;
  const [dimension, setDimension] = useState<ReportDimension>('team');
  return (
    <div className="stack" data-testid="week-on-week">
      <div className="report-compare">
        <Figure label="This week">
          <Money amount={r.total} currency={r.currency} />
        </Figure>
        <Figure label="Week before">
          <Money amount={r.previousTotal} currency={r.currency} />
        </Figure>
        <Figure label="Change">
          <Money amount={r.change} currency={r.currency} /> <Change percent={r.changePercent} />
        </Figure>
      </div>
      {r.movers.length > 0 && (
        <section>
          <h3 className="report-section">Biggest movers</h3>
          <CompareTable lines={r.movers} currency={r.currency} label="Biggest movers" withDimension />
        </section>
      )}
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
        <CompareTable
          lines={r.top[dimension]}
          currency={r.currency}
          label={`Top ${dimension}s, week on week`}
        />
      </section>
      <section>
        <h3 className="report-section">Days</h3>
        <DayBars report={r} />
      </section>
    </div>
  );
}
