/**
 * Topic names as users read them in charts, tables and CSV cells, by locale (the taxonomy in
 * lexicons/topics keeps longer descriptive labels). A topic an analyst adds to the taxonomy
 * has no name here yet and reads as its id with spaces.
 */
export const TOPIC_NAMES: Record<'es' | 'en', Record<string, string>> = {
  es: {
    femicidio: 'Femicidio',
    violencia_sexual: 'Violencia sexual',
    violencia_domestica: 'Violencia doméstica',
    violencia_digital: 'Violencia digital',
    desapariciones: 'Desapariciones',
    trata: 'Trata de personas',
    homicidios: 'Homicidios',
    pandillas: 'Pandillas',
    extorsion: 'Extorsión',
    robo: 'Robo',
    narcotrafico: 'Narcotráfico',
    migracion: 'Migración',
    policia_justicia: 'Policía y justicia',
    percepcion_inseguridad: 'Percepción de inseguridad',
    prevencion: 'Prevención',
    seguridad_vial: 'Seguridad vial',
    lgbtiq: 'LGBTIQ+',
    ninez_juventud: 'Niñez y juventud',
  },
  en: {
    femicidio: 'Femicide',
    violencia_sexual: 'Sexual violence',
    violencia_domestica: 'Domestic violence',
    violencia_digital: 'Digital violence',
    desapariciones: 'Disappearances',
    trata: 'Human trafficking',
    homicidios: 'Homicides',
    pandillas: 'Gangs',
    extorsion: 'Extortion',
    robo: 'Robbery',
    narcotrafico: 'Drug trafficking',
    migracion: 'Migration',
    policia_justicia: 'Police and justice',
    percepcion_inseguridad: 'Perceived insecurity',
    prevencion: 'Prevention',
    seguridad_vial: 'Road safety',
    lgbtiq: 'LGBTIQ+',
    ninez_juventud: 'Children and youth',
  },
};

export function topicName(id: string, locale: 'es' | 'en' = 'es'): string {
  return TOPIC_NAMES[locale][id] ?? id.replaceAll('_', ' ');
}
