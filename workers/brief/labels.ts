export { countryName } from '../../models/countries.js';
import type { BriefLocale } from './format.js';

/** Topics as they read inside a sentence ("publicaciones sobre extorsión"). */
const TOPICS: Record<BriefLocale, Record<string, string>> = {
  es: {
    femicidio: 'femicidios',
    violencia_sexual: 'violencia sexual',
    violencia_domestica: 'violencia doméstica',
    violencia_digital: 'violencia digital',
    desapariciones: 'desapariciones',
    trata: 'trata de personas',
    homicidios: 'homicidios',
    pandillas: 'pandillas y maras',
    extorsion: 'extorsión',
    robo: 'robos y asaltos',
    narcotrafico: 'narcotráfico',
    migracion: 'migración',
    policia_justicia: 'policía y justicia',
    percepcion_inseguridad: 'percepción de inseguridad',
    prevencion: 'prevención',
    seguridad_vial: 'seguridad vial',
    lgbtiq: 'personas LGBTIQ+',
    ninez_juventud: 'niñez y juventud',
  },
  en: {
    femicidio: 'femicide',
    violencia_sexual: 'sexual violence',
    violencia_domestica: 'domestic violence',
    violencia_digital: 'online violence',
    desapariciones: 'disappearances',
    trata: 'human trafficking',
    homicidios: 'homicides',
    pandillas: 'gangs',
    extorsion: 'extortion',
    robo: 'robbery',
    narcotrafico: 'drug trafficking',
    migracion: 'migration',
    policia_justicia: 'police and justice',
    percepcion_inseguridad: 'perceived insecurity',
    prevencion: 'prevention',
    seguridad_vial: 'road safety',
    lgbtiq: 'LGBTIQ+ people',
    ninez_juventud: 'children and youth',
  },
};

/** A topic inside a sentence; unknown ids (the taxonomy is editable) read with spaces. */
export function topicPhrase(id: string, locale: BriefLocale): string {
  return TOPICS[locale][id] ?? id.replaceAll('_', ' ');
}

export { platformName } from '../../models/platform-names.js';

/** A topic as a chart or table label: the phrase, capitalised. */
export function topicLabel(id: string, locale: BriefLocale): string {
  const phrase = topicPhrase(id, locale);
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
