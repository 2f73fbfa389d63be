import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../../app/errors.js';
import type { Platform } from '../../models/common.js';
import { Source, SourceInput, SourceQuery, type SourceRun } from '../../models/source.js';
import type { Store } from '../../models/store.js';
import { collectorFor, COLLECTOR_KINDS } from './index.js';

/** Runs kept on a source (the model's bound). */
export const MAX_RUNS = 50;
/** Gaps kept on a source (the model's bound). */
export const MAX_GAPS = 200;

/**
 * Validates a listening source and completes it into a fresh record (idle, no cursor). Shared
 * by the CLI and the HTTP routes. Throws ValidationError naming the field and the fix.
 */
export function buildSource(input: SourceInput, now: Date): Source {
  const parsed = SourceInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError(`${issue.path.join('.') || 'source'}: ${issue.message}`, parsed.error.issues);
  }
  const value = parsed.data;
  const collector = collectorFor(value.kind);
  if (!collector) {
    throw new ValidationError(
      `no hay recolector para "${value.kind}" (no collector for ${value.kind}); use one of ${COLLECTOR_KINDS.join(', ')} or "escucha import"`,
    );
  }
  const problems = collector.validate(value.query);
  if (problems.length > 0) throw new ValidationError(problems.join('; '));
  const at = now.toISOString();
  return Source.parse({
    ...value,
    cursor: null,
    status: value.enabled ? 'idle' : 'paused',
    lastRunAt: null,
    lastSuccessAt: null,
    lastError: null,
    runs: [],
    gaps: [],
    quotaUsed: 0,
    createdAt: at,
    updatedAt: at,
  });
}

/** Adds a new source; ConflictError when the id is taken. */
export async function addSource(store: Store, input: SourceInput, now = new Date()): Promise<Source> {
  const source = buildSource(input, now);
  if (await store.sources.get(source.id)) throw new ConflictError(`ya existe una fuente "${source.id}" (source exists)`);
  await store.sources.save(source);
  return source;
}

/**
 * Changes what a source listens to or how often, keeping its history. A changed query or base
 * URL drops the cursor, since the old resume point belongs to another listing.
 */
export async function updateSource(
  store: Store,
  id: string,
  changes: Partial<Omit<SourceInput, 'id' | 'kind'>>,
  now = new Date(),
): Promise<Source> {
  const current = await store.sources.get(id);
  if (!current) throw new NotFoundError(`no existe la fuente "${id}" (no such source)`);
  const next = buildSource({ ...current, ...changes, id: current.id, kind: current.kind }, now);
  const sameListing =
    JSON.stringify(next.query) === JSON.stringify(current.query) && next.baseUrl === current.baseUrl;
  const updated: Source = {
    ...current,
    ...next,
    cursor: sameListing ? current.cursor : null,
    status: next.enabled ? (current.status === 'paused' ? 'idle' : current.status) : 'paused',
    lastRunAt: current.lastRunAt,
    lastSuccessAt: current.lastSuccessAt,
    lastError: current.lastError,
    runs: current.runs,
    gaps: current.gaps,
    quotaUsed: current.quotaUsed,
    createdAt: current.createdAt,
    updatedAt: now.toISOString(),
  };
  await store.sources.save(updated);
  return updated;
}

/** The id of the source `escucha collect` creates for a query: the same query reuses it. */
export function adHocSourceId(kind: Platform, query: SourceQuery, baseUrl: string | null): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ kind, query: SourceQuery.parse(query), baseUrl }))
    .digest('hex')
    .slice(0, 12);
  return `cli-${kind}-${hash}`;
}

/** A short human description of the query, for names and listings. */
export function describeQuery(query: SourceQuery): string {
  const parts = [
    ...query.hashtags.map((tag) => `#${tag.replace(/^#/, '')}`),
    ...query.keywords.map((word) => (word.includes(' ') ? `"${word}"` : word)),
    ...query.handles.map((handle) => `@${handle.replace(/^@/, '')}`),
    ...(query.channel ? [query.channel] : []),
  ];
  const text = parts.join(' ') || '(todo)';
  return text.length > 180 ? `${text.slice(0, 177)}...` : text;
}

/** Appends a run, keeping the newest MAX_RUNS. */
export function withRun(runs: readonly SourceRun[], run: SourceRun): SourceRun[] {
  return [...runs, run].slice(-MAX_RUNS);
}
