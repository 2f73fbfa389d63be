import type { ChartConfiguration } from 'chart.js';

export type Cell = string | number | null;
/** A chart's data as rows and columns: its accessible alternative and its CSV. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

/** The table behind a category chart: one row per label, one column per dataset. */
export function tableOf(config: Pick<ChartConfiguration, 'data'>, firstColumn: string): DataTable {
  const labels = (config.data.labels ?? []).map(String);
  const datasets = config.data.datasets;
  return {
    columns: [firstColumn, ...datasets.map((d) => d.label ?? '')],
    rows: labels.map((label, i) => [label, ...datasets.map((d) => (d.data[i] as number | null | undefined) ?? null)]),
  };
}

/** RFC 4180 CSV with a BOM (so spreadsheet programs read the accents) and CRLF line ends. */
export function toCsv(table: DataTable): string {
  const cell = (value: Cell) => {
    if (value === null) return '';
    // A text cell starting like a formula is neutralised (CSV injection in spreadsheets).
    const text = typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : String(value);
    return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** A safe file name: "Volumen de publicaciones" → "volumen-de-publicaciones". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'datos'
  );
}
