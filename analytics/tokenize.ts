/**
 * Words of a post for term counts, emerging terms and clustering: lower-cased, accents removed,
 * URLs, @mentions, #hashtags and numbers dropped, words shorter than 3 letters and Spanish and
 * English function words removed. Both store adapters store exactly these, so term counts agree.
 */

/** Spanish (and a few English) function words and social-media filler. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `
  a al algo algun alguna algunas alguno algunos ante antes aqui asi aun aunque bajo bien cada casi
  como con contra cual cuales cuando cuanto de del desde donde dos el ella ellas ello ellos en entre
  era eran eres es esa esas ese eso esos esta estaba estaban estamos estan estar estas este esto
  estos estoy fue fueron fui ha habia han has hasta hay he la las le les lo los mas me mi mis mucho
  muy nada ni no nos nosotros nuestra nuestro o os otra otras otro otros para pero poco por porque
  que quien quienes se sea segun ser si sido siempre sin sino sobre solo son su sus tal tambien tan
  tanto te tiene tienen todo todos tras tu tus un una unas uno unos usted ustedes va van vez y ya yo
  hoy ayer manana dia dias ahora hace hacer hecho puede pueden ver via rt amp
  the and for that this with from are was were have has not but you your they their our its about
  `
    .trim()
    .split(/\s+/),
);

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const HANDLE_OR_TAG_RE = /[@#][\p{L}\p{N}_]+/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 32;

/** Lower case without diacritics ("Línea" → "linea"); keeps ñ as n, like FTS5's unicode61. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Distinct content words of a text, in order of first appearance (at most 32). */
export function tokenize(text: string): string[] {
  const cleaned = foldText(text.replace(URL_RE, ' ').replace(HANDLE_OR_TAG_RE, ' '));
  const out = new Set<string>();
  for (const match of cleaned.matchAll(WORD_RE)) {
    const word = match[0];
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    out.add(word);
    if (out.size >= MAX_TERMS) break;
  }
  return [...out];
}

/**
 * The spelling people used for each folded term (the most frequent lower-case form in the
 * texts), so labels read "años", not "anos".
 */
export function displayForms(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    const cleaned = text.replace(URL_RE, ' ').replace(HANDLE_OR_TAG_RE, ' ').toLowerCase();
    for (const match of cleaned.matchAll(WORD_RE)) {
      const folded = foldText(match[0]);
      const forms = counts.get(folded) ?? new Map<string, number>();
      forms.set(match[0], (forms.get(match[0]) ?? 0) + 1);
      counts.set(folded, forms);
    }
  }
  const best = new Map<string, string>();
  for (const [folded, forms] of counts) {
    best.set(folded, [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  }
  return best;
}

/** Words of a search query, folded like the text (stopwords kept: the user typed them). */
export function queryWords(q: string): string[] {
  return [...new Set([...foldText(q).matchAll(WORD_RE)].map((m) => m[0]))].slice(0, 10);
}
