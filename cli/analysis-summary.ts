/**
 * `escucha analyze` on a terminal: the analysis of one post as a short Spanish summary, each
 * label with the three features that weighed most. Scripts read the JSON (`--json`, or any
 * stdout that is not a terminal).
 */
import { countryName } from '../models/countries.js';
import type { Enrichment } from '../models/enrichment.js';
import type { Evidence } from '../models/common.js';
import { topicName } from '../models/topic-names.js';
import { valueLabel } from '../server/csv-values.js';

type Analysis = Omit<Enrichment, 'enrichedAt'>;

const INTENTION: Record<string, string> = { direct: 'sexista en sí', reporting: 'denuncia o critica el sexismo' };
const PLACE_FROM: Record<string, string> = { text: 'texto', hashtag: 'hashtag', profile: 'perfil', platform: 'plataforma' };

/** Numbers as the rest of the CLI prints them (decimal point, as in Central America). */
const num = (x: number, digits = 2): string => x.toFixed(digits);
const signed = (x: number): string => (x > 0 ? `+${num(x)}` : x < 0 ? `−${num(-x)}` : num(0));

/** The `n` features that weighed most (by absolute weight), as "feature (+0.79)". */
export function topFeatures(explanation: readonly Evidence[], n = 3): string {
  const top = [...explanation].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, n);
  return top.length === 0 ? '(sin evidencias)' : top.map((e) => `${e.feature} (${signed(e.weight)})`).join(' · ');
}

export function formatAnalysis(analysis: Analysis, text: string): string {
  const rows: Array<[string, string, readonly Evidence[] | null]> = [];
  const label = (kind: string, value: string) => valueLabel(kind, value, 'es') ?? value;

  rows.push(['Idioma', `${label('lang', analysis.language.code)} (${num(analysis.language.score)})`, analysis.language.explanation]);
  const s = analysis.sentiment;
  rows.push([
    'Sentimiento',
    `${label('sentiment', s.label)} (puntuación ${signed(s.score)} de −1 a +1; confianza ${num(s.confidence)})`,
    s.explanation,
  ]);
  const e = analysis.emotions;
  rows.push(['Emoción', `${label('emotion', e.label)} (${num(e.scores[e.label] ?? 0)})`, e.explanation]);
  if (analysis.topics.length === 0) rows.push(['Temas', 'ninguno', null]);
  for (const [i, topic] of analysis.topics.entries()) {
    rows.push([i === 0 ? 'Temas' : '', `${topicName(topic.id, 'es')} (${num(topic.score)})`, topic.explanation]);
  }
  const m = analysis.misogyny;
  const misogyny = [
    m.flag ? 'SÍ, discurso misógino' : 'no',
    `probabilidad de tratar de sexismo ${num(m.score)}`,
    m.category ? `categoría: ${label('misogynyCategory', m.category)}` : null,
    m.intention ? `intención: ${INTENTION[m.intention] ?? m.intention}` : null,
  ].filter(Boolean);
  rows.push(['Misoginia', `${misogyny[0]} (${misogyny.slice(1).join('; ')})`, m.explanation]);
  rows.push(['Odio', `${analysis.hate.flag ? 'SÍ, discurso de odio' : 'no'} (puntuación ${num(analysis.hate.score)})`, analysis.hate.explanation]);
  if (analysis.places.length === 0) rows.push(['Lugar', 'sin determinar', null]);
  for (const [i, place] of analysis.places.entries()) {
    const where = [countryName(place.country, 'es'), place.admin1].filter(Boolean).join(', ');
    rows.push([i === 0 ? 'Lugar' : '', `${where} (por el ${PLACE_FROM[place.from] ?? place.from}; ${num(place.score)})`, place.explanation]);
  }
  if (analysis.campaigns.length === 0) rows.push(['Campañas', 'ninguna', null]);
  for (const [i, campaign] of analysis.campaigns.entries()) {
    rows.push([i === 0 ? 'Campañas' : '', `${campaign.id} (${num(campaign.score)})`, campaign.explanation]);
  }

  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const pad = ' '.repeat(width + 2);
  const lines = [`Análisis de: ${JSON.stringify(text.length > 100 ? `${text.slice(0, 99)}…` : text)}`, ''];
  for (const [name, value, explanation] of rows) {
    lines.push(`  ${(name ? `${name}:` : '').padEnd(width)}${value}`);
    if (explanation) lines.push(`${pad}evidencias: ${topFeatures(explanation)}`);
  }
  lines.push('', `Versión del análisis: ${analysis.version}. Con --json, el resultado completo en JSON.`);
  return `${lines.join('\n')}\n`;
}
