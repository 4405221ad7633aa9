import { Download } from 'lucide-react';
import { download, toCsv } from '../../lib/csv.ts';
import type { PivotColumn } from './columns.tsx';
import type { PivotRow } from './pivot.ts';

/** Writes the rows and columns as shown, in the order shown, with exact amounts, to a CSV file. */
export function ExportButton(props: { rows: PivotRow[]; columns: PivotColumn[]; filename: string }) {
  const exported = props.columns.filter((c) => c.csv);
  const save = () => {
    const header = exported.map((c) => c.csvHeader ?? c.header);
    const lines = props.rows.map((row) => exported.map((c) => c.csv?.(row) ?? null));
    download(props.filename, toCsv(header, lines));
  };
  return (
    <button type="button" className="button" onClick={save} disabled={props.rows.length === 0}>
      <Download size={16} aria-hidden="true" /> Export CSV
    </button>
  );
}
