import { describe, expect, test } from 'vitest';
import { bucketize, isPartial, rateOf, shares, weekStart } from '../../../client/charts/aggregate.js';
import { barChart, barHeight } from '../../../client/charts/bars.js';
import { inkOn, sequential, withAlpha } from '../../../client/charts/palette.js';
import { slug, tableOf, toCsv } from '../../../client/charts/table.js';
import { lineChart, stackedBarChart } from '../../../client/charts/time-series.js';

const fmt = (n: number) => `${n}u`;

describe('lineChart', () => {
  test.each([
    { series: 1, legend: false },
    { series: 3, legend: true },
  ])('$series series → legend shown: $legend', ({ series, legend }) => {
    const config = lineChart({
      labels: ['a', 'b'],
      series: Array.from({ length: series }, (_, i) => ({ label: `s${i}`, data: [1, 2] })),
      format: fmt,
    });
    expect(config.data.datasets).toHaveLength(series);
    expect(config.options?.plugins?.legend?.display).toBe(legend);
  });

  test.each([
    { marker: { index: 1, label: 'Lanzamiento' }, expected: { index: 1, label: 'Lanzamiento' } },
    { marker: null, expected: { index: null, label: '' } },
  ])('launch marker $expected.index', ({ marker, expected }) => {
    const config = lineChart({ labels: ['a', 'b'], series: [{ label: 's', data: [1, null] }], format: fmt, marker });
    expect(config.options?.plugins?.launchMarker).toEqual(expected);
  });

  test('fixed range and formatted ticks', () => {
    const config = lineChart({ labels: ['a'], series: [{ label: 's', data: [5], fill: true }], format: fmt, yRange: [-100, 100] });
    const y = config.options!.scales!.y as { min: number; max: number; ticks: { callback: (v: number) => string } };
    expect([y.min, y.max]).toEqual([-100, 100]);
    expect(y.ticks.callback(40)).toBe('40u');
    expect(config.data.datasets[0]!.fill).toBe('origin');
  });

  test('hides points on long series', () => {
    const labels = Array.from({ length: 60 }, (_, i) => String(i));
    const config = lineChart({ labels, series: [{ label: 's', data: labels.map(() => 1) }], format: fmt });
    expect(config.data.datasets[0]!.pointRadius).toBe(0);
  });
});

describe('bar charts', () => {
  test.each([
    { horizontal: true, indexAxis: 'y' },
    { horizontal: false, indexAxis: 'x' },
  ])('horizontal $horizontal → indexAxis $indexAxis', ({ horizontal, indexAxis }) => {
    const config = barChart({ labels: ['GT', 'HN'], series: [{ label: 'posts', data: [3, 2] }], format: fmt, horizontal });
    expect(config.options?.indexAxis).toBe(indexAxis);
  });

  test('per-bar colours for a single series', () => {
    const config = barChart({ labels: ['a', 'b'], series: [{ label: 's', data: [1, 2] }], format: fmt, colors: ['#111111', '#222222'] });
    expect(config.data.datasets[0]!.backgroundColor).toEqual(['#111111', '#222222']);
  });

  test('stacked bars stack both axes', () => {
    const config = stackedBarChart({ labels: ['a'], series: [{ label: 'P', data: [1] }, { label: 'N', data: [2] }], format: fmt });
    expect((config.options!.scales!.x as { stacked: boolean }).stacked).toBe(true);
    expect((config.options!.scales!.y as { stacked: boolean }).stacked).toBe(true);
  });

  test.each([
    [0, 160],
    [5, 190],
    [40, 520],
  ])('barHeight(%i) = %i', (n, height) => expect(barHeight(n)).toBe(height));
});

