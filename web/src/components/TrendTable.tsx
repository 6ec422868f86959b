/** The data table behind a trend chart: one row per bucket, one column per series. */
import type { ReactNode } from 'react';

export function TrendTable({
  caption,
  rowHeader,
  rows,
  columns,
}: {
  caption: string;
  rowHeader: string;
  rows: readonly { key: string; label: string; values: readonly ReactNode[] }[];
  columns: readonly string[];
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          {columns.map((c) => (
            <th key={c} scope="col" className="num">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" style={{ position: 'static', fontWeight: 500, color: 'var(--text)' }}>
              {row.label}
            </th>
            {row.values.map((v, i) => (
              <td key={columns[i]} className="num">
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
