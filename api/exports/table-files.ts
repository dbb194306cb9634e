/**
 * A table as a file: CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs
 * read æ, ø and å right) or an XLSX workbook with a typed, frozen header row and a filter; both
 * written by exceljs.
 */
import type ExcelJS from 'exceljs';
import type { Table } from './tables.ts';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const TABLE_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function workbookOf(table: Table, Excel: typeof ExcelJS): ExcelJS.Workbook {
  const workbook = new Excel.Workbook();
  workbook.creator = 'agreement-knowledge-graph';
  // a fixed date, so that the same table always gives the same workbook
  workbook.created = workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  table.columns.forEach((name, i) => {
    const longest = Math.max(name.length, ...table.rows.map((r) => String(r[i] ?? '').split('\n')[0]!.length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return workbook;
}

export async function writeTable(table: Table, format: TableFormat): Promise<Buffer> {
  // exceljs is large: loaded by the first table asked for, not by every command that could ask
  const { default: Excel } = await import('exceljs');
  const workbook = workbookOf(table, Excel);
  if (format === 'xlsx') return Buffer.from(await workbook.xlsx.writeBuffer());
  const csv = Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { quoteColumns: false, rowDelimiter: '\r\n', writeBOM: false } }));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
}
