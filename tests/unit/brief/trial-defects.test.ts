import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL_SAMPLE } from '../../../models/metrics.js';
import { sentimentAxis } from '../../../workers/brief/figures.js';
import { findings, proportionZ } from '../../../workers/brief/findings.js';
import { rankCampaigns } from '../../../workers/brief/gather.js';
import { countPages, kpiCard, renderBrief } from '../../../workers/brief/render.js';
import { campaignSentiment, impactText } from '../../../workers/brief/sections.js';
import { textFor } from '../../../workers/brief/text.js';
import type { BriefCampaign, CampaignFigures } from '../../../workers/brief/types.js';
import { weekProblem } from '../../../models/iso-week.js';
import { tempDir } from '../../support/cli.js';
import { briefData, kpis } from './brief-data.js';

const es = textFor('es');
const en = textFor('en');

function hasPdfToText(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Text of one page (or all), without the footer line. */
function pageText(pdf: Buffer, page?: number): string {
  const file = join(tempDir('escucha-brief-defects-'), 'brief.pdf');
  writeFileSync(file, pdf);
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...range, '-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replaceAll('\u00a0', ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/page \d+ of \d+|página \d+ de \d+/.test(line))
    .join('\n');
}

const figures = (values: Partial<CampaignFigures> = {}): CampaignFigures => ({
  posts: 0, authors: 0, interactions: 0, potentialReach: 0, influencers: 0, mediaMentions: 0,
  sentiment: { P: 0, NEU: 0, N: 0 }, netSentiment: 0, misogyny: 0, misogynyRate: 0, analysed: 0, ...values,
});

const campaign = (name: string, week: CampaignFigures, extra: Partial<BriefCampaign> = {}): BriefCampaign => ({
  id: name.toLowerCase().replace(/\W+/g, '-'), name, startDate: '2026-10-01', endDate: null, week, previousWeek: null,
  impact: null, impactMetric: 'misogynyRate', impactUnavailable: null, ...extra,
});

describe('campaigns of the brief (trial defect 1)', () => {
  it('are ranked by posts of the week, ties by name, not kept in list order', () => {
    const listed = [
      { campaign: { name: 'Prueba' }, week: { posts: 0 } },
      { campaign: { name: 'Calles seguras' }, week: { posts: 14 } },
      { campaign: { name: 'Safe Belize' }, week: { posts: 14 } },
      { campaign: { name: 'Vidas libres' }, week: { posts: 951 } },
    ];
    expect(rankCampaigns(listed).map((c) => c.campaign.name)).toEqual(['Vidas libres', 'Calles seguras', 'Safe Belize', 'Prueba']);
  });

  it('print "—" for the net sentiment of a campaign without posts and never its impact estimate', () => {
    const silent = figures();
    expect(campaignSentiment(silent, 'es', es)).toBe('—');
    expect(campaignSentiment(figures({ posts: 5, sentiment: { P: 0, NEU: 5, N: 0 } }), 'es', es)).toBe('—');
    expect(campaignSentiment(figures({ posts: 10, sentiment: { P: 6, NEU: 0, N: 4 }, netSentiment: 20 }), 'es', es)).toBe('+20.0*');
    expect(campaignSentiment(figures({ posts: 100, sentiment: { P: 60, NEU: 0, N: 40 }, netSentiment: 20 }), 'es', es)).toBe('+20.0');
    const estimate = { metric: 'misogynyRate', levelChange: -1.2, ci95: [-2.5, 0.1], n: { before: 30, after: 20 } } as unknown as BriefCampaign['impact'];
    // Even if an estimate was gathered, a silent campaign gets the reason, not an interval.
    const text = impactText(campaign('Prueba', silent, { impact: estimate }), 'es', es);
    expect(text).toBe(es.impactNoPosts);
    expect(text).not.toMatch(/IC 95/);
    expect(impactText(campaign('Prueba', silent, { impactUnavailable: 'no-posts' }), 'en', en)).toMatch(/No posts of the campaign this week/);
  });

  it.skipIf(!hasPdfToText())('name the campaigns not shown in one line', async () => {
    const data = briefData({
      campaigns: [campaign('Vidas libres', figures({ posts: 951, sentiment: { P: 300, NEU: 351, N: 300 } })), campaign('Prueba', figures())],
      campaignsMore: [{ name: 'Calles seguras', posts: 14 }, { name: 'Safe Belize', posts: 2 }],
    });
    const text = pageText(await renderBrief(data, 'es')).replace(/\s+/g, ' ');
    expect(text).toContain('Y 2 más: Calles seguras (14 publ.), Safe Belize (2 publ.).');
    expect(text).toContain('Campañas: Vidas libres, Prueba y 2 más');
    expect(text).toMatch(/Prueba 0 0 0 0 0 —/);
    expect(text).not.toMatch(/Prueba: Tras el lanzamiento/);
  });
});

describe('weeks a brief can be asked for (trial defect 2)', () => {
  const now = new Date('2026-11-29T01:00:00Z');
  it('exist and have started', () => {
    expect(weekProblem('2026-W99', now)).toBe('nonexistent');
    expect(weekProblem('2025-W53', now)).toBe('nonexistent');
    expect(weekProblem('2026-47', now)).toBe('format');
    expect(weekProblem('2026-W53', now)).toBe('future');
    expect(weekProblem('2026-W49', now)).toBe('future');
    expect(weekProblem('2026-W48', now)).toBeNull(); // the week under way (Monday 23 November)
    expect(weekProblem('2026-W47', now)).toBeNull();
  });
});

describe('no data is not 0 (trial defect 3)', () => {
  const empty = { current: kpis(), previous: kpis() };

  it('prints "—" and "sin datos" for rates without a denominator, never a change "vs 0"', () => {
    expect(kpiCard('netSentiment', empty, 'es', es)).toMatchObject({ value: '—', change: 'sin datos (0 pos./neg.)' });
    expect(kpiCard('misogynyRate', empty, 'es', es)).toMatchObject({ value: '—', change: 'sin datos (0 analizadas)' });
    expect(kpiCard('posts', empty, 'es', es).change).toBe('sin datos previos');
    // A week with data after one without: the rate, and no change against a 0 that was no data.
    const after = { current: kpis({ analysed: 200, misogyny: 10, misogynyRate: 5 }), previous: kpis() };
    expect(kpiCard('misogynyRate', after, 'en', en)).toMatchObject({ value: '5.0%', change: 'no earlier data' });
  });

  it('stars a rate resting on fewer than the shared small-sample bound', () => {
    expect(SMALL_SAMPLE).toBe(30);
    const small = { current: kpis({ analysed: 12, misogyny: 1, misogynyRate: 8.3 }), previous: kpis({ analysed: 200, misogyny: 10, misogynyRate: 5 }) };
    expect(kpiCard('misogynyRate', small, 'en', en)).toMatchObject({ value: '8.3%*', small: true });
    expect(kpiCard('misogynyRate', { current: small.previous, previous: small.previous }, 'en', en).small).toBe(false);
  });

  it.skipIf(!hasPdfToText())('renders an empty week with dashes and no "vs 0"', async () => {
    const data = briefData({ kpis: empty, days: [], previousDays: [] });
    const text = pageText(await renderBrief(data, 'es'), 1).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/Sentimiento neto 0\.0|Tasa de misoginia 0\.0|vs 0/);
    expect(text).toMatch(/Sentimiento neto Tasa de misoginia 0 — — sin datos previos sin datos \(0 pos\.\/neg\.\) sin datos \(0 analizadas\)/);
  });

  it('does not headline a misogyny rate "rising from 0 %" on 2 of 37 posts', () => {
    // The trial's Belize brief: 2 of 37 analysed this week, 0 of 40 the week before.
    const belize = briefData({
      kpis: {
        current: kpis({ posts: 37, analysed: 37, misogyny: 2, misogynyRate: 5.4 }),
        previous: kpis({ posts: 40, analysed: 40, misogyny: 0, misogynyRate: 0 }),
      },
    });
    expect(Math.abs(proportionZ(2, 37, 0, 40))).toBeLessThan(1.645);
    expect(findings(belize, 'en').map((f) => f.text).join(' ')).not.toMatch(/misogyny rate/i);
    // Fewer than SMALL_SAMPLE analysed: no rate finding at all.
    const tiny = briefData({ kpis: { current: kpis({ posts: 20, analysed: 20, misogyny: 8, misogynyRate: 40 }), previous: kpis({ posts: 300, analysed: 300, misogyny: 3, misogynyRate: 1 }) } });
    expect(findings(tiny, 'en').map((f) => f.text).join(' ')).not.toMatch(/misogyny rate/i);
    // A real change on enough posts is still said.
    const real = briefData({ kpis: { current: kpis({ posts: 800, analysed: 800, misogyny: 80, misogynyRate: 10 }), previous: kpis({ posts: 800, analysed: 800, misogyny: 32, misogynyRate: 4 }) } });
    expect(findings(real, 'en').map((f) => f.text)).toContain('The misogyny rate rose to 10% of analysed posts, from 4% the previous week.');
  });
});