describe('aggregation', () => {
  const point = (bucket: string, posts: number, misogyny: number, analysed: number) => ({
    bucket, posts, misogyny, hate: 0, analysed, sentiment: { P: 1, NEU: 0, N: 1 },
  });

  test.each([
    ['2026-11-02', '2026-11-02'],
    ['2026-11-08', '2026-11-02'],
    ['2026-11-04T10:00:00Z', '2026-11-02'],
  ])('weekStart(%s) = %s', (day, monday) => expect(weekStart(day)).toBe(monday));

  test('weekly buckets recompute rates from counts', () => {
    const buckets = bucketize([point('2026-11-02', 10, 1, 10), point('2026-11-03', 30, 9, 30), point('2026-11-09', 5, 0, 0)], true);
    expect(buckets.map((b) => b.day)).toEqual(['2026-11-02', '2026-11-09']);
    expect(rateOf(buckets[0]!.misogyny, buckets[0]!.analysed)).toBe(25);
    expect(rateOf(buckets[1]!.misogyny, buckets[1]!.analysed)).toBeNull();
  });

  test('weeks cut by the range and the period holding today are partial', () => {
    const days = Array.from({ length: 16 }, (_, i) => new Date(Date.UTC(2026, 10, 4 + i)).toISOString().slice(0, 10));
    // 4 Nov (Wednesday) … 19 Nov (Thursday); today is 19 Nov.
    const buckets = bucketize(days.map((d) => point(d, 1, 0, 1)), true, '2026-11-19');
    expect(buckets.map((b) => [b.day, b.days, b.partial])).toEqual([
      ['2026-11-02', 5, true],
      ['2026-11-09', 7, false],
      ['2026-11-16', 4, true],
    ]);
    const daily = bucketize(days.slice(-2).map((d) => point(d, 1, 0, 1)), false, '2026-11-19');
    expect(daily.map((b) => b.partial)).toEqual([false, true]);
    expect(isPartial('2026-11-09', 7, 7, '2026-11-12')).toBe(true);
    expect(isPartial('2026-11-09', 7, 7, '2026-11-16')).toBe(false);
  });

  test('a point with a caveat is dashed and says so in its tooltip', () => {
    const line = lineChart({ labels: ['a', 'b'], series: [{ label: 'BZ', data: [10, 50], notes: [null, 'muestra pequeña (n = 2)'] }], format: fmt });
    const dash = (line.data.datasets[0] as unknown as { segment: { borderDash: (c: { p0DataIndex: number; p1DataIndex: number }) => number[] | undefined } }).segment.borderDash;
    expect(dash({ p0DataIndex: 0, p1DataIndex: 1 })).toEqual([4, 4]);
    const label = (line.options!.plugins!.tooltip as unknown as { callbacks: { label: (i: object) => string } }).callbacks.label;
    expect(label({ dataset: { label: 'BZ' }, datasetIndex: 0, dataIndex: 1, parsed: { y: 50 } })).toBe('BZ: 50u · muestra pequeña (n = 2)');
    expect(label({ dataset: { label: 'BZ' }, datasetIndex: 0, dataIndex: 0, parsed: { y: 10 } })).toBe('BZ: 10u');
  });

  test('partial points dash the line into them and lighten their bars', () => {
    const line = lineChart({ labels: ['a', 'b', 'c'], series: [{ label: 'x', data: [1, 2, 3] }], format: fmt, partial: [false, false, true], partialNote: 'incompleta' });
    const dash = (line.data.datasets[0] as unknown as { segment: { borderDash: (c: { p0DataIndex: number; p1DataIndex: number }) => number[] | undefined } }).segment.borderDash;
    expect(dash({ p0DataIndex: 0, p1DataIndex: 1 })).toBeUndefined();
    expect(dash({ p0DataIndex: 1, p1DataIndex: 2 })).toEqual([4, 4]);
    const footer = (line.options!.plugins!.tooltip as unknown as { callbacks: { footer: (i: { dataIndex: number }[]) => string } }).callbacks.footer;
    expect(footer([{ dataIndex: 2 }])).toBe('incompleta');
    expect(footer([{ dataIndex: 0 }])).toBe('');
    const bars = stackedBarChart({ labels: ['a', 'b'], series: [{ label: 'P', data: [1, 2], color: '#000000' }], format: fmt, partial: [false, true] });
    const colors = bars.data.datasets[0]!.backgroundColor as string[];
    expect(colors[0]).not.toBe(colors[1]);
  });

  test('shares of a total', () => expect(shares([1, 3], 8)).toEqual([12.5, 37.5]));
});

