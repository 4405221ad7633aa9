import {
  createColumnHelper,
  createSortedRowModel,
  type Row,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo } from 'react';
import type { PivotColumn } from './columns.tsx';
import type { PivotRow } from './pivot.ts';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
const helper = createColumnHelper<typeof features, PivotRow>();

/** The pivot table (TanStack Table): sorted by the URL's `sort`, rows in the order the export writes. */
export function PivotTable(props: {
  rows: PivotRow[];
  columns: PivotColumn[];
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  /** Controls drawn above the table that act on the rows in the order shown (the CSV export). */
  toolbar: (shown: PivotRow[]) => React.ReactNode;
  footer: (column: PivotColumn) => React.ReactNode;
}) {
  const { columns, sorting, onSortingChange } = props;
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row) => c.sortValue?.(row) ?? undefined, {
            id: c.id,
            header: c.header,
            enableSorting: c.sortValue !== null,
            sortDescFirst: c.numeric,
            sortUndefined: 'last',
            cell: (ctx) => c.cell(ctx.row.original),
          }),
        ),
      ),
    [columns],
  );
  const table = useTable({
    features,
    columns: defs,
    data: props.rows,
    getRowId: (row: PivotRow) => row.id,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
    enableSortingRemoval: false,
  });
  const rows: Row<typeof features, PivotRow>[] = table.getRowModel().rows;
  const byId = new Map(columns.map((c) => [c.id, c]));

  return (
    <>
      {props.toolbar(rows.map((r) => r.original))}
      <div className="table-wrap">
        <table className="data" data-testid="pivot">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const spec = byId.get(header.column.id);
                  const sorted = header.column.getIsSorted();
                  const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={spec?.numeric ? 'num' : undefined}
                      title={spec?.title}
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {spec?.header}
                          <Icon size={12} aria-hidden="true" className={sorted ? undefined : 'sort-idle'} />
                        </button>
                      ) : (
                        spec?.header
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={byId.get(cell.column.id)?.numeric ? 'num' : undefined}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              {columns.map((c) => (
                <td key={c.id} className={c.numeric ? 'num' : undefined}>
                  {props.footer(c)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
