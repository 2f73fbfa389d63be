import { SMALL_SAMPLE } from '../../models/metrics.js';
import type { Kpis } from '../../models/store.js';
import { MIN_DAILY_RATE_POSTS } from '../../analytics/impact.js';
import { drawFigures, sentimentPoints, type BriefFigures } from './figures.js';
import { findings } from './findings.js';
import { formatCount, formatDay, formatNumber, formatPercent, formatPoints, formatRange, percentChange, type BriefLocale } from './format.js';
import { countryName } from './labels.js';
import { BriefWriter, COLOR, CONTENT_WIDTH, createDocument, GUTTER, HALF, PAGE, SIZE } from './pdf.js';
import { alertsSection, campaignsSection, changesSection, narrativesSection, topicsAndCountries } from './sections.js';
import { methodSection } from './method.js';
import { textFor, type BriefText } from './text.js';
import type { BriefData, FigureRef } from './types.js';

/**
 * A last page holding less than this share of a page's content height is "near-empty" (a lone
 * line such as "Posts by platform…", or the method note alone on a third page): the brief is laid out again with tighter spacing, and that
 * layout is kept when it saves the page. Nothing is dropped either way.
 */
export const NEAR_EMPTY_LAST_PAGE = 0.5;

/**
 * The weekly brief as a PDF (2–4 A4 pages): cover line, headline KPIs with week-over-week
 * change, findings, figures, narratives, campaigns and the method note. Pure rendering: every
 * number comes from `data`.
 */
export async function renderBrief(data: BriefData, locale: BriefLocale, options: { compaction?: boolean } = {}): Promise<Buffer> {
  const figures = await drawFigures(data, locale, HALF, CONTENT_WIDTH);
  const normal = await layout(data, locale, figures, false);
  if (options.compaction === false || normal.pages < 2 || normal.lastPageFill >= NEAR_EMPTY_LAST_PAGE * PAGE_CONTENT_HEIGHT) return normal.pdf;
  const compact = await layout(data, locale, figures, true);
  return compact.pages < normal.pages ? compact.pdf : normal.pdf;
}

const PAGE_CONTENT_HEIGHT = PAGE.height - PAGE.margin.top - PAGE.margin.bottom;

