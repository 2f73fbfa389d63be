import { alertText } from '../../analytics/alert-message.js';
import { SMALL_SAMPLE } from '../../models/metrics.js';
import type { BriefFigures, Png } from './figures.js';
import { largestChanges } from './findings.js';
import { formatChange, formatCount, formatDay, formatNumber, type BriefLocale } from './format.js';
import { countryName, platformName, topicLabel, topicPhrase } from './labels.js';
import { BriefWriter, COLOR, CONTENT_WIDTH, GUTTER, HALF, SIZE } from './pdf.js';
import type { BriefText } from './text.js';
import type { BriefAlert, BriefCampaign, BriefData, BriefExample, CampaignFigures } from './types.js';

const CHANGE_ROWS = 6;
const ALERT_ROWS = 6;

/** Two figures side by side with their captions; a missing figure prints "no data". */
interface FigureSlot {
  n: number;
  caption: string;
  png: Png | null;
  /** Printed instead of a missing figure (default: "no data this week"). */
  empty?: string;
}

function figurePair(w: BriefWriter, t: BriefText, left: FigureSlot, right: FigureSlot): void {
  const { doc } = w;
  const height = Math.max(left.png?.height ?? 30, right.png?.height ?? 30);
  w.ensure(height + 24);
  const y = doc.y;
  const xs = [w.left, w.left + HALF + GUTTER];
  const tops = [left, right].map((fig, i) => w.caption(t.figure(fig.n), fig.caption, xs[i]!, y, HALF));
  const top = Math.max(...tops);
  [left, right].forEach((fig, i) => {
    if (fig.png) doc.image(fig.png.png, xs[i]!, top, { width: fig.png.width, height: fig.png.height });
    else doc.font('regular').fontSize(SIZE.small).fillColor(COLOR.muted).text(fig.empty ?? t.noData, xs[i]!, top, { width: HALF });
  });
  doc.y = top + height + 6;
  doc.x = w.left;
}

/**
 * Figure 3 (topics) and Figure 4 (misogyny by country). Without a country comparison (one
 * country, or none with analysed posts) there is no Figure 4: Figure 3 takes the width, a line
 * says why, and the campaign figures are numbered from 4.
 */
export function topicsAndCountries(w: BriefWriter, data: BriefData, figures: BriefFigures, t: BriefText): void {
  w.gap(6);
  if (figures.misogyny) {
    figurePair(w, t, { n: 3, caption: t.fig3, png: figures.topics }, { n: 4, caption: t.fig4, png: figures.misogyny });
    return;
  }
  const { doc } = w;
  const countries = data.countries.filter((c) => c.value !== '' && c.current.analysed > 0).length;
  w.ensure((figures.topics?.height ?? 12) + 36);
  doc.y = w.caption(t.figure(3), t.fig3, w.left, doc.y, CONTENT_WIDTH);
  if (figures.topics) {
    doc.image(figures.topics.png, w.left, doc.y, { width: figures.topics.width, height: figures.topics.height });
    doc.y += figures.topics.height + 4;
  } else {
    w.paragraph(t.noData, { size: SIZE.small, color: COLOR.muted, gap: 2 });
  }
  if (countries === 1) w.paragraph(t.oneCountry, { size: SIZE.small, color: COLOR.muted, gap: 2 });
  doc.x = w.left;
}

/** The number of the first campaign figure: 5 after Figure 4, 4 when there is none. */
export function campaignFigureNumber(figures: BriefFigures): number {
  return figures.misogyny ? 5 : 4;
}

export function changesSection(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText): void {
  const rows = largestChanges(data, CHANGE_ROWS);
  w.ensure(40 + rows.length * 16);
  const { doc } = w;
  w.caption(t.table(1), t.tab1, w.left, doc.y + 4, CONTENT_WIDTH);
  doc.x = w.left;
  if (rows.length === 0) {
    w.paragraph(t.noChanges, { size: SIZE.small, color: COLOR.muted });
    return;
  }
  w.table(
    t.tab1Head,
    rows.map((row) => [
      topicLabel(row.topic, locale),
      row.country === null ? t.allCountriesShort : countryName(row.country, locale),
      formatCount(row.current, locale),
      formatCount(row.previous, locale),
      row.change === null ? t.newTopic : formatChange(Math.round(row.change), locale),
    ]),
    ['*', 130, 70, 70, 60],
    [false, false, true, true, true],
  );
}

/** An alert in the brief's language, its topic as the brief words topics; old alerts as stored. */
function alertSentence(alert: BriefAlert, locale: BriefLocale): string {
  return alertText(alert, locale, { topic: (id) => topicPhrase(id, locale) });
}

