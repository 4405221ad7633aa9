/** An inline "are you sure?" for a delete: the question, then confirm and keep buttons. */
export function ConfirmDelete(props: {
  question: string;
  className: string;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  return (
    <div className={props.className}>
      <span>{props.question}</span>
      <button type="button" className="button small" onClick={props.onConfirm}>
        Yes, delete
      </button>
      <button type="button" className="button small" onClick={props.onKeep}>
        Keep
      </button>
    </div>
  );
}
