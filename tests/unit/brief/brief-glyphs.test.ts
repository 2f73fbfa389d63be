import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../../workers/brief/examples.js';
import { drawable, withoutPictographs } from '../../../workers/brief/glyphs.js';
import { createDocument, fontCoverage } from '../../../workers/brief/pdf.js';
import { renderBrief } from '../../../workers/brief/render.js';
import type { BriefExample } from '../../../workers/brief/types.js';
import { hasPdfToText, pdfText } from '../../integration/brief/pdf-text.js';
import { makeEnrichment, makePost } from '../../support/factories.js';
import { briefData } from './brief-data.js';

/** A sample post as users write them: emoji with skin tones, ZWJ families, flags, keycaps. */
const POST =
  'Exigimos justicia 🙏🏽🙏🏽 ¡Ni una menos! ¿Dónde está la niña? 👩‍👩‍👧 Marcha del pingüino 🇬🇹 1️⃣ hola🙏adiós, basta 🙏. Fuerza ✌🏾 ✊🏾 — «vecinas» ❤️';

/**
 * Glyphs a PDF draws with the font's .notdef glyph (the empty box, "tofu"): pdfkit writes text
 * as `[<gid gid…> kerning <…>] TJ` with 4-hex-digit glyph ids in each font's subset, where
 * .notdef is always 0000.
 */
function notdefGlyphs(pdf: Buffer): number {
  let count = 0;
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const show of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      for (const hex of show[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i < hex[1]!.length; i += 4) if (hex[1]!.slice(i, i + 4) === '0000') count++;
      }
    }
  }
  return count;
}

function withExample(text: string) {
  const example: BriefExample = { platform: 'mastodon', createdAt: '2026-11-18T10:00:00.000Z', author: '#3f9a2c', publicAuthor: false, text, sensitive: false };
  return briefData({ narratives: [{ label: 'justicia 🙏 niña', terms: ['justicia'], size: 24, previous: 0, trend: null, examples: [example] }] });
}

describe('sample post text in the brief', () => {
  const doc = createDocument({ title: 't', subject: 's', lang: 'es-419' });
  const dejaVu = fontCoverage(doc, 'regular');

  it('keeps what the embedded font draws and drops what it lacks and the invisible parts of emoji', () => {
    // DejaVu Sans has no glyph for 🙏, 👩, 👧, ✊, flags, skin tones or the keycap; it has ✌ and ❤.
    expect(drawable(POST, dejaVu)).toBe('Exigimos justicia ¡Ni una menos! ¿Dónde está la niña? Marcha del pingüino 1 hola adiós, basta. Fuerza ✌ — «vecinas» ❤');
    expect(drawable('Ñandú, pingüino, ¿qué? ¡Sí! «ü» “á” (é) 50 % – …', dejaVu)).toBe('Ñandú, pingüino, ¿qué? ¡Sí! «ü» “á” (é) 50 % – …');
    expect(drawable('Justicia 🙏🏽', dejaVu)).toBe('Justicia');
    expect(drawable('🙏🏽🙏🏽', dejaVu)).toBe('');
    expect(drawable('nin\u0303a', dejaVu)).toBe('niña'); // decomposed ñ, as some apps send it
    expect(drawable('¡🙏Basta!', dejaVu)).toBe('¡Basta!');
    expect(drawable('a 🙏 b', dejaVu)).toBe('a b');
  });

  it('without a font to ask, drops emoji-style pictographs and keeps letters and symbols like ©', () => {
    expect(drawable(POST)).toBe('Exigimos justicia ¡Ni una menos! ¿Dónde está la niña? Marcha del pingüino 1 hola adiós, basta. Fuerza — «vecinas»');
    expect(withoutPictographs('©'.codePointAt(0)!)).toBe(true);
    expect(withoutPictographs('ñ'.codePointAt(0)!)).toBe(true);
    expect(withoutPictographs('😡'.codePointAt(0)!)).toBe(false);
  });

  it('renders without a single empty box, accents and punctuation intact', async () => {
    const pdf = await renderBrief(withExample(POST), 'es');
    expect(notdefGlyphs(pdf)).toBe(0);
    expect(notdefGlyphs(await renderBrief(withExample('🙏🏽🙏🏽 👩‍👩‍👧'), 'en'))).toBe(0);
    if (!hasPdfToText()) return;
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Surge una narrativa nueva, «justicia niña»');
    expect(text).toContain('“Exigimos justicia ¡Ni una menos! ¿Dónde está la niña? Marcha del pingüino 1 hola adiós, basta. Fuerza ✌ — «vecinas» ❤”');
    expect(text).toContain('1. «justicia niña»');
  });

  it('is shortened between characters, never through an emoji', () => {
    const post = makePost({ externalId: '1', text: `${'a'.repeat(278)}🙏🙏🙏` });
    const example = exampleOf({ ...post, id: 'mastodon:1', enrichment: makeEnrichment() });
    expect(example.text).toBe(`${'a'.repeat(278)}🙏…`);
    expect(example.text).not.toMatch(/\p{Cs}/u); // no lone surrogate
  });
});
