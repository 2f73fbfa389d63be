/**
 * CSV column headers in the reader's language. Tables name their columns with the API's field
 * names (what JSON clients read); a CSV opened in a spreadsheet by an analyst in Tegucigalpa
 * should say "fecha", not "createdAt". English requests keep the field names, so scripts that
 * read English CSVs see the JSON names.
 */
import type { Locale } from './errors.js';

const SPANISH: Record<string, string> = {
  acknowledgedAt: 'revisada',
  analysed: 'analizadas',
  author: 'autor',
  authors: 'autores',
  bucket: 'periodo',
  count: 'recuento',
  countries: 'países',
  country: 'país',
  createdAt: 'fecha',
  current: 'actual',
  day: 'día',
  enabled: 'activa',
  endDate: 'fin',
  everyMinutes: 'cada_minutos',
  expected: 'esperado',
  followers: 'seguidores',
  handle: 'cuenta',
  handles: 'cuentas',
  hashtags: 'hashtags',
  hate: 'odio',
  hateRate: 'tasa_odio',
  impressions: 'impresiones',
  influencers: 'influenciadores',
  interactions: 'interacciones',
  keywords: 'palabras_clave',
  kind: 'tipo',
  label: 'etiqueta',
  labels: 'etiquetas',
  lastError: 'último_error',
  lastRunAt: 'última_ejecución',
  lastSuccessAt: 'último_éxito',
  launchDate: 'lanzamiento',
  mediaMentions: 'menciones_en_medios',
  message: 'mensaje',
  metric: 'métrica',
  misogyny: 'misoginia',
  misogynyRate: 'tasa_misoginia',
  name: 'nombre',
  netSentiment: 'sentimiento_neto',
  note: 'nota',
  observed: 'observado',
  platform: 'plataforma',
  postId: 'publicación',
  posts: 'publicaciones',
  potentialReach: 'alcance_potencial',
  previous: 'anterior',
  ratio: 'razón',
  ruleId: 'regla',
  score: 'puntuación',
  sentiment: 'sentimiento',
  severity: 'gravedad',
  size: 'tamaño',
  startDate: 'inicio',
  status: 'estado',
  terms: 'términos',
  text: 'texto',
  trend: 'tendencia',
  userId: 'usuario',
  value: 'valor',
  views: 'vistas',
};

export function columnHeader(column: string, locale: Locale): string {
  return locale === 'es' ? (SPANISH[column] ?? column) : column;
}
