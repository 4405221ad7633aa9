import { CalendarDays } from 'lucide-react';
import { lazy, Suspense, useCallback, useState } from 'react';
import { PRESETS, type PresetId, type RangeSpec, rangeParams } from '../state/range.ts';
import { setParams } from '../state/router.ts';
import { Segmented } from '../ui/controls.tsx';
import { Popover } from '../ui/Popover.tsx';

// why: the calendar is only needed for a custom range, so it loads when first opened.
const RangeCalendar = lazy(() => import('./RangeCalendar.tsx'));

const SHORT: Record<PresetId, string> = {
  today: 'Today',
  '7d': '7 days',
  '30d': '30 days',
  wtd: 'This week',
  lastweek: 'Last week',
  mtd: 'Month to date',
  lastmonth: 'Last month',
};

/** The date-range control: presets in one click, a custom range from a calendar. */
export function RangePicker(props: { spec: RangeSpec; label: string }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const apply = (spec: RangeSpec) => {
    setParams(rangeParams(spec));
    setOpen(false);
  };
  const custom = props.spec.kind === 'custom';

  return (
    <div className="range-picker">
      <Segmented
        label="Date range"
        value={props.spec.kind === 'preset' ? props.spec.preset : null}
        options={PRESETS.map((p) => ({ value: p.id, label: SHORT[p.id] }))}
        onChange={(preset) => apply({ kind: 'preset', preset })}
      />
      <Popover
        open={open}
        onClose={close}
        label="Custom date range"
        align="right"
        trigger={
          <button
            type="button"
            className={`button ${custom ? 'selected' : ''}`}
            aria-expanded={open}
            aria-haspopup="dialog"
            onClick={() => setOpen((o) => !o)}
          >
            <CalendarDays size={16} aria-hidden="true" /> {custom ? props.label : 'Custom'}
          </button>
        }
      >
        <Suspense fallback={<div style={{ width: 280, height: 300 }} />}>
          <RangeCalendar spec={props.spec} onApply={apply} onCancel={close} />
        </Suspense>
      </Popover>
    </div>
  );
}
