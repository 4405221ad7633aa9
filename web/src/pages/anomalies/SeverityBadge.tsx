import type { Severity } from './types.ts';

/** A severity as a word in a coloured pill; the word carries the meaning, the colour only helps. */
export function SeverityBadge(props: { severity: Severity }) {
  return (
    <span className={`severity severity-${props.severity}`} data-severity={props.severity}>
      {props.severity}
    </span>
  );
}
