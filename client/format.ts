/** Number and change formatting for the dashboard, in the user's locale. */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

export function formatChange(current: number, previous: number, locale: string): string {
  if (previous === 0) return current === 0 ? '=' : '—';
  const change = ((current - previous) / previous) * 100;
  const sign = change > 0 ? '+' : '';
  return `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(change)} %`;
}
