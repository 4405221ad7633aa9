import { formatMoney } from '../lib/format.ts';

/** An amount in the reporting currency; the exact decimal stays in `data-value` and the tooltip. */
export function Money(props: { amount: string; currency: string; className?: string }) {
  return (
    <span
      className={`money ${props.className ?? ''}`}
      data-value={props.amount}
      title={`${props.amount} ${props.currency}`}
    >
      {formatMoney(props.amount, props.currency)}
    </span>
  );
}
