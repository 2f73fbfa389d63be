/**
 * Platforms as users read them (filters, post cards, alert rules, CSV cells, the brief), by
 * locale. A platform not named here reads with its first letter capitalised.
 */
const SPANISH: Record<string, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  youtube: 'YouTube',
  x: 'X',
  reddit: 'Reddit',
  telegram: 'Telegram',
  rss: 'RSS / medios',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  file: 'Archivo importado',
};

/** Brand names read the same in both languages; only the descriptive ones are translated. */
export const PLATFORM_NAMES: Record<'es' | 'en', Record<string, string>> = {
  es: SPANISH,
  en: { ...SPANISH, rss: 'RSS / news media', file: 'Imported file' },
};

export function platformName(platform: string, locale: 'es' | 'en' = 'es'): string {
  return PLATFORM_NAMES[locale][platform] ?? platform.charAt(0).toUpperCase() + platform.slice(1);
}
