import { Pencil, Trash2 } from 'lucide-react';

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

/** The Edit and Delete buttons of a row; Delete asks through `ConfirmDelete` (the caller shows it). */
export function EditDeleteButtons(props: { name: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <button type="button" className="button small" onClick={props.onEdit} aria-label={`Edit ${props.name}`}>
        <Pencil size={14} aria-hidden="true" /> Edit
      </button>
      <button
        type="button"
        className="button small"
        onClick={props.onDelete}
        aria-label={`Delete ${props.name}`}
      >
        <Trash2 size={14} aria-hidden="true" /> Delete
      </button>
    </>
  );
}
