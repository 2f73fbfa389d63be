import type { Alert, AlertScope } from '../models/alert.js';
import { countryName } from '../models/countries.js';
import { platformName } from '../models/platform-names.js';
import { topicName } from '../models/topic-names.js';
import { formatEs } from './impact.js';

/**
 * An alert as one sentence in the reader's language, from what the alert keeps (its scope and
 * figures), so the server (webhooks, CSV) and the dashboard word it the same way. Pure and
 * free of Node APIs: the dashboard imports it.
 */

type Locale = 'es' | 'en';

const SEVERITY: Record<Locale, Record<Alert['severity'], string>> = {
  es: { low: 'Aviso', medium: 'Alerta', high: 'Alerta grave' },
  en: { low: 'Notice', medium: 'Alert', high: 'Severe alert' },
};

const METRIC: Record<Locale, Record<AlertScope['metric'], string>> = {
  es: {
    posts: 'publicaciones',
    misogyny: 'publicaciones misóginas',
    hate: 'publicaciones con discurso de odio',
    negative: 'publicaciones negativas',
    fear: 'publicaciones que expresan miedo',
  },
  en: {
    posts: 'posts',
    misogyny: 'misogynistic posts',
    hate: 'hate-speech posts',
    negative: 'negative posts',
    fear: 'posts expressing fear',
  },
};

/** How a topic or campaign id is named; by default topics by their names, campaigns by id. */
export interface AlertNames {
  topic?: (id: string) => string;
  campaign?: (id: string) => string;
}


/** What an alert is worded from: what it watched and its figures (`bucket` as stored). */
export type AlertFigures = Pick<Alert, 'severity' | 'observed' | 'expected' | 'score' | 'bucket'> & {
  scope: AlertScope;
};

/**
 * An alert in the reader's language; one stored before alerts kept their scope, in the Spanish
 * sentence it was stored with.
 */
export function alertText(
  alert: Omit<AlertFigures, 'scope'> & { scope?: AlertScope | null; message: string },
  locale: Locale = 'es',
  names: AlertNames = {},
): string {
  return alert.scope ? alertMessage({ ...alert, scope: alert.scope }, locale, names) : alert.message;
}

/**
 * "Alerta grave: pico de publicaciones misóginas en Honduras, tema desapariciones: 48 en la
 * hora del 28/11 a las 14:00 UTC, cuando lo habitual es 12 (8.0 veces la variación normal)."
 * / "Severe alert: spike in misogynistic posts in Honduras, topic desapariciones: 48 in the
 * hour of 28/11 at 14:00 UTC, against a usual 12 (8.0 times the normal variation)."
 */
export function alertMessage(alert: AlertFigures, locale: Locale = 'es', names: AlertNames = {}): string {
  const { scope } = alert;
  const es = locale === 'es';
  const topic = names.topic ?? ((id: string) => topicName(id, locale));
  const campaign = names.campaign ?? ((id: string) => id);
  const where = [
    scope.country ? `${es ? 'en' : 'in'} ${countryName(scope.country, locale)}` : null,
    scope.platform ? `${es ? 'en' : 'on'} ${platformName(scope.platform, locale)}` : null,
    scope.topic ? `${es ? 'tema' : 'topic'} ${topic(scope.topic)}` : null,
    scope.campaign ? `${es ? 'campaña' : 'campaign'} ${campaign(scope.campaign)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const d = new Date(alert.bucket);
  const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const hour = `${String(d.getUTCHours()).padStart(2, '0')}:00 UTC`;
  const severity = SEVERITY[locale][alert.severity];
  const metric = METRIC[locale][scope.metric];
  const scoped = where ? ` ${where}` : '';
  const expected = formatEs(alert.expected, 0);
  const score = formatEs(alert.score, 1);
  if (es) {
    const when = scope.granularity === 'hour' ? `en la hora del ${date} a las ${hour}` : `el día ${date}`;
    return (
      `${severity}: pico de ${metric}${scoped}: ${alert.observed} ${when}, ` +
      `cuando lo habitual es ${expected} (${score} veces la variación normal).`
    );
  }
  const when = scope.granularity === 'hour' ? `in the hour of ${date} at ${hour}` : `on ${date}`;
  return (
    `${severity}: spike in ${metric}${scoped}: ${alert.observed} ${when}, ` +
    `against a usual ${expected} (${score} times the normal variation).`
  );
}
