/** A table answer, as CSV exports see it. */
export interface Table {
  /** File name without extension. */
  name: string;
  columns: string[];
  rows: Cell[][];
}

export type Cell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break,
 * quotes doubled. A UTF-8 BOM makes Excel read accents correctly. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe.
 */
export function toCsv(table: Table, locale: 'es' | 'en' = 'en'): string {
  const yes = locale === 'es' ? 'sí' : 'true';
  const no = locale === 'es' ? 'no' : 'false';
  const lines = [table.columns, ...table.rows].map((row) => row.map((cell) => field(cell, yes, no)).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function field(cell: Cell, yes: string, no: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? yes : no;
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
