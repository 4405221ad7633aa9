import { parseISO } from 'date-fns';
import { useState } from 'react';
import { type DateRange, DayPicker } from 'react-day-picker';
import 'react-day-picker/style.css';
import { dayString, type RangeSpec, resolveRange } from '../state/range.ts';

/** The custom-range calendar (react-day-picker), two months side by side where there is room. */
export default function RangeCalendar(props: {
  spec: RangeSpec;
  onApply: (spec: RangeSpec) => void;
  onCancel: () => void;
}) {
  const [selected, setSelected] = useState<DateRange | undefined>(() => initial(props.spec));
  const wide = window.matchMedia('(min-width: 720px)').matches;
  const today = new Date();
  const { from, to } = selected ?? {};

  return (
    <div className="range-calendar">
      <DayPicker
        mode="range"
        selected={selected}
        onSelect={setSelected}
        numberOfMonths={wide ? 2 : 1}
        defaultMonth={from ?? today}
        disabled={{ after: today }}
        endMonth={today}
        weekStartsOn={1}
      />
      <div className="range-calendar-foot">
        <span className="muted" aria-live="polite">
          {from ? `${dayString(from)} → ${to ? dayString(to) : '…'}` : 'Pick the first day'}
        </span>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!from}
          onClick={() =>
            from && props.onApply({ kind: 'custom', from: dayString(from), to: dayString(to ?? from) })
          }
        >
          Apply
        </button>
      </div>
    </div>
  );
}

function initial(spec: RangeSpec): DateRange {
  if (spec.kind === 'custom') return { from: parseISO(spec.from), to: parseISO(spec.to) };
  const range = resolveRange(spec, new Date());
  return { from: range.from, to: new Date(range.to.getTime() - 1) };
}
