import { tableFeatures, useTable } from '@tanstack/react-table'
import type { ColumnDef, RowData } from '@tanstack/react-table'

/** The table features the console uses: none beyond the core row model (sorting is server-side). */
export const features = tableFeatures({})
export type Features = typeof features
export type Column<Row extends RowData> = ColumnDef<Features, Row>

/**
 * A TanStack Table (v9) rendered as a real `<table>` with a caption and column headers, so
 * screen readers announce rows and headers. Wide tables scroll inside their own box.
 */
export function DataTable<Row extends RowData>({
  caption,
  columns,
  data,
  rowId,
  empty,
  selectedId,
}: {
  caption: string
  columns: readonly Column<Row>[]
  data: readonly Row[]
  rowId: (row: Row) => string
  empty: string
  selectedId?: string | null
}) {
  const table = useTable({
    features,
    columns,
    data,
    getRowId: (row) => rowId(row),
  })
  return (
    <div className="table-box">
      <table>
        <caption>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {data.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id} aria-selected={selectedId === undefined ? undefined : selectedId === row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}