describe('layout (trial defect 4)', () => {
  it('keeps the net-sentiment axis within −100 to 100', () => {
    expect(sentimentAxis([-100, 20, null])).toMatchObject({ min: -100, max: 50 });
    expect(sentimentAxis([-100, 100])).toMatchObject({ min: -100, max: 100 });
    expect(sentimentAxis([-10, 12])).toMatchObject({ min: -50, max: 50 });
    expect(sentimentAxis([])).toMatchObject({ min: -50, max: 50 });
  });

  const alert = (i: number) => ({ rule: `Rule ${i}`, bucket: '2026-11-18T00:00:00.000Z', severity: 'medium' as const, observed: 40, expected: 10, score: 5, scope: null, message: 'Spike of posts about extortion in Honduras: 40 against 10 expected.' });
  const example = (j: number) => ({ platform: 'x', createdAt: '2026-11-18T10:00:00.000Z', author: '#abc123', publicAuthor: false, sensitive: false, text: 'Shop owners in the market say the gangs came again for the rent, and they cannot take any more of it. '.repeat(j + 1) });
  /** Found by scanning alert and gap counts: the last page held only "Data coverage" and "Posts by platform…". */
  const crowded = briefData({
    alerts: Array.from({ length: 6 }, (_, i) => alert(i)),
    narratives: [0, 1, 2].map((i) => ({ label: `topic ${i}`, terms: ['a'], size: 10, previous: 5, trend: 100, examples: [example(0), example(1)] })),
    coverage: { sources: [], gaps: [], platforms: [{ value: 'x', posts: 500 }, { value: 'rss', posts: 500 }] },
    method: { classifiers: [{ task: 'sentiment', n: 805, accuracy: 0.62, macroF1: 0.62 }, { task: 'misogyny', n: 1081, accuracy: 0.73, macroF1: 0.73 }] },
  });

  it.skipIf(!hasPdfToText())('leaves no near-empty last page and loses no content', async () => {
    const pdf = await renderBrief(crowded, 'en');
    const pages = countPages(pdf);
    for (let page = 1; page <= pages; page++) expect(pageText(pdf, page).split('\n').length, `page ${page} of ${pages}`).toBeGreaterThan(6);
    const words = (text: string) => text.split(/\s+/).filter(Boolean).sort();
    const loose = pageText(await renderBrief(crowded, 'en', { compaction: false }));
    expect(words(pageText(pdf))).toEqual(words(loose));
    expect(pageText(pdf)).toContain('Posts by platform: X 500, RSS / news media 500.');
  });
});

