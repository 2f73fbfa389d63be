/**
 * The one place where escucha's metrics are defined. Vendors disagree on these words, so each
 * definition names its numerator and denominator; the README repeats them.
 */

/** Posts: public posts matched by the filter, each counted once (reposts collected as posts count). */
export const POSTS = 'posts';

/** Authors: distinct pseudonymised author ids among those posts. */
export const AUTHORS = 'authors';

/** Interactions: likes + reposts + replies + quotes, at their latest observed value. */
export const INTERACTIONS = 'interactions';

/**
 * Potential reach: sum of followers of the distinct authors (each author counted once, with
 * the largest follower count observed in the period). Not impressions: who could have seen it.
 */
export const POTENTIAL_REACH = 'potentialReach';

/** Impressions: sum of views where the platform reports them (others count 0). */
export const IMPRESSIONS = 'impressions';

/**
 * Below this many posts analysed (or polar posts, for net sentiment), a rate rests on a small
 * sample: 4 of 6 is 67 %, and one post more or less moves it by 15 points. The dashboard marks
 * such rates (client/format.ts `isSmallSample`) and the weekly brief neither headlines a change
 * computed on them nor prints them unmarked.
 */
export const SMALL_SAMPLE = 30;

/**
 * Net sentiment: (positive − negative) / (positive + negative) × 100, in [−100, 100]; neutral
 * posts are excluded from the denominator. 0 when there are no polar posts.
 */
export function netSentiment(positive: number, negative: number): number {
  const polar = positive + negative;
  return polar === 0 ? 0 : round1(((positive - negative) / polar) * 100);
}

/**
 * Misogyny rate: posts flagged as misogynistic / posts analysed in Spanish or English × 100.
 * Flagged = about sexism and sexist itself (intention `direct`); reporting or condemning sexism is not.
 * The denominator excludes posts in other languages, which are not classified.
 */
export function rate(flagged: number, analysed: number): number {
  return analysed === 0 ? 0 : round1((flagged / analysed) * 100);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Percentage change from previous to current; null when previous is 0. */
export function changePercent(current: number, previous: number): number | null {
  return previous === 0 ? null : round1(((current - previous) / previous) * 100);
}
