import type { Platform } from '../../models/common.js';
import { RateLimitedError } from './errors.js';
import type { QuotaMeter } from './types.js';

/** YouTube's daily quota resets at midnight Pacific time. */
const QUOTA_ZONE = 'America/Los_Angeles';

/** The quota day (YYYY-MM-DD, Pacific time) an instant belongs to. */
export function quotaDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: QUOTA_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The next midnight, Pacific time: when a spent quota comes back. */
export function nextQuotaReset(at: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: QUOTA_ZONE, hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const elapsed = ((Number(parts.hour) % 24) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000;
  return new Date(at.getTime() - at.getMilliseconds() + 86_400_000 - elapsed);
}

/** A meter that refuses to spend past the limit, ending the run until the quota resets. */
export function quotaMeter(platform: Platform, limit: number, used: number, now: () => Date): QuotaMeter {
  let spent = used;
  return {
    limit,
    used: () => spent,
    spend(units: number) {
      if (spent + units > limit) {
        throw new RateLimitedError(
          platform,
          nextQuotaReset(now()),
          `agotó la cuota diaria (${spent}/${limit} unidades)`,
          'daily quota spent',
        );
      }
      spent += units;
    },
  };
}
