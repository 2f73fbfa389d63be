import type { Platform } from '../../models/common.js';
import { bluesky } from './bluesky.js';
import { mastodon } from './mastodon.js';
import { reddit } from './reddit.js';
import { rss } from './rss.js';
import { telegram } from './telegram.js';
import { x } from './x.js';
import { youtube } from './youtube.js';
import type { Collector } from './types.js';

/** Every platform escucha can listen to by itself, by kind. (`file` is the import path.) */
export const COLLECTORS: Partial<Record<Platform, Collector>> = {
  mastodon,
  bluesky,
  youtube,
  x,
  reddit,
  telegram,
  rss,
};

export const COLLECTOR_KINDS = Object.keys(COLLECTORS) as Platform[];

export function collectorFor(kind: Platform): Collector | null {
  return COLLECTORS[kind] ?? null;
}
