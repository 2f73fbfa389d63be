import { deliverBrief } from '../brief/deliver.js';
import { briefId, produceBrief } from '../brief/generate.js';
import { parseBriefEditions } from '../brief/schedule.js';
import { lastCompleteWeek, weekProblem, weekProblemText } from '../../models/iso-week.js';
import type { Processor } from '../jobs.js';

/** Settings key recording that a brief was delivered (so a retry or a re-run does not resend it). */
export const deliveredKey = (id: string) => `brief.delivered.${id}`;

/**
 * The weekly brief: every edition (ESCUCHA_BRIEF_EDITIONS, by default the regional brief in
 * Spanish and Belize's in English) of `week` (default: the last complete week) is generated,
 * stored and delivered once. An edition already stored and delivered is skipped, so a duplicated
 * or retried job does nothing twice, unless `regenerate` asks for it again: it then replaces the
 * stored PDF but is not sent a second time. A failed delivery throws and the retry regenerates
 * and resends only what was not delivered. A new installation that has stored no post yet gets no
 * brief: an empty PDF in the decision-makers' inbox would only teach them to ignore it. A week
 * that does not exist or has not started (the API and the CLI refuse them; a hand-made job may
 * not) is skipped with a warning rather than failed and retried: retrying cannot fix it.
 */
export const brief: Processor<'brief'> = async (data, { store, config, logger }) => {
  const week = data.week ?? lastCompleteWeek(new Date());
  const problem = weekProblem(week);
  if (problem) {
    logger.warn({ week, problem }, `informe semanal omitido: ${weekProblemText(week, problem)}`);
    return { status: 'skipped', detail: { week, reason: `invalid week (${problem})` } };
  }
  if ((await store.posts.count()) === 0) {
    logger.info({ week }, 'informe semanal omitido: todavía no hay publicaciones');
    return { status: 'skipped', detail: { week, reason: 'no posts stored yet' } };
  }
  // A brief of one's own scope (asked for in the dashboard) is stored, never sent.
  const custom = data.edition !== undefined;
  const editions = data.edition ? [data.edition] : parseBriefEditions(config.briefEditions);
  const stored = new Set((await store.briefs.list()).map((b) => b.id));
  const produced: string[] = [];
  for (const edition of editions) {
    const request = { week, ...edition };
    const id = briefId(request);
    const delivered = stored.has(id) && (custom || Boolean(await store.settings.get<string>(deliveredKey(id))));
    if (delivered && !data.regenerate) continue;
    const result = await produceBrief(store, request);
    logger.info({ brief: id, pages: result.pages, bytes: result.brief.bytes }, delivered ? 'informe semanal regenerado' : 'informe semanal generado');
    if (!delivered && !custom) {
      await deliverBrief(result, config, logger);
      await store.settings.set(deliveredKey(id), new Date().toISOString());
    }
    produced.push(id);
  }
  if (produced.length === 0) return { status: 'skipped', detail: { week, reason: 'already produced' } };
  return { status: 'success', detail: { week, briefs: produced } };
};
