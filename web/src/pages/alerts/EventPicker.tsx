import { useId } from 'react';
import { ALERT_EVENTS, type AlertEventKind, EVENT_LABELS } from './types.ts';

/** Which events a channel takes, as checkboxes; none ticked means all of them. */
export function EventPicker(props: {
  value: AlertEventKind[];
  onChange: (value: AlertEventKind[]) => void;
  error?: string;
}) {
  const uid = useId();
  const toggle = (e: AlertEventKind, on: boolean) =>
    props.onChange(on ? [...props.value, e] : props.value.filter((x) => x !== e));
  return (
    <fieldset className="event-picker">
      <legend>Events (none ticked: all)</legend>
      {ALERT_EVENTS.filter((e) => e !== 'test').map((e) => (
        <span key={e} className="field check-field">
          <input
            id={`${uid}-${e}`}
            type="checkbox"
            checked={props.value.includes(e)}
            onChange={(x) => toggle(e, x.target.checked)}
          />
          <label htmlFor={`${uid}-${e}`}>{EVENT_LABELS[e]}</label>
        </span>
      ))}
      {props.error && <span className="field-error">{props.error}</span>}
    </fieldset>
  );
}