export function alertsSection(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText): void {
  w.section(t.alerts, 40);
  if (data.alerts.length === 0) {
    w.paragraph(t.noAlerts, { color: COLOR.muted });
    return;
  }
  for (const alert of data.alerts.slice(0, ALERT_ROWS)) {
    const { doc } = w;
    const said = alertSentence(alert, locale);
    // An alert stays on one page: its severity label alone at a page's foot left a page of one word.
    const title = doc.font('bold').fontSize(SIZE.body).heightOfString(`${alert.rule} · ${formatDay(alert.bucket, locale)}`, { width: CONTENT_WIDTH - 52 });
    const message = doc.font('regular').fontSize(SIZE.small + 0.5).heightOfString(said, { width: CONTENT_WIDTH - 52, lineGap: 1.5 });
    w.ensure(title + message + 6);
    const y = doc.y;
    doc.font('bold').fontSize(SIZE.small).fillColor(COLOR.ink).text(`${t.severity[alert.severity].toUpperCase()}`, w.left, y, { width: 48 });
    doc.font('bold').fontSize(SIZE.body).fillColor(COLOR.ink).text(`${alert.rule} · ${formatDay(alert.bucket, locale)}`, w.left + 52, y, { width: CONTENT_WIDTH - 52 });
    w.paragraph(said, { x: w.left + 52, width: CONTENT_WIDTH - 52, size: SIZE.small + 0.5, gap: 5 });
  }
}

export function narrativesSection(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText): void {
  w.section(t.narratives, 120);
  const { doc } = w;
  if (data.narratives.length === 0) {
    w.paragraph(t.noNarratives, { color: COLOR.muted });
  } else {
    if (data.narratives.some((n) => n.examples.some((e) => e.sensitive))) warning(w, t.contentWarning);
    data.narratives.forEach((narrative, i) => {
      w.ensure(70);
      doc.font('bold').fontSize(SIZE.subsection).fillColor(COLOR.ink).text(`${i + 1}. «${w.drawable(narrative.label, 'bold')}»`, w.left, doc.y, { width: CONTENT_WIDTH });
      const trend =
        narrative.trend === null ? t.narrativeNew : t.narrativeTrend(formatChange(Math.round(narrative.trend), locale), formatCount(narrative.previous, locale));
      w.paragraph(`${t.narrativePosts(formatCount(narrative.size, locale))} · ${trend}`, { size: SIZE.small, color: COLOR.muted, gap: 3 });
      for (const example of narrative.examples) quote(w, example, locale, t);
      w.gap(3);
    });
    w.paragraph(t.privacy, { size: SIZE.tiny, color: COLOR.muted });
  }
  if (data.emergingTerms.length > 0) {
    const terms = data.emergingTerms.map((term) => `${term.kind === 'hashtag' ? '#' : ''}${term.value} (${formatCount(term.count, locale)}, ×${formatNumber(term.ratio, locale, 1)})`);
    doc.font('bold').fontSize(SIZE.small).fillColor(COLOR.ink).text(`${t.emerging}: `, w.left, doc.y, { width: CONTENT_WIDTH, continued: true });
    doc.font('regular').fillColor(COLOR.text).text(terms.join(' · '));
    w.gap(4);
  }
}

function warning(w: BriefWriter, text: string): void {
  const { doc } = w;
  const height = doc.font('bold').fontSize(SIZE.small).heightOfString(text, { width: CONTENT_WIDTH - 20 }) + 10;
  const y = doc.y;
  doc.rect(w.left, y, CONTENT_WIDTH, height).lineWidth(0.8).strokeColor(COLOR.ink).stroke();
  doc.font('bold').fontSize(SIZE.small).fillColor(COLOR.ink).text(`⚠ ${text}`, w.left + 8, y + 5, { width: CONTENT_WIDTH - 16 });
  doc.y = y + height + 6;
}

function quote(w: BriefWriter, example: BriefExample, locale: BriefLocale, t: BriefText): void {
  const { doc } = w;
  const x = w.left + 14;
  const width = CONTENT_WIDTH - 14;
  const said = w.drawable(example.text);
  if (said === '') return; // nothing but emoji the font cannot draw
  const text = `“${said}”`;
  const height = doc.font('regular').fontSize(SIZE.small + 0.5).heightOfString(text, { width, lineGap: 1 }) + 12;
  w.ensure(height + 4);
  const y = doc.y;
  doc.rect(w.left + 4, y, 1.5, height - 2).fillColor(COLOR.rule).fill();
  doc.font('regular').fontSize(SIZE.small + 0.5).fillColor(COLOR.text).text(text, x, y, { width, lineGap: 1 });
  const who = example.publicAuthor ? example.author : `${t.account} ${example.author}`;
  doc.font('regular').fontSize(SIZE.tiny).fillColor(COLOR.muted).text(`${who} · ${platformName(example.platform, locale)} · ${formatDay(example.createdAt, locale, { day: 'numeric', month: 'short' })}`, x, doc.y + 1, { width });
  doc.y = Math.max(doc.y, y + height) + 3;
}

