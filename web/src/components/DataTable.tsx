/**
 * A table whose columns sort by a click (or Enter / Space) on their header, with a "Download CSV"
 * button that saves the rows as shown (sorted as shown, each cell's text) with the formula-safe
 * quoting of lib/csv.ts: a cell that starts with `=`, `+`, `-` or `@` cannot run in a spreadsheet.
 */
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { csvDocument, csvFileName } from '../lib/csv';

export interface Column<T> {
  readonly id: string;
  readonly header: ReactNode;
  readonly cell: (row: T) => ReactNode;
  /** The value to sort by; a column without one does not sort. Nulls sort last. */
  readonly sort?: (row: T) => number | string | null;
  readonly numeric?: boolean;
}

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  initialSort,
  testId,
  rowClass,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  caption?: ReactNode;
  initialSort?: { id: string; direction: 'asc' | 'desc' };
  testId?: string;
  rowClass?: (row: T) => string | undefined;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const tableRef = useRef<HTMLTableElement>(null);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.id === sort?.id);
    if (sort === null || column?.sort === undefined) return rows;
    const by = column.sort;
    const direction = sort.direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = by(a);
      const y = by(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * direction;
    });
  }, [rows, columns, sort]);
  const toggle = (id: string, numeric: boolean) =>
    setSort((current) =>
      current?.id === id
        ? { id, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { id, direction: numeric ? 'desc' : 'asc' },
    );
  const download = () => {
    const table = tableRef.current;
    if (table === null) return;
    const header = [...(table.tHead?.rows[0]?.cells ?? [])].map((cell) =>
      (cell.textContent ?? '').replace(/[▲▼↕]/g, '').trim(),
    );
    const body = [...(table.tBodies[0]?.rows ?? [])].map((row) =>
      [...row.cells].map((cell, i) => {
        const text = (cell.textContent ?? '').trim();
        // A number in a numeric column stays a number (a negative one is no formula).
        return columns[i]?.numeric === true && text !== '' && Number.isFinite(Number(text))
          ? Number(text)
          : text;
      }),
    );
    // The byte order mark makes spreadsheets read the file as UTF-8.
    const blob = new Blob(['\ufeff', csvDocument([header, ...body])], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(testId ?? 'table');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="table-wrap">
      {rows.length > 0 && (
        <div className="table-tools">
          <button
            type="button"
            className="button small"
            onClick={download}
            data-testid={testId === undefined ? undefined : `${testId}-csv`}
          >
            Download CSV
          </button>
        </div>
      )}
      <table data-testid={testId} ref={tableRef}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.id === column.id;
              const ariaSort = active ? (sort?.direction === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={column.numeric === true ? 'num' : undefined}
                  aria-sort={ariaSort}
                >
                  {column.sort === undefined ? (
                    column.header
                  ) : (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => toggle(column.id, column.numeric === true)}
                    >
                      {column.header}
                      <span className="sort-arrow" aria-hidden="true">
                        {active ? (sort?.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)} data-row={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.id} className={column.numeric === true ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