/** One layout of the brief: the PDF, its pages, and how far down its last page the content goes (points). */
async function layout(data: BriefData, locale: BriefLocale, figures: BriefFigures, compact: boolean): Promise<{ pdf: Buffer; pages: number; lastPageFill: number }> {
  const t = textFor(locale);
  const range = formatRange(data.from, data.to, locale);
  const doc = createDocument({ title: `${t.product} ${data.week}`, subject: t.title(range), lang: locale === 'es' ? 'es-419' : 'en-BZ' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new BriefWriter(doc, { compact });
  cover(w, data, locale, t, range);
  kpiCards(w, data.kpis, locale, t);
  findingsList(w, data, locale, t);
  w.ensure(figures.volume.height + 20);
  const y = doc.y + 4;
  const below1 = w.caption(t.figure(1), t.fig1, w.left, y, HALF);
  const sparse = sentimentPoints(data.days).some((p) => p.kind === 'small' || p.kind === 'omitted');
  const below2 = w.caption(t.figure(2), sparse ? `${t.fig2}.${t.fig2Note(SMALL_SAMPLE, MIN_DAILY_RATE_POSTS)}` : t.fig2, w.left + HALF + GUTTER, y, HALF);
  const top = Math.max(below1, below2);
  doc.image(figures.volume.png, w.left, top, { width: figures.volume.width, height: figures.volume.height });
  doc.image(figures.sentiment.png, w.left + HALF + GUTTER, top, { width: figures.sentiment.width, height: figures.sentiment.height });
  doc.y = top + figures.volume.height + 6;

  topicsAndCountries(w, data, figures, t);
  changesSection(w, data, locale, t);
  alertsSection(w, data, locale, t);
  narrativesSection(w, data, locale, t);
  campaignsSection(w, data, figures, locale, t);
  methodSection(w, data, locale, t);
  const lastPageFill = doc.y - PAGE.margin.top;
  const pages = doc.bufferedPageRange().count;
  footers(w, data, locale, t);
  doc.end();
  return { pdf: await finished, pages, lastPageFill };
}

/** Pages of a PDF written by renderBrief (pdfkit writes the page tree uncompressed). */
export function countPages(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return match ? Number(match[1]) : 0;
}

function cover(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText, range: string): void {
  const { doc } = w;
  doc.font('bold').fontSize(SIZE.small).fillColor(COLOR.accent).text((data.demo ? `${t.product} · ${t.demo}` : t.product).toUpperCase(), w.left, PAGE.margin.top, { characterSpacing: 0.6, continued: false });
  doc.font('regular').fontSize(SIZE.small).fillColor(COLOR.muted).text(data.week, w.left, PAGE.margin.top, { width: CONTENT_WIDTH, align: 'right' });
  doc.y = PAGE.margin.top + 16;
  doc.font('bold').fontSize(SIZE.title).fillColor(COLOR.ink).text(t.title(range), w.left, doc.y, { width: CONTENT_WIDTH });
  w.gap(4);
  const countries = data.scope.countries.length === 0 ? t.allCountries : data.scope.countries.map((c) => countryName(c, locale)).join(', ');
  const campaigns =
    data.campaigns.length > 0
      ? `${data.campaigns.map((c) => c.name).join(', ')}${data.campaignsMore.length > 0 ? t.coverMore(data.campaignsMore.length) : ''}`
      : data.campaignsWithoutPosts.length > 0
        ? t.noCampaignPosts
        : t.noCampaigns;
  const enabled = data.coverage.sources.filter((s) => s.enabled);
  const failing = enabled.filter((s) => s.status === 'error' || s.status === 'offline').length;
  const sources = enabled.length === 0 ? t.noSources : t.sources(enabled.length, failing);
  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(SIZE.small + 0.5).fillColor(COLOR.ink).text(`${label}: `, w.left, doc.y, { width: CONTENT_WIDTH, continued: true, lineGap: 1 });
    doc.font('regular').fillColor(COLOR.text).text(value, { lineGap: 1 });
  };
  line(t.scope, countries);
  line(t.campaigns, campaigns);
  line(t.coverage, `${sources}; ${t.gaps(data.coverage.gaps.length)}; ${formatCount(data.kpis.current.posts, locale)} ${t.posts}`);
  w.gap(10);
}

const KPI_ORDER = ['posts', 'authors', 'interactions', 'potentialReach', 'netSentiment', 'misogynyRate'] as const;
export type KpiKey = (typeof KPI_ORDER)[number];

/**
 * Six cards, three a row: label, value, then arrow + change + last week's value. A rate without
 * a denominator (no post analysed; for net sentiment, no positive or negative post) is "—" with
 * a "sin datos" line, never 0 nor a change "vs 0"; a rate on a small sample (< SMALL_SAMPLE) is
 * starred, with the note under the cards.
 */
function kpiCards(w: BriefWriter, kpis: { current: Kpis; previous: Kpis }, locale: BriefLocale, t: BriefText): void {
  const { doc } = w;
  const columns = 3;
  const gap = 8;
  const width = (CONTENT_WIDTH - gap * (columns - 1)) / columns;
  const height = 54;
  const top = doc.y;
  let small = false;
  KPI_ORDER.forEach((key, i) => {
    const x = w.left + (i % columns) * (width + gap);
    const y = top + Math.floor(i / columns) * (height + gap);
    const card = kpiCard(key, kpis, locale, t);
    small ||= card.small;
    doc.rect(x, y, width, height).fillColor(COLOR.panel).fill();
    doc.rect(x, y, 2.5, height).fillColor(COLOR.accent).fill();
    doc.font('regular').fontSize(SIZE.small).fillColor(COLOR.muted).text(t.kpis[key], x + 10, y + 7, { width: width - 16, lineBreak: false });
    doc.font('bold').fontSize(17).fillColor(COLOR.ink).text(card.value, x + 10, y + 18, { width: width - 16, lineBreak: false });
    doc.font('regular').fontSize(SIZE.small).fillColor(card.muted ? COLOR.muted : COLOR.text).text(card.change, x + 10, y + 39, { width: width - 16, lineBreak: false });
  });
  doc.y = top + 2 * height + gap + 6;
  doc.x = w.left;
  if (small) w.paragraph(t.smallSampleNote(SMALL_SAMPLE), { size: SIZE.tiny, color: COLOR.muted, gap: 0 });
  w.gap(6);
}

/** The posts a KPI's rate rests on, or null for counts (they have no sample to speak of). */
function sampleOf(key: KpiKey, kpis: Kpis): number | null {
  if (key === 'misogynyRate') return kpis.analysed;
  if (key === 'netSentiment') return kpis.sentiment.P + kpis.sentiment.N;
  return null;
}

/** What one KPI card prints: the value, the change line, and whether a sample is small. */
export function kpiCard(key: KpiKey, kpis: { current: Kpis; previous: Kpis }, locale: BriefLocale, t: BriefText): { value: string; change: string; muted: boolean; small: boolean } {
  const current = kpis.current[key];
  const previous = kpis.previous[key];
  const nowSample = sampleOf(key, kpis.current);
  const beforeSample = sampleOf(key, kpis.previous);
  if (nowSample === null || beforeSample === null) {
    // Counts: a week before without posts is no basis for a change ("= vs 0", "+∞").
    const change = percentChange(current, previous);
    if (change === null || kpis.previous.posts === 0) return { value: kpiValue(key, current, locale), change: t.noPrevious, muted: true, small: false };
    const rounded = Math.round(change);
    return { value: kpiValue(key, current, locale), change: `${arrow(rounded)} ${formatPercent(Math.abs(rounded), locale, 0)} ${t.versus} ${kpiValue(key, previous, locale)}`, muted: false, small: false };
  }
  if (nowSample === 0) return { value: t.noValue, change: key === 'misogynyRate' ? t.noAnalysed : t.noPolar, muted: true, small: false };
  const star = (n: number) => (n < SMALL_SAMPLE ? '*' : '');
  const value = `${kpiValue(key, current, locale)}${star(nowSample)}`;
  const small = nowSample < SMALL_SAMPLE || (beforeSample > 0 && beforeSample < SMALL_SAMPLE);
  if (beforeSample === 0) return { value, change: t.noPrevious, muted: true, small };
  const delta = Math.round((current - previous) * 10) / 10;
  const points = key === 'misogynyRate' ? formatPoints(Math.abs(delta), locale).slice(1) : `${formatNumber(Math.abs(delta), locale, 1)} ${t.points}`;
  return { value, change: `${arrow(delta)} ${points} ${t.versus} ${kpiValue(key, previous, locale)}${star(beforeSample)}`, muted: false, small };
}

export function kpiValue(key: KpiKey, value: number, locale: BriefLocale): string {
  if (key === 'misogynyRate') return formatPercent(value, locale, 1);
  if (key === 'netSentiment') return value < 0 ? `−${formatNumber(-value, locale, 1)}` : formatNumber(value, locale, 1);
  return formatCount(value, locale);
}

function arrow(delta: number): string {
  return delta > 0 ? '▲' : delta < 0 ? '▼' : '=';
}

function findingsList(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText): void {
  const { doc } = w;
  doc.font('bold').fontSize(SIZE.section).fillColor(COLOR.ink).text(t.findings, w.left, doc.y);
  w.gap(5);
  findings(data, locale).forEach((finding, i) => {
    const y = doc.y;
    doc.font('bold').fontSize(SIZE.body + 0.5).fillColor(COLOR.accent).text(`${i + 1}`, w.left, y, { width: 14 });
    doc.font('regular').fontSize(SIZE.body + 0.5).fillColor(COLOR.ink).text(`${w.drawable(finding.text)} `, w.left + 16, y, { width: CONTENT_WIDTH - 16, continued: true, lineGap: 1.5 });
    doc.font('regular').fontSize(SIZE.small).fillColor(COLOR.muted).text(t.see(refLabel(finding.figureRef, t)), { lineGap: 1.5 });
    w.gap(4);
  });
  w.gap(4);
}

function refLabel(ref: FigureRef, t: BriefText): string {
  if (ref === 'kpi') return t.kpiRef;
  if (ref === 'tab1') return t.table(1);
  if (ref === 'narratives') return t.narratives.toLowerCase();
  if (ref === 'alerts') return t.alerts.toLowerCase();
  if (ref === 'campaigns') return t.campaignsTitle.toLowerCase();
  return t.figure(Number(ref.slice(3)));
}

function footers(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const generated = t.generated(`${formatDay(data.generatedAt, locale, { day: 'numeric', month: 'short', year: 'numeric' })} ${data.generatedAt.slice(11, 16)}`);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - PAGE.margin.bottom + 18;
    doc.page.margins.bottom = 0;
    doc.moveTo(w.left, y - 6).lineTo(w.left + CONTENT_WIDTH, y - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font('regular').fontSize(SIZE.tiny).fillColor(COLOR.muted);
    doc.text(t.footer(data.week, i + 1, range.count), w.left, y, { width: CONTENT_WIDTH / 2, lineBreak: false });
    doc.text(generated, w.left + CONTENT_WIDTH / 2, y, { width: CONTENT_WIDTH / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = PAGE.margin.bottom;
  }
}
