import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { INK } from './charts.js';
import { drawable, withoutPictographs, type HasGlyph } from './glyphs.js';

/**
 * The brief's typographic system on pdfkit: A4, one column, DejaVu Sans embedded (regular and
 * bold), a handful of sizes and greys. Sections draw through `BriefWriter` so spacing and page
 * breaks stay consistent.
 */

export const PAGE = { width: 595.28, height: 841.89, margin: { top: 46, bottom: 54, left: 50, right: 50 } };
export const CONTENT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
export const GUTTER = 16;
export const HALF = (CONTENT_WIDTH - GUTTER) / 2;

export const COLOR = { ink: '#111827', text: '#1f2937', muted: '#6b7280', rule: '#d1d5db', panel: '#f3f4f6', accent: INK };
export const SIZE = { title: 20, section: 13, subsection: 10.5, body: 9.5, small: 8, tiny: 7 };

const font = (name: string) => fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url));
export const FONTS = { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
let fontData: { regular: Buffer; bold: Buffer } | null = null;

export function createDocument(info: { title: string; subject: string; lang: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE.margin,
    bufferPages: true,
    autoFirstPage: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Author: 'escucha', Creator: 'escucha', CreationDate: new Date(0) },
  });
  fontData ??= { regular: readFileSync(FONTS.regular), bold: readFileSync(FONTS.bold) };
  doc.registerFont('regular', fontData.regular);
  doc.registerFont('bold', fontData.bold);
  const bold = loadedCoverage(doc.font('bold'));
  const regular = loadedCoverage(doc.font('regular'));
  coverage.set(doc, { regular, bold });
  doc.fontSize(SIZE.body).fillColor(COLOR.text);
  return doc;
}

export type FontName = 'regular' | 'bold';
const coverage = new WeakMap<PDFKit.PDFDocument, Record<FontName, HasGlyph>>();

/** Whether the brief's font `name` in `doc` can draw a code point (else pdfkit draws a box). */
export function fontCoverage(doc: PDFKit.PDFDocument, name: FontName): HasGlyph {
  return coverage.get(doc)?.[name] ?? withoutPictographs;
}

/**
 * The glyph lookup of the font just selected in `doc`: pdfkit keeps it as a fontkit font, which
 * its typings do not show. Should a pdfkit version hide it, emoji-style pictographs are assumed
 * missing (glyphs.ts `withoutPictographs`).
 */
function loadedCoverage(doc: PDFKit.PDFDocument): HasGlyph {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: unknown } } })._font?.font;
  const lookup = font?.hasGlyphForCodePoint;
  if (typeof lookup !== 'function') return withoutPictographs;
  return (codePoint) => lookup.call(font, codePoint) === true;
}

export class BriefWriter {
  /** Share of every gap kept: 1, or less in the compact layout that saves a near-empty last page. */
  readonly spacing: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    options: { compact?: boolean } = {},
  ) {
    this.spacing = options.compact ? 0.5 : 1;
  }

  /** `text` as font `name` can draw it: without emoji and other characters it has no glyph for. */
  drawable(text: string, name: FontName = 'regular'): string {
    return drawable(text, fontCoverage(this.doc, name));
  }

  get left(): number {
    return PAGE.margin.left;
  }

  get bottom(): number {
    return PAGE.height - PAGE.margin.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number): void {
    this.doc.y += points * this.spacing;
  }

  /** Section title with a hairline under it; keeps at least `keep` points of content with it. */
  section(title: string, keep = 90): void {
    this.ensure(keep + 30);
    if (this.doc.y > PAGE.margin.top + 1) this.gap(10);
    const { doc } = this;
    doc.font('bold').fontSize(SIZE.section).fillColor(COLOR.ink).text(title, this.left, doc.y, { width: CONTENT_WIDTH });
    const y = doc.y + 2;
    doc.moveTo(this.left, y).lineTo(this.left + CONTENT_WIDTH, y).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
    doc.y = y;
    this.gap(7);
  }

  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean; width?: number; x?: number; gap?: number } = {}): void {
    const { doc } = this;
    doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(options.size ?? SIZE.body)
      .fillColor(options.color ?? COLOR.text)
      .text(text, options.x ?? this.left, doc.y, { width: options.width ?? CONTENT_WIDTH, lineGap: 1.5 });
    this.gap(options.gap ?? 4);
  }

  /** "Figura 1. Publicaciones por día" above a figure, at x within `width`. */
  caption(label: string, text: string, x: number, y: number, width: number): number {
    const { doc } = this;
    doc.font('bold').fontSize(SIZE.small).fillColor(COLOR.ink).text(`${label}. `, x, y, { width, continued: true });
    doc.font('regular').fillColor(COLOR.muted).text(text);
    return doc.y + 3;
  }

  /**
   * A table of single-line cells: bold header over a darker rule, hairlines between rows,
   * numbers right-aligned. `widths` in points, one of them `'*'` for the rest of the width.
   * (Drawn directly rather than with doc.table, which measures every cell several times.)
   */
  table(head: string[], rows: string[][], widths: (number | '*')[], numeric: boolean[]): void {
    const { doc } = this;
    const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
    const columns = widths.map((w) => (w === '*' ? CONTENT_WIDTH - fixed : w));
    const height = 14;
    const pad = 4;
    const line = (cells: string[], bold: boolean, rule: { width: number; color: string }) => {
      this.ensure(height);
      const y = doc.y;
      let x = this.left;
      doc.font(bold ? 'bold' : 'regular').fontSize(SIZE.small).fillColor(bold ? COLOR.ink : COLOR.text);
      cells.forEach((cell, i) => {
        doc.text(cell, x + pad, y + 3.5, { width: columns[i]! - 2 * pad, align: numeric[i] ? 'right' : 'left', lineBreak: false, ellipsis: true });
        x += columns[i]!;
      });
      doc.moveTo(this.left, y + height).lineTo(this.left + CONTENT_WIDTH, y + height).lineWidth(rule.width).strokeColor(rule.color).stroke();
      doc.y = y + height;
    };
    line(head, true, { width: 0.9, color: COLOR.muted });
    for (const row of rows) line(row, false, { width: 0.5, color: COLOR.rule });
    doc.x = this.left;
    doc.font('regular').fillColor(COLOR.text);
    this.gap(8);
  }
}
