/**
 * Text as the brief's embedded font can draw it. pdfkit draws a code point the font has no glyph
 * for as the font's empty box ("tofu"), and sample posts are full of emoji. DejaVu Sans draws
 * every Latin letter, accent and punctuation mark of Spanish and English, and even a few
 * emoji in black and white (😡 ☺ ❤), but not most pictographs, flags or skin tones.
 */

/** Whether a font has a glyph for a code point. */
export type HasGlyph = (codePoint: number) => boolean;

/**
 * Parts of emoji sequences that mean nothing once the emoji is gone or drawn in text style:
 * zero-width joiner, variation selectors 15/16, combining keycap, skin-tone modifiers and tag
 * characters (subdivision flags). Dropped whatever the font says.
 */
function emojiPart(codePoint: number): boolean {
  return (
    codePoint === 0x200d ||
    codePoint === 0xfe0e ||
    codePoint === 0xfe0f ||
    codePoint === 0x20e3 ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
    (codePoint >= 0xe0020 && codePoint <= 0xe007f)
  );
}

/** Control characters other than white space. */
const CONTROL = /[^\P{Cc}\s]/u;
const SPACE = /\s/;
/** After these (or at the start) a removed emoji leaves no space: "¡🙏Basta" → "¡Basta". */
const OPENING = /[\s([{«“‘"'¿¡]/;
/** Before these (or at the end) neither, nor a space left before the emoji: "justicia 🙏." → "justicia.". */
const CLOSING = /[\s.,;:!?…)\]}»”’"']/;

/**
 * When the font cannot be asked: every emoji-style pictograph and flag letter goes. Symbols
 * below the arrows block (©, ®, ™, ‼) stay, as DejaVu Sans draws them.
 */
export const withoutPictographs: HasGlyph = (codePoint) =>
  codePoint < 0x2190 || !/[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}]/u.test(String.fromCodePoint(codePoint));

/**
 * `text` (NFC) without what `hasGlyph` says the font cannot draw and without the invisible parts
 * of emoji sequences. A removed run between two words leaves one space ("hola😡adiós" with a
 * font without 😡 → "hola adiós"), never two, and none next to punctuation or at either end.
 * Letters with accents, ñ, ü, ¿ and ¡ are kept whenever the font has them (DejaVu does).
 */
export function drawable(text: string, hasGlyph: HasGlyph = withoutPictographs): string {
  const out: string[] = [];
  let dropped = false;
  let changed = false;
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0)!;
    const keep = SPACE.test(char) || (!CONTROL.test(char) && !emojiPart(codePoint) && hasGlyph(codePoint));
    if (!keep) {
      dropped = changed = true;
      continue;
    }
    const previous = out.at(-1);
    if (dropped) {
      if (SPACE.test(char) && (previous === undefined || SPACE.test(previous))) continue;
      if (CLOSING.test(char) && previous !== undefined && SPACE.test(previous)) out.pop();
      if (previous !== undefined && !OPENING.test(previous) && !CLOSING.test(char)) out.push(' ');
    }
    out.push(char);
    dropped = false;
  }
  const result = out.join('');
  return changed ? result.trim() : result;
}
