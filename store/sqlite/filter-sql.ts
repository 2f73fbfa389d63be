import { filterRange, type PostFilter } from '../../models/filter.js';

export interface SqlClause {
  where: string;
  params: unknown[];
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** WHERE clause over `posts` (aliased `p`) for enriched posts matching a filter. */
export function postFilterSql(filter: PostFilter, range = filterRange(filter)): SqlClause {
  const where = ['p.analyzer_version IS NOT NULL', 'p.created_ms >= ?', 'p.created_ms < ?'];
  const params: unknown[] = [range.start, range.end];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    where.push(`${column} IN (${placeholders(values)})`);
    params.push(...values);
  };
  // `+` keeps the planner on the covering range index (filtering country from it) rather than
  // posts_country_created, which would read every matching post's (large) row.
  inList('+p.country', filter.country);
  inList('p.platform', filter.platform);
  inList('p.lang', filter.lang);
  if (filter.topic.length > 0) {
    where.push(
      `EXISTS (SELECT 1 FROM post_topics t WHERE t.post_rowid = p.rowid AND t.topic IN (${placeholders(filter.topic)}))`,
    );
    params.push(...filter.topic);
  }
  if (filter.campaign.length > 0) {
    where.push(
      `EXISTS (SELECT 1 FROM post_campaigns c WHERE c.post_rowid = p.rowid AND c.campaign IN (${placeholders(filter.campaign)}))`,
    );
    params.push(...filter.campaign);
  }
  return { where: where.join(' AND '), params };
}

/** The per-author inner aggregate shared by KPIs, series and rollups (see models/metrics.ts). */
export const AUTHOR_AGGREGATE = `
  COUNT(*) AS posts,
  SUM(p.lang <> 'other') AS analysed,
  SUM(p.interactions) AS interactions,
  MAX(p.followers) AS followers,
  SUM(p.views) AS impressions,
  SUM(p.sentiment = 'P') AS sentimentP,
  SUM(p.sentiment = 'NEU') AS sentimentNeu,
  SUM(p.sentiment = 'N') AS sentimentN,
  SUM(p.emotion = 'anger') AS emotionAnger,
  SUM(p.emotion = 'disgust') AS emotionDisgust,
  SUM(p.emotion = 'fear') AS emotionFear,
  SUM(p.emotion = 'joy') AS emotionJoy,
  SUM(p.emotion = 'sadness') AS emotionSadness,
  SUM(p.emotion = 'surprise') AS emotionSurprise,
  SUM(p.emotion = 'others') AS emotionOthers,
  SUM(p.misogyny) AS misogyny,
  SUM(p.hate) AS hate`;

/** The outer aggregate over per-author rows: authors are the rows, reach sums their followers. */
export const METRIC_TOTALS = `
  COALESCE(SUM(posts), 0) AS posts,
  COALESCE(SUM(analysed), 0) AS analysed,
  COUNT(*) AS authors,
  COALESCE(SUM(interactions), 0) AS interactions,
  COALESCE(SUM(followers), 0) AS potentialReach,
  COALESCE(SUM(impressions), 0) AS impressions,
  COALESCE(SUM(sentimentP), 0) AS sentimentP,
  COALESCE(SUM(sentimentNeu), 0) AS sentimentNeu,
  COALESCE(SUM(sentimentN), 0) AS sentimentN,
  COALESCE(SUM(emotionAnger), 0) AS emotionAnger,
  COALESCE(SUM(emotionDisgust), 0) AS emotionDisgust,
  COALESCE(SUM(emotionFear), 0) AS emotionFear,
  COALESCE(SUM(emotionJoy), 0) AS emotionJoy,
  COALESCE(SUM(emotionSadness), 0) AS emotionSadness,
  COALESCE(SUM(emotionSurprise), 0) AS emotionSurprise,
  COALESCE(SUM(emotionOthers), 0) AS emotionOthers,
  COALESCE(SUM(misogyny), 0) AS misogyny,
  COALESCE(SUM(hate), 0) AS hate`;

