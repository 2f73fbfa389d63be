/**
 * Accent folding and lower-casing for matching only (the displayed text is never changed).
 * `fold("Peñón JAMÁS")` → "penon jamas".
 */
const MARKS = /[\u0300-\u036f]/g;

const NON_ASCII = /[^ -~\t\n\r]/;

export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Printable ASCII (and tab / newlines) has nothing to decompose.
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '');
}

/** Folds and trims a lexicon key (also collapses inner whitespace). */
export function foldKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}
