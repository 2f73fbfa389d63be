import type { ChartConfiguration } from 'chart.js';

export type Cell = string | number | null;
/** A chart's data as rows and columns: its accessible alternative and its CSV. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

/**
 * What a chart's table and CSV need beyond what it draws: `csvLabels` replace the short axis
 * labels in the CSV ("2026-10-20" for "20 oct", so a spreadsheet can sort and parse them);
 * `labelColumn` names the first column ("Hashtag").
 */
export interface TableHints {
  csvLabels?: string[];
  labelColumn?: string;
}
const HINTS = new WeakMap<object, TableHints>();

/** Attaches table hints to a chart configuration (the chart itself never reads them). */
export function withTableHints<T extends object>(config: T, hints: TableHints): T {
  const kept = Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== undefined)) as TableHints;
  HINTS.set(config, { ...HINTS.get(config), ...kept });
  return config;
}

/** The hints attached to a chart configuration, if any. */
export function tableHints(config: object): TableHints {
  return HINTS.get(config) ?? {};
}

/**
 * A series bucket as a CSV writes it: ISO 8601, sortable in any spreadsheet. Days as
 * "2026-10-20"; hours as "2026-10-20T13:00Z".
 */
export function csvDate(bucket: string, hourly = false): string {
  return hourly ? `${bucket.slice(0, 13)}:00Z` : bucket.slice(0, 10);
}

/**
 * The table behind a category chart: one row per label, one column per dataset. `labels`
 * replace the chart's own (the CSV's ISO dates).
 */
export function tableOf(config: Pick<ChartConfiguration, 'data'>, firstColumn: string, labels = (config.data.labels ?? []).map(String)): DataTable {
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
