import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_WEIGHTS_DIR } from '../../nlp/resources.js';
import { formatCount, formatDay, formatNumber, type BriefLocale } from './format.js';
import { platformName } from './labels.js';
import { BriefWriter, COLOR, CONTENT_WIDTH, SIZE } from './pdf.js';
import type { BriefText } from './text.js';
import type { BriefData, ClassifierAccuracy } from './types.js';

const TASKS = ['sentiment', 'misogyny', 'misogyny-intention', 'hate', 'emotion'] as const;

/**
 * Held-out accuracy of the shipped linear classifiers, from the `meta.heldOut` block that
 * `escucha train` writes into nlp/weights/<task>.json. Missing files or blocks are left out.
 */
export async function readClassifierAccuracy(dir = DEFAULT_WEIGHTS_DIR): Promise<ClassifierAccuracy[]> {
  const found = await Promise.all(
    TASKS.map(async (task) => {
      try {
        const file = JSON.parse(await readFile(join(dir, `${task}.json`), 'utf8')) as { meta?: { heldOut?: { n: number; accuracy: number; macroF1: number } } };
        const held = file.meta?.heldOut;
        return held ? { task, n: held.n, accuracy: held.accuracy, macroF1: held.macroF1 } : null;
      } catch {
        return null;
      }
    }),
  );
  return found.filter((item) => item !== null);
}

/** Definitions (models/metrics.ts wording), classifier accuracy, caveat and data coverage. */
export function methodSection(w: BriefWriter, data: BriefData, locale: BriefLocale, t: BriefText): void {
  w.section(t.method, 120);
  for (const key of ['posts', 'authors', 'interactions', 'potentialReach', 'netSentiment', 'misogynyRate'] as const) {
    definition(w, t.definitions[key]);
  }
  w.gap(2);
  if (data.method.classifiers.length === 0) {
    w.paragraph(t.noClassifiers, { size: SIZE.small, color: COLOR.muted });
  } else {
    w.ensure(80);
    w.paragraph(t.classifiers, { size: SIZE.small, bold: true, color: COLOR.ink, gap: 2 });
    const pct = (v: number) => `${formatNumber(v * 100, locale, 0)}${locale === 'es' ? '\u00a0' : ''}%`;
    w.table(
      t.classifierHead,
      data.method.classifiers.map((c) => [t.classifierNames[c.task] ?? c.task, pct(c.accuracy), pct(c.macroF1), formatCount(c.n, locale)]),
      ['*', 80, 80, 80],
      [false, true, true, true],
    );
  }
  w.paragraph(t.caveat, { size: SIZE.small, color: COLOR.text });
  const platforms = data.coverage.platforms.map((p) => `${platformName(p.value, locale)} ${formatCount(p.posts, locale)}`).join(', ');
  // The coverage title keeps its first lines with it: never a heading alone at a page's foot.
  const measure = (text: string, bold = false) => w.doc.font(bold ? 'bold' : 'regular').fontSize(SIZE.small).heightOfString(text, { width: CONTENT_WIDTH, lineGap: 1.5 }) + 4;
  w.ensure(measure(t.coverageTitle, true) + (platforms ? measure(t.platformsLine(platforms)) : 0) + (data.coverage.gaps.length > 0 ? 14 : 0));
  w.paragraph(t.coverageTitle, { size: SIZE.small, bold: true, color: COLOR.ink, gap: 2 });
  if (platforms) w.paragraph(t.platformsLine(platforms), { size: SIZE.small });
  const when = (iso: string) => `${formatDay(iso, locale, { day: 'numeric', month: 'short' })} ${iso.slice(11, 16)}`;
  for (const gap of data.coverage.gaps.slice(0, 8)) {
    w.paragraph(t.gapLine(gap.source, when(gap.from), when(gap.to), gap.reason), { size: SIZE.small, gap: 2 });
  }
}

function definition(w: BriefWriter, text: string): void {
  const { doc } = w;
  const [term, ...rest] = text.split(': ');
  doc.font('bold').fontSize(SIZE.small).fillColor(COLOR.ink).text(`${term}: `, w.left, doc.y, { continued: true, lineGap: 1 });
  doc.font('regular').fillColor(COLOR.text).text(rest.join(': '), { lineGap: 1 });
  w.gap(2);
}