describe('tables and CSV', () => {
  test('tableOf derives rows from labels and datasets', () => {
    const config = lineChart({ labels: ['1 nov', '2 nov'], series: [{ label: 'Posts', data: [4, null] }], format: fmt });
    expect(tableOf(config, 'Fecha')).toEqual({ columns: ['Fecha', 'Posts'], rows: [['1 nov', 4], ['2 nov', null]] });
  });

  test.each([
    [{ columns: ['a', 'b'], rows: [['x', 1]] }, '\ufeffa,b\r\nx,1\r\n'],
    [{ columns: ['t'], rows: [['dijo "no", luego']] }, '\ufefft\r\n"dijo ""no"", luego"\r\n'],
    [{ columns: ['t'], rows: [['=HYPERLINK()'], [null]] }, "\ufefft\r\n'=HYPERLINK()\r\n\r\n"],
    [{ columns: ['n'], rows: [[-3]] }, '\ufeffn\r\n-3\r\n'],
  ])('toCsv %#', (table, csv) => expect(toCsv(table)).toBe(csv));

  test.each([
    ['Volumen de publicaciones', 'volumen-de-publicaciones'],
    ['Participación por país', 'participacion-por-pais'],
    ['***', 'datos'],
  ])('slug(%s)', (text, expected) => expect(slug(text)).toBe(expected));
});

describe('palette', () => {
  test.each([
    [0, '#eeeaf6'],
    [1, '#3b2370'],
  ])('sequential(%d)', (t, hex) => expect(sequential(t)).toBe(hex));
  test('ink on fills and alpha', () => {
    expect(inkOn(0.9)).toBe('#ffffff');
    expect(inkOn(0.1)).not.toBe('#ffffff');
    expect(withAlpha('#4b2e83', 0.5)).toBe('#4b2e8380');
  });
});

describe('evidence terms', async () => {
  const { wordOf } = await import('../../../client/views/view-violencia.js');
  test.each([
    ['sexual-violence:acoso', 'acoso'],
    ['misogyny-non-sexual-violence:mujeres', 'mujeres'],
    ['léxico:neg', null],
    ['sexual-violence:léxico:polarity', null],
    ['rasgo:question', null],
    ['su esposa', 'su esposa'],
    ['stereotyping-dominance:léxico:misogyny (histericas)', 'histericas'],
    ['que le', null],
    ['no', null],
    ['intención:mujeres', null],
    ['postura:basta de', null],
    ['…ujer…', null],
  ])('wordOf(%s) = %s', (feature, word) => expect(wordOf(feature)).toBe(word));

  test('weighingWords counts the posts each word weighed for, once per post', async () => {
    const { weighingWords } = await import('../../../client/views/view-violencia.js');
    const ev = (feature: string, weight: number) => ({ feature, weight });
    const words = weighingWords(
      [
        [ev('sexual-violence:acoso', 2), ev('objectification:acoso', 1), ev('léxico:neg', 3)],
        [ev('misogyny-non-sexual-violence:mujeres', 0.4), ev('sexual-violence:acoso', 0.1)],
        [ev('mujeres', 0.5), ev('zorra', 5), ev('calladita', -1)],
      ],
      2,
    );
    // acoso and mujeres each weighed in 2 posts; acoso's total weight is larger. zorra: 1 post.
    expect(words).toEqual([['acoso', 2], ['mujeres', 2]]);
  });
});
