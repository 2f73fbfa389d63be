import type { Source } from './source.js';

/**
 * How the listening sources stand, for the "nothing is being collected" messages: computed by
 * the server (GET /api/sources/health, open to every signed-in role) and read by the dashboard.
 */
export interface SourceHealth {
  /** Sources configured, paused ones included. */
  total: number;
  /** Sources that run on their schedule. */
  enabled: number;
  /** Enabled sources whose last run failed: unreachable (`offline`) or refused (`error`). */
  failing: number;
  offline: number;
  error: number;
  /** Sources that have collected at least once. */
  collected: number;
  /** Every enabled source is failing (and there is at least one). */
  allFailing: boolean;
  /** The newest successful run of any source, or null when none ever succeeded. */
  lastSuccessAt: string | null;
}

const FAILING = new Set(['error', 'offline']);

export function sourceHealth(sources: readonly Pick<Source, 'enabled' | 'status' | 'lastSuccessAt'>[]): SourceHealth {
  const enabled = sources.filter((s) => s.enabled);
  const failing = enabled.filter((s) => FAILING.has(s.status));
  const successes = sources.map((s) => s.lastSuccessAt).filter((at): at is string => at !== null).sort();
  return {
    total: sources.length,
    enabled: enabled.length,
    failing: failing.length,
    offline: failing.filter((s) => s.status === 'offline').length,
    error: failing.filter((s) => s.status === 'error').length,
    collected: successes.length,
    allFailing: enabled.length > 0 && failing.length === enabled.length,
    lastSuccessAt: successes[successes.length - 1] ?? null,
  };
}