describe('alerts in the brief', () => {
  it("are worded in the edition's language from their scope; older alerts as stored", async () => {
    const scope = { metric: 'misogyny' as const, granularity: 'day' as const, country: 'HN' as const, platform: null, topic: 'extorsion', campaign: null };
    const data = briefData({
      alerts: [
        { rule: 'Misoginia HN', bucket: '2026-11-18T00:00:00.000Z', severity: 'high', observed: 48, expected: 17, score: 6.2, scope, message: 'Alerta grave: pico…' },
        { rule: 'Antigua', bucket: '2026-11-19T00:00:00.000Z', severity: 'low', observed: 30, expected: 12, score: 3.1, scope: null, message: 'Pico de publicaciones (mensaje guardado).' },
      ],
    });
    const english = pageText(await renderBrief(data, 'en')).replace(/\s+/g, ' ');
    expect(english).toContain('Severe alert: spike in misogynistic posts in Honduras, topic extortion: 48 on 18/11, against a usual 17 (6.2 times the normal variation).');
    expect(english).toContain('Pico de publicaciones (mensaje guardado).');
    const spanish = pageText(await renderBrief(data, 'es')).replace(/\s+/g, ' ');
    expect(spanish).toContain('Alerta grave: pico de publicaciones misóginas en Honduras, tema extorsión: 48 el día 18/11');
  });
});
