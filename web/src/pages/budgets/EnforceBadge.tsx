/** Whether the gateway holds calls to this budget: a hard limit refuses them, a soft one only warns. */
export function EnforceBadge(props: { enforce: 'soft' | 'hard' }) {
  const hard = props.enforce === 'hard';
  return (
    <span
      className={`budget-enforce budget-enforce-${props.enforce}`}
      data-testid="budget-enforce"
      title={
        hard
          ? 'The gateway refuses calls that would cross this budget (HTTP 429) until it resets'
          : 'The gateway lets calls through and tells each client what is left'
      }
    >
      {hard ? 'Hard limit' : 'Soft limit'}
    </span>
  );
}
