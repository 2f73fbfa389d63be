import WebSocket from 'ws';
import type { Source } from '../../models/source.js';
import { bskyRecordToPost, facetEntities, FeedPostRecord } from './bluesky-record.js';
import { CollectorError, OfflineError } from './errors.js';
import { hostOf } from './http.js';
import { compileQuery, PageBuilder } from './mapping.js';
import type { CollectorContext, CollectorCursor, Page } from './types.js';

export const JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';
const POST_COLLECTION = 'app.bsky.feed.post';
/** A resumed stream whose first event is this much later than the cursor skipped a period. */
const GAP_THRESHOLD_US = 10 * 60 * 1_000_000;

/** A Jetstream commit event (github.com/bluesky-social/jetstream, "Example events"). */
interface JetstreamEvent {
  did?: unknown;
  time_us?: unknown;
  kind?: unknown;
  commit?: { operation?: unknown; collection?: unknown; rkey?: unknown; record?: unknown };
}

/**
 * One bounded pass over Jetstream: connects with `wantedCollections=app.bsky.feed.post` (and
 * `cursor` when resuming), reads for `ctx.stream.ms` or `ctx.stream.events` events, keeps new
 * posts that match the query, and returns the last `time_us` seen as the cursor. The loop
 * stores the posts before it saves that cursor, so a crash replays the pass.
 */
export async function jetstreamPass(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
  const url = new URL(/^wss?:\/\//.test(source.baseUrl ?? '') ? source.baseUrl! : JETSTREAM_URL);
  url.searchParams.set('wantedCollections', POST_COLLECTION);
  const resumeFrom = typeof stored?.timeUs === 'number' ? stored.timeUs : null;
  if (resumeFrom !== null) url.searchParams.set('cursor', String(resumeFrom));
  const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
  const page = new PageBuilder();
  let lastTimeUs = resumeFrom;
  let firstTimeUs: number | null = null;
  let events = 0;
  const matches = compileQuery(source.query);

  const onMessage = (data: WebSocket.RawData): boolean => {
    events++;
    let event: JetstreamEvent;
    try {
      event = JSON.parse(data.toString()) as JetstreamEvent;
    } catch {
      page.reject('evento de Jetstream ilegible (malformed event JSON)');
      return events < ctx.stream.events;
    }
    if (typeof event.time_us === 'number') {
      firstTimeUs ??= event.time_us;
      lastTimeUs = Math.max(lastTimeUs ?? 0, event.time_us);
    }
    const commit = event.commit;
    if (event.kind !== 'commit' || commit?.operation !== 'create' || commit.collection !== POST_COLLECTION) {
      return events < ctx.stream.events;
    }
    const record = FeedPostRecord.safeParse(commit.record);
    const candidate = record.success ? { text: record.data.text, hashtags: facetEntities(record.data).hashtags, langs: record.data.langs ?? [] } : null;
    if (candidate && !matches(candidate)) return events < ctx.stream.events;
    if (typeof event.did !== 'string' || typeof commit.rkey !== 'string') {
      page.reject('evento sin did o rkey (event without did or rkey)');
    } else {
      const uri = `at://${event.did}/${POST_COLLECTION}/${commit.rkey}`;
      page.add(bskyRecordToPost({ uri, did: event.did, handle: null, name: null, record: commit.record }, context));
    }
    return page.items.length < ctx.remaining && events < ctx.stream.events;
  };

  await new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: Math.min(ctx.stream.ms, 15_000), headers: { 'user-agent': ctx.http.policy.userAgent } });
    let opened = false;
    const finish = () => {
      clearTimeout(timer);
      socket.removeAllListeners('message');
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate();
      resolve();
    };
    const timer = setTimeout(finish, ctx.stream.ms);
    socket.on('open', () => {
      opened = true;
    });
    socket.on('message', (data) => {
      if (!onMessage(data)) finish();
    });
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.removeAllListeners('message');
      if (opened) return resolve();
      const code = error.code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
      if (code && ['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code)) {
        reject(new OfflineError(hostOf(url.toString()), code));
      } else {
        reject(new CollectorError(`Jetstream de Bluesky no aceptó la conexión: ${error.message} (connection failed)`, 'COLLECT_STREAM'));
      }
    });
  });

  const gap =
    resumeFrom !== null && firstTimeUs !== null && firstTimeUs - resumeFrom > GAP_THRESHOLD_US
      ? {
          from: new Date(resumeFrom / 1000).toISOString(),
          to: new Date(firstTimeUs / 1000).toISOString(),
          reason: 'Jetstream ya no conservaba esos eventos (outside Jetstream retention)',
        }
      : undefined;
  return {
    items: page.items,
    rejected: page.rejected,
    nextCursor: lastTimeUs === null ? stored : { timeUs: lastTimeUs },
    done: true,
    ...(gap ? { gap } : {}),
  };
}
