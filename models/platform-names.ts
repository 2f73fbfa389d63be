/**
 * Platforms as users read them (filters, post cards, alert rules, CSV cells, the brief), by
 * locale. A platform not named here reads with its first letter capitalised.
 */
export const PLATFORM_NAMES: Record<'es' | 'en', Record<string, string>> = {
  es: {
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
  },
  en: {
    mastodon: 'Mastodon',
    bluesky: 'Bluesky',
    youtube: 'YouTube',
    x: 'X',
    reddit: 'Reddit',
    telegram: 'Telegram',
    rss: 'RSS / news media',
    facebook: 'Facebook',
    instagram: 'Instagram',
    tiktok: 'TikTok',
    file: 'Imported file',
  },
};

export function platformName(platform: string, locale: 'es' | 'en' = 'es'): string {
  return PLATFORM_NAMES[locale][platform] ?? platform.charAt(0).toUpperCase() + platform.slice(1);
}
