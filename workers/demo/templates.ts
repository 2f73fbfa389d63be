/**
 * Text templates of the demo dataset: short public posts as they read in the region, by topic.
 * Slots: {lugar} (a municipality of the post's country), {pais}, {nombre} (fictional first
 * name), {edad}, {n}. Names and cases are invented; no template quotes a real person.
 */
export interface Template {
  topic: string;
  text: string;
  /** Hashtags the post carries besides those written in the text. */
  tags?: string[];
}

export const SPANISH: Template[] = [
  { topic: 'femicidio', text: 'Otro femicidio en {lugar}: una mujer de {edad} años fue asesinada por su expareja. ¿Hasta cuándo? #NiUnaMenos' },
  { topic: 'femicidio', text: 'Exigimos justicia para {nombre}, víctima de feminicidio en {lugar}. Las autoridades deben actuar ya.' },
  { topic: 'femicidio', text: 'Van {n} mujeres asesinadas este mes en {pais}. Esto es una emergencia nacional. #NiUnaMas' },
  { topic: 'violencia_domestica', text: 'En {lugar} aumentan las denuncias por violencia intrafamiliar, según la fiscalía de la mujer.' },
  { topic: 'violencia_domestica', text: 'Si vives violencia en tu casa, llama a la línea de ayuda. No estás sola. #NoEstasSola' },
  { topic: 'violencia_domestica', text: 'Capturan en {lugar} a hombre que golpeaba a su esposa frente a sus hijos.' },
  { topic: 'violencia_sexual', text: 'Detienen a sospechoso de abuso sexual contra una niña de {edad} años en {lugar}.' },
  { topic: 'violencia_sexual', text: 'La fiscalía reporta {n} denuncias de violación en {lugar} en lo que va del año.' },
  { topic: 'violencia_digital', text: 'Difundir fotos íntimas sin consentimiento es violencia digital y es delito. Denuncia el acoso en línea.' },
  { topic: 'desapariciones', text: 'Se busca a {nombre}, de {edad} años, desaparecida desde el martes en {lugar}. Por favor compartan. #SeBusca' },
  { topic: 'desapariciones', text: 'Familias de {lugar} marchan para exigir la búsqueda de sus hijas desaparecidas.' },
  { topic: 'trata', text: 'Rescatan a {n} víctimas de trata de personas en un operativo en {lugar}.' },
  { topic: 'homicidios', text: 'Reportan {n} homicidios durante el fin de semana en {lugar}; la policía investiga.' },
  { topic: 'homicidios', text: 'Asesinan a un motorista repartidor en {lugar}. Vecinos piden más patrullajes.' },
  { topic: 'pandillas', text: 'Comerciantes de {lugar} denuncian que las pandillas controlan la colonia y cobran renta.' },
  { topic: 'extorsion', text: 'Cierran {n} negocios en {lugar} por las extorsiones. Nadie se atreve a denunciar.' },
  { topic: 'robo', text: 'Asaltan un bus en {lugar}; los pasajeros perdieron celulares y dinero. Otra vez.' },
  { topic: 'robo', text: 'Me robaron el celular a punta de pistola en {lugar}, a plena luz del día.' },
  { topic: 'narcotrafico', text: 'Decomisan un cargamento de cocaína en la costa de {lugar}; hay {n} detenidos.' },
  { topic: 'migracion', text: 'Sale de {lugar} una caravana de migrantes que huye de la violencia y la pobreza.' },
  { topic: 'policia_justicia', text: 'La policía captura a {n} presuntos integrantes de una estructura criminal en {lugar}.' },
  { topic: 'policia_justicia', text: 'Juzgado de {lugar} condena a {n} años de prisión a un agresor. La justicia sí es posible.' },
  { topic: 'percepcion_inseguridad', text: 'Ya no se puede salir de noche en {lugar}. La inseguridad está peor que nunca.' },
  { topic: 'percepcion_inseguridad', text: 'Da miedo caminar sola por {lugar}. Las calles no son seguras para nosotras.' },
  { topic: 'prevencion', text: 'Jóvenes de {lugar} participan en talleres de prevención de la violencia. ¡Así se construye paz! #CallesSeguras' },
  { topic: 'prevencion', text: 'Gracias a la campaña #VidasLibres más mujeres en {lugar} conocen sus derechos y las rutas de denuncia.' },
  { topic: 'prevencion', text: 'Hoy en {lugar} inauguramos un espacio seguro para mujeres y niñas. #VidasLibres #NoEstasSola' },
  { topic: 'seguridad_vial', text: 'Accidente de tránsito en {lugar} deja {n} heridos; conductor huyó del lugar.' },
  { topic: 'ninez_juventud', text: 'Escuelas de {lugar} reciben apoyo psicológico tras ataques a estudiantes.' },
  { topic: 'lgbtiq', text: 'Activistas de {lugar} denuncian el asesinato de una mujer trans y exigen investigación.' },
  // Grief and disbelief: how people react, not only what happened.
  { topic: 'femicidio', text: 'Qué tristeza tan grande. Descansa en paz, {nombre}. Tu familia te llora en {lugar}. #NiUnaMenos' },
  { topic: 'femicidio', text: 'Hoy despedimos a {nombre}, asesinada en {lugar}. Nos duele el alma, no era justo. 💔' },
  { topic: 'homicidios', text: 'Con el corazón roto: mi vecino de {edad} años perdió la vida en un asalto en {lugar}. Te vamos a extrañar 😢' },
  { topic: 'policia_justicia', text: '¡No puedo creer que hayan liberado al agresor de {nombre} en {lugar}! ¿Cómo es posible? 😱' },
  { topic: 'violencia_domestica', text: '¿En serio? ¿Otra vez cerraron la línea de ayuda para mujeres en {lugar}? No me lo esperaba 😮' },
  { topic: 'prevencion', text: 'Qué sorpresa: la alcaldía de {lugar} por fin abrió una casa refugio para mujeres. ¡Increíble!' },
];

