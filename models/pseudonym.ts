import { createHmac } from 'node:crypto';

/**
 * Author pseudonym: HMAC-SHA256 keyed by the instance secret over `platform:rawId`, truncated
 * to 128 bits. Stable within an instance (so authors can be counted), unlinkable across
 * instances, and not reversible without the secret.
 */
export function pseudonymize(secret: string, platform: string, rawId: string): string {
  return `a_${createHmac('sha256', secret).update(`${platform}:${rawId}`).digest('base64url').slice(0, 22)}`;
}
