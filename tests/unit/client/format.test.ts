import { describe, expect, test } from 'vitest';
import { formatBytes, formatChange, formatDay, formatNumber, formatPercent, formatSigned } from '../../../client/format.js';

describe('locale formatting', () => {
  test.each([
    [1234.56, 'es-419', '1,234.6'],
    [1234.56, 'es-ES', '1234,6'],
    [1234.56, 'en-BZ', '1,234.6'],
  ])('formatNumber(%d, %s)', (n, locale, text) => expect(formatNumber(n, locale)).toBe(text));

  test.each([
    [120, 100, 'count', '+20%'],
    [80, 100, 'count', '-20%'],
    [5, 0, 'count', null],
    [12.5, 10, 'points', '+2.5 pts'],
    [30, 10, 'points', '+20 pts'],
    [108.4, 100, 'count', '+8.4%'],
    [178, 100, 'count', '+78%'],
  ] as const)('formatChange(%d, %d, %s)', (current, previous, kind, text) => {
    const result = formatChange(current, previous, kind, 'en-BZ');
    expect(result === null ? null : result.replace(/\s/g, ' ')).toBe(text);
  });

  test('Spanish points and percentages', () => {
    expect(formatChange(10, 12, 'points', 'es-419')).toBe('-2.0\u00a0pp');
    expect(formatPercent(36.9, 'es-419').replace(/\s/g, ' ')).toMatch(/^37\s?%$/);
    expect(formatPercent(6.9, 'es-419').replace(/\s/g, ' ')).toMatch(/^6\.9\s?%$/);
    expect(formatSigned(0, 'en-BZ')).toBe('0');
  });

  test('days are calendar days, not shifted by the time zone', () => {
    expect(formatDay('2026-11-02', 'es-419')).toMatch(/^2 nov/);
    expect(formatDay('2026-11-02', 'en-BZ')).toMatch(/2 Nov 2026|Nov 2, 2026/);
  });

  test.each([
    [512, '512 B'],
    [2048, '2 kB'],
    [3 * 1024 * 1024, '3 MB'],
  ])('formatBytes(%d)', (n, text) => expect(formatBytes(n, 'en-BZ')).toBe(text));
});

describe('formatBucket', () => {
  test('shows a daily alert as its day and an hourly one as an instant', async () => {
    const { formatBucket } = await import('../../../client/elements/alert-list.js');
    const { formatDateTime } = await import('../../../client/format.js');
    expect(formatBucket({ bucket: '2026-11-16T00:00:00.000Z', granularity: 'day' })).toBe(formatDay('2026-11-16'));
    expect(formatBucket({ bucket: '2026-11-16T00:00:00.000Z', granularity: 'hour' })).toBe(formatDateTime('2026-11-16T00:00:00.000Z'));
    expect(formatBucket({ bucket: '2026-11-16T14:00:00.000Z' })).toBe(formatDateTime('2026-11-16T14:00:00.000Z'));
    expect(formatBucket({ bucket: '2026-11-16T00:00:00.000Z' })).toBe(formatDay('2026-11-16'));
  });
});
