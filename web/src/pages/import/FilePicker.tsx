import { FileUp } from 'lucide-react';
import { type DragEvent, useId, useState } from 'react';

/** A file input styled as a drop zone; dropping a file works as well as choosing one. */
export function FilePicker(props: { onFile: (file: File) => void; disabled?: boolean }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !props.disabled) props.onFile(file);
  };
  return (
    <label
      htmlFor={id}
      className={`dropzone ${over ? 'over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <FileUp size={28} aria-hidden="true" />
      <span>
        <strong>Choose a JSONL or CSV file</strong> or drop it here
      </span>
      <span className="muted">One usage record per line; up to hundreds of thousands of lines</span>
      <input
        id={id}
        type="file"
        accept=".jsonl,.ndjson,.json,.csv,text/csv,application/x-ndjson"
        disabled={props.disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}
