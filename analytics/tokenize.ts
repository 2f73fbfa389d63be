/**
 * Words of a post for term counts, emerging terms and clustering: lower-cased, accents removed,
 * URLs, @mentions, #hashtags and numbers dropped, words shorter than 3 letters and Spanish and
 * English function words removed. Both store adapters store exactly these, so term counts agree.
 */

/** Spanish (and a few English) function words, social-media filler and words of time (a
 * "mes" that rises says when, not what). */
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
  mes meses semana semanas ano anos hora horas minutos lunes martes miercoles jueves viernes
  sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
  diciembre
  the and for that this with from are was were have has not but you your they their our its about
  `
    .trim()
    .split(/\s+/),
);

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const HANDLE_OR_TAG_RE = /[@#][\p{L}\p{N}_]+/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 32;

/** Past the combining diacritical marks (U+0300–U+036F): other marks may follow. */
const BEYOND_DIACRITICS_RE = /[\u0370-\uffff]/;

/** Lower case without diacritics ("Línea" → "linea"); keeps ñ as n, like FTS5's unicode61. */
export function foldText(text: string): string {
  const decomposed = text.normalize('NFD');
  // No mark lies below U+0300, and U+0300–U+036F are all marks: the usual accents go with a
  // plain pattern; anything beyond needs the Unicode property.
  const bare = BEYOND_DIACRITICS_RE.test(decomposed)
    ? decomposed.replace(/\p{M}+/gu, '')
    : decomposed.replace(/[\u0300-\u036f]+/g, '');
  return bare.toLowerCase();
}

const NON_ASCII_RE = /[\u0080-\uffff]/;

/** Without URLs, @mentions and #hashtags (the patterns only run when they can match). */
function withoutLinksAndTags(text: string): string {
  let out = text;
  if (out.includes('http') || out.includes('www.')) out = out.replace(URL_RE, ' ');
  if (out.includes('@') || out.includes('#')) out = out.replace(HANDLE_OR_TAG_RE, ' ');
  return out;
}

/** True when a word is ASCII digits only. */
function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Distinct content words of a text, in order of first appearance (at most 32). */
export function tokenize(text: string): string[] {
  const cleaned = withoutLinksAndTags(text);
  // ASCII text has nothing to decompose or strip: lower-casing is the whole fold.
  const folded = NON_ASCII_RE.test(cleaned) ? foldText(cleaned) : cleaned.toLowerCase();
  const out = new Set<string>();
  const keep = (word: string) => {
    if (word.length < 3 || STOPWORDS.has(word) || isNumber(word)) return false;
    out.add(word);
    return out.size >= MAX_TERMS;
  };
  if (NON_ASCII_RE.test(folded)) {
    for (const match of folded.matchAll(WORD_RE)) if (keep(match[0])) break;
    return [...out];
  }
  // Folded ASCII: the letters and digits of WORD_RE are a-z and 0-9 (upper case is gone).
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (keep(folded.slice(start, i))) break;
      start = -1;
    }
  }
  return [...out];
}

/**
 * The spelling people used for each folded term (the most frequent lower-case form in the
 * texts), so labels read "años", not "anos"; only for the terms of `only` when given.
 */
export function displayForms(
  texts: Iterable<string>,
  only?: ReadonlySet<string>,
): Map<string, string> {
  return commonestForms(texts, only, (text) => withoutLinksAndTags(text).toLowerCase(), WORD_RE);
}

/**
 * The spelling people used for each folded hashtag (without '#'): the most frequent form as
 * written, so a label reads "NiUnaMenos", not "niunamenos".
 */
export function hashtagForms(
  texts: Iterable<string>,
  only?: ReadonlySet<string>,
): Map<string, string> {
  return commonestForms(texts, only, (text) => (text.includes('#') ? text : ''), HASHTAG_RE);
}

const HASHTAG_RE = /(?<=#)[\p{L}\p{N}_]+/gu;

/** The most frequent form of each folded word `pattern` finds in the prepared texts. */
function commonestForms(
  texts: Iterable<string>,
  only: ReadonlySet<string> | undefined,
  prepare: (text: string) => string,
  pattern: RegExp,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const foldedOf = new Map<string, string>();
  for (const text of texts) {
    for (const match of prepare(text).matchAll(pattern)) {
      const word = match[0];
      let folded = foldedOf.get(word);
      if (folded === undefined) {
        folded = NON_ASCII_RE.test(word) ? foldText(word) : word.toLowerCase();
        foldedOf.set(word, folded);
      }
      if (only && !only.has(folded)) continue;
      let forms = counts.get(folded);
      if (!forms) {
        forms = new Map<string, number>();
        counts.set(folded, forms);
      }
      forms.set(word, (forms.get(word) ?? 0) + 1);
    }
  }
  const best = new Map<string, string>();
  for (const [folded, forms] of counts) {
    // Ties go to the form with more accents and capitals ("policía", "NiUnaMenos"): the
    // careful spelling.
    const marks = (form: string) => {
      let n = 0;
      for (let i = 0; i < form.length; i++) if (form[i] !== folded[i]) n++;
      return n + Math.abs(form.length - folded.length);
    };
    const ranked = [...forms].sort(
      (a, b) => b[1] - a[1] || marks(b[0]) - marks(a[0]) || a[0].localeCompare(b[0]),
    );
    best.set(folded, ranked[0]![0]);
  }
  return best;
}

/** Function words that mark a text as English or Spanish (lower-case ASCII, ≤ 5 letters). */
const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  'the and of to in is are was were be been for with after at on this that from by has have it its an as who will'.split(
    ' ',
  ),
);
const SPANISH_MARKERS: ReadonlySet<string> = new Set(
  'de la el que en los las por un una del se para con su al es lo como mas pero sus le ya fue este esta hay muy'.split(
    ' ',
  ),
);

/**
 * The language of a post for clustering: "en" when it holds more English than Spanish function
 * words, else "es" (the product's language, also for texts with neither). Words are runs of
 * ASCII letters, lower-cased.
 */
export function languageOf(text: string): 'en' | 'es' {
  let en = 0;
  let es = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) | 32 : 0;
    if (c >= 97 && c <= 122) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start <= 5) {
      const word = text.slice(start, i).toLowerCase();
      if (ENGLISH_MARKERS.has(word)) en++;
      else if (SPANISH_MARKERS.has(word)) es++;
    }
    start = -1;
  }
  return en > es ? 'en' : 'es';
}