/** Misogynistic posts (victim blaming, stereotypes, hostility): what the monitor must surface. */
export const MISOGYNISTIC: Template[] = [
  { topic: 'femicidio', text: 'Ella se lo buscó por andar sola de noche y vestida así en {lugar}.' },
  { topic: 'percepcion_inseguridad', text: 'Las mujeres deberían quedarse en la casa cuidando a los hijos en vez de andar en la calle.' },
  { topic: 'violencia_domestica', text: 'Algo habrá hecho ella para que el marido le pegara. Las viejas siempre provocan.' },
  { topic: 'policia_justicia', text: 'Ninguna mujer sirve para mandar. Son unas histéricas, que se callen.' },
  { topic: 'violencia_digital', text: 'Esas feministas locas solo quieren atención, ninguna es víctima de nada.' },
  { topic: 'violencia_sexual', text: 'Si no quería que le pasara nada no debió salir con esa ropa. Después lloran.' },
];

export const ENGLISH: Template[] = [
  { topic: 'violencia_domestica', text: 'Another domestic violence case reported in {lugar}. Women deserve to feel safe at home. #SafeBelize' },
  { topic: 'robo', text: 'Police in {lugar} arrest two men after an armed robbery at a shop.' },
  { topic: 'homicidios', text: 'Shooting in {lugar} leaves one man dead; police are investigating.' },
  { topic: 'prevencion', text: 'Youth programme in {lugar} helps teens stay away from gangs. #SafeBelize' },
  { topic: 'desapariciones', text: 'Missing: {nombre}, {edad}, last seen in {lugar}. Please share.' },
];

export const NAMES = ['María José', 'Karla', 'Daniela', 'Ana Lucía', 'Sofía', 'Yessenia', 'Andrea', 'Gabriela', 'Lesly', 'Keyla', 'Nicole', 'Fernanda'];

export const COUNTRY_NAMES: Record<string, string> = {
  GT: 'Guatemala', HN: 'Honduras', SV: 'El Salvador', CR: 'Costa Rica', PA: 'Panamá', DO: 'República Dominicana', BZ: 'Belice',
};

/** Municipalities the place resolver knows (lexicons/places), per country. */
export const PLACES: Record<string, string[]> = {
  GT: ['Mixco', 'Villa Nueva', 'la zona 18', 'Quetzaltenango', 'Escuintla', 'Chinautla'],
  HN: ['Tegucigalpa', 'San Pedro Sula', 'Choloma', 'La Ceiba', 'Comayagüela'],
  SV: ['Soyapango', 'San Miguel', 'Apopa', 'Santa Ana', 'Ilopango'],
  CR: ['Desamparados', 'Limón', 'Alajuelita', 'Pavas', 'Puntarenas'],
  PA: ['San Miguelito', 'Colón', 'Tocumen', 'El Chorrillo', 'Pacora'],
  DO: ['Santo Domingo Este', 'Santiago de los Caballeros', 'Capotillo', 'San Cristóbal', 'Los Alcarrizos'],
  BZ: ['Belize City', 'San Ignacio', 'Belmopan', 'Orange Walk', 'Dangriga'],
};

/** Share of posts per country (population and online activity, roughly). */
export const COUNTRY_WEIGHTS: [string, number][] = [
  ['GT', 0.24], ['HN', 0.2], ['SV', 0.17], ['DO', 0.16], ['CR', 0.1], ['PA', 0.09], ['BZ', 0.04],
];

export const PLATFORM_WEIGHTS: [string, number][] = [
  ['x', 0.32], ['facebook', 0.16], ['rss', 0.12], ['mastodon', 0.1], ['bluesky', 0.1], ['youtube', 0.06], ['tiktok', 0.06], ['instagram', 0.05], ['reddit', 0.03],
];

/** Allow-listed media and institutions (analytics/public-accounts.json) used as authors of news posts. */
export const MEDIA_AUTHORS: { platform: string; handle: string; name: string; country: string }[] = [
  { platform: 'rss', handle: 'prensalibre.com', name: 'Prensa Libre', country: 'GT' },
  { platform: 'rss', handle: 'elfaro.net', name: 'El Faro', country: 'SV' },
  { platform: 'rss', handle: 'laprensa.hn', name: 'La Prensa', country: 'HN' },
  { platform: 'rss', handle: 'listindiario.com', name: 'Listín Diario', country: 'DO' },
  { platform: 'rss', handle: 'nacion.com', name: 'La Nación', country: 'CR' },
  { platform: 'x', handle: 'pnc_sv', name: 'Policía Nacional Civil de El Salvador', country: 'SV' },
  { platform: 'x', handle: 'mp_guatemala', name: 'Ministerio Público de Guatemala', country: 'GT' },
];
