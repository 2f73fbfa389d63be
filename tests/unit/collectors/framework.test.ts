import { describe, expect, it } from 'vitest';
import { fold, htmlToText, matchesQuery, parseCompactCount } from '../../../workers/collectors/mapping.js';
import { nextQuotaReset, quotaDay, quotaMeter } from '../../../workers/collectors/quota.js';
import { adHocSourceId, buildSource } from '../../../workers/collectors/sources.js';
import { advanceSweep, compareNumericIds, readSweep } from '../../../workers/collectors/sweep.js';
import { RateLimitedError } from '../../../workers/collectors/errors.js';

describe('newest-first sweep', () => {
  it('keeps the high mark until the walk reaches it, then moves it to the top', () => {
    let step = advanceSweep(readSweep(null), { newest: '300', next: '298', reachedEnd: false }, compareNumericIds);
    expect(step).toEqual({ cursor: { high: null, sweep: { next: '298', top: '300' } }, done: false });
    step = advanceSweep(step.cursor, { newest: '297', next: '295', reachedEnd: false }, compareNumericIds);
    expect(step.cursor).toEqual({ high: null, sweep: { next: '295', top: '300' } });
    step = advanceSweep(step.cursor, { newest: '294', next: null, reachedEnd: false }, compareNumericIds);
    expect(step).toEqual({ cursor: { high: '300', sweep: null }, done: true });
    step = advanceSweep(step.cursor, { newest: null, next: null, reachedEnd: false }, compareNumericIds);
    expect(step).toEqual({ cursor: { high: '300', sweep: null }, done: true });
  });

  it('orders snowflake ids of different lengths without precision loss', () => {
    expect(compareNumericIds('99', '100')).toBeLessThan(0);
    expect(compareNumericIds('113500000000000301', '113500000000000300')).toBeGreaterThan(0);
  });
});

describe('mapping helpers', () => {
  it('turns HTML into text with line breaks and decoded entities', () => {
    expect(htmlToText('<p>Hola &amp; adiós<br>línea</p><p>otro&nbsp;párrafo</p>')).toBe('Hola & adiós\nlínea\n\notro párrafo');
  });

  it.each([
    ['1.2K', 1200],
    ['48.2K', 48_200],
    ['3,4M', 3_400_000],
    ['5,312', 5312],
    ['987', 987],
    ['muchas', null],
  ])('reads the compact count %s', (text, value) => {
    expect(parseCompactCount(text)).toBe(value);
  });

  it('matches keywords as whole words, accent- and case-insensitively, and hashtags', () => {
    const query = { hashtags: ['NiUnaMenos'], keywords: ['extorsión', 'violencia de género'], language: 'es' };
    expect(matchesQuery({ text: 'La EXTORSION sigue', hashtags: [], langs: ['es'] }, query)).toBe(true);
    expect(matchesQuery({ text: 'extorsiones de chocolate', hashtags: [], langs: ['es'] }, query)).toBe(false);
    expect(matchesQuery({ text: 'Contra la Violencia de Género.', hashtags: [] }, query)).toBe(true);
    expect(matchesQuery({ text: 'marcha', hashtags: ['niunamenos'], langs: ['es-419'] }, query)).toBe(true);
    expect(matchesQuery({ text: 'la extorsión', hashtags: [], langs: ['pt'] }, query)).toBe(false);
    expect(fold('Ñandú Árbol')).toBe('nandu arbol');
  });
});

describe('quota', () => {
  it('resets at midnight Pacific time', () => {
    expect(quotaDay(new Date('2026-11-03T07:59:00Z'))).toBe('2026-11-02');
    expect(quotaDay(new Date('2026-11-03T08:00:00Z'))).toBe('2026-11-03');
    expect(nextQuotaReset(new Date('2026-11-02T12:30:00Z')).toISOString()).toBe('2026-11-03T08:00:00.000Z');
    expect(nextQuotaReset(new Date('2026-07-01T12:00:00Z')).toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });

  it('refuses to spend past the limit', () => {
    const meter = quotaMeter('youtube', 150, 0, () => new Date('2026-11-02T12:00:00Z'));
    meter.spend(100);
    expect(() => meter.spend(100)).toThrow(RateLimitedError);
    expect(meter.used()).toBe(100);
  });
});

describe('sources', () => {
  const now = new Date('2026-11-02T12:00:00Z');
  it('builds an idle record and validates the query per platform', () => {
    const source = buildSource({ id: 'fem', name: 'Femicidio', kind: 'mastodon', query: { hashtags: ['femicidio'] } }, now);
    expect(source).toMatchObject({ status: 'idle', cursor: null, runs: [], gaps: [], everyMinutes: 15, createdAt: now.toISOString() });
    expect(() => buildSource({ id: 'x1', name: 'x', kind: 'mastodon', query: {} }, now)).toThrow(/Mastodon necesita hashtags/);
    expect(() => buildSource({ id: 'tg', name: 'x', kind: 'telegram', query: { channel: 'a b' } }, now)).toThrow(/canal público/);
    expect(() => buildSource({ id: 'f', name: 'x', kind: 'facebook', query: {} }, now)).toThrow(/no hay recolector para "facebook"/);
    expect(() => buildSource({ id: 'Mal Id', name: 'x', kind: 'rss', query: {} }, now)).toThrow(/^id:/);
  });

  it('gives the same ad-hoc id to the same query', () => {
    const a = adHocSourceId('mastodon', { hashtags: ['femicidio'] } as never, null);
    expect(a).toMatch(/^cli-mastodon-[0-9a-f]{12}$/);
    expect(adHocSourceId('mastodon', { hashtags: ['femicidio'], keywords: [] } as never, null)).toBe(a);
    expect(adHocSourceId('mastodon', { hashtags: ['femicidio'] } as never, 'https://otra.social')).not.toBe(a);
  });
});