export function campaignsSection(w: BriefWriter, data: BriefData, figures: BriefFigures, locale: BriefLocale, t: BriefText): void {
  w.section(t.campaignsTitle, 140);
  const withoutPosts = data.campaignsWithoutPosts.length > 0 ? t.campaignsWithoutPosts(data.scope.countries.map((c) => countryName(c, locale)).join(', '), data.campaignsWithoutPosts.join(', ')) : null;
  if (data.campaigns.length === 0) {
    w.paragraph(withoutPosts ?? t.noCampaignsText, { color: COLOR.muted });
    return;
  }
  figurePair(
    w,
    t,
    { n: campaignFigureNumber(figures), caption: t.fig5, png: figures.campaignReach },
    { n: campaignFigureNumber(figures) + 1, caption: t.fig6, png: figures.campaignInteractions },
  );
  const k = (n: number) => formatCount(n, locale);
  w.table(
    t.campaignHead,
    data.campaigns.map((c) => [c.name, k(c.week.posts), k(c.week.potentialReach), k(c.week.interactions), k(c.week.influencers), k(c.week.mediaMentions), campaignSentiment(c.week, locale, t)]),
    ['*', 42, 70, 58, 62, 46, 56],
    [false, true, true, true, true, true, true],
  );
  if (data.campaignsMore.length > 0) {
    const list = data.campaignsMore.map((c) => t.campaignMorePosts(c.name, k(c.posts))).join(', ');
    w.paragraph(t.campaignsMore(data.campaignsMore.length, list), { size: SIZE.small + 0.5, color: COLOR.muted });
  }
  if (data.campaigns.some((c) => isSmall(c.week.sentiment.P + c.week.sentiment.N))) w.paragraph(t.smallSampleNote(SMALL_SAMPLE), { size: SIZE.tiny, color: COLOR.muted });
  for (const campaign of data.campaigns) {
    w.ensure(30);
    const { doc } = w;
    doc.font('bold').fontSize(SIZE.small + 0.5).fillColor(COLOR.ink).text(`${t.impact} · ${campaign.name}: `, w.left, doc.y, { width: CONTENT_WIDTH, continued: true });
    doc.font('regular').fillColor(COLOR.text).text(impactText(campaign, locale, t), { lineGap: 1 });
    w.gap(4);
  }
  if (withoutPosts) w.paragraph(withoutPosts, { size: SIZE.small + 0.5, color: COLOR.muted });
}

const isSmall = (sample: number) => sample > 0 && sample < SMALL_SAMPLE;

/** A campaign's net sentiment as the table prints it: "—" without polar posts, starred on a small sample. */
export function campaignSentiment(week: CampaignFigures, locale: BriefLocale, t: BriefText): string {
  const polar = week.posts === 0 ? 0 : week.sentiment.P + week.sentiment.N;
  if (polar === 0) return t.noValue;
  return `${signedNumber(week.netSentiment, locale)}${isSmall(polar) ? '*' : ''}`;
}

/** The estimated effect of a campaign, or why there is none. */
export function impactText(campaign: Pick<BriefCampaign, 'impact' | 'impactUnavailable' | 'impactMetric' | 'week'>, locale: BriefLocale, t: BriefText): string {
  const { impact, impactUnavailable: unavailable, impactMetric: metric } = campaign;
  if (unavailable === 'not-launched') return t.impactNotLaunched;
  // Whatever was gathered, no estimate is printed for a campaign silent this week.
  if (unavailable === 'no-posts' || campaign.week.posts === 0) return t.impactNoPosts;
  if (!impact) return t.impactUnavailable;
  if (impact.levelChange === null || impact.ci95 === null) return t.impactShort(impact.n.before, impact.n.after);
  const unit =
    metric === 'posts'
      ? (v: number) => signedNumber(v, locale)
      : (v: number) => `${signedNumber(v, locale)}\u00a0${metric === 'netSentiment' ? t.points : t.pointsShort}`;
  const [low, high] = impact.ci95;
  // The metric follows the campaign's subject (gather.ts impactMetricFor); the sentence says which and why.
  return t.impactSentence(t.impactMetric[metric], t.impactWhy(metric !== 'netSentiment'), unit(impact.levelChange), unit(low), unit(high), low > 0 || high < 0);
}

function signedNumber(value: number, locale: BriefLocale): string {
  const text = formatNumber(Math.abs(value), locale, 1);
  return value < 0 ? `−${text}` : value > 0 ? `+${text}` : text;
}

