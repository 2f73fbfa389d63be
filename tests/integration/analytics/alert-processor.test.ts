import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertRule } from '../../../models/alert.js';
import type { Store } from '../../../models/store.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import type { ProcessorContext } from '../../../workers/jobs.js';
import { alert } from '../../../workers/processors/alert.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

const H = 3_600_000;
const NOW = Date.parse('2026-11-28T14:30:00Z');
const CURRENT_HOUR = NOW - (NOW % H);

/** Posts per hour over 30 days for Honduras: `perHour(hourMs)` of them flagged misogynistic. */
async function seedHours(store: Store, perHour: (hourMs: number) => number) {
  const posts = [];
  const facts = [];
  for (let hour = CURRENT_HOUR - 30 * 24 * H; hour <= CURRENT_HOUR; hour += H) {
    const n = perHour(hour);
    for (let i = 0; i < n; i++) {
      const externalId = `${hour}-${i}`;
      posts.push(
        makePost({
          externalId,
          createdAt: new Date(hour + i * 1000).toISOString(),
          author: {
            id: `a${i}`,
            handle: null,
            name: null,
            followers: 10,
            verified: false,
            location: null,
          },
        }),
      );
      facts.push({
        id: `mastodon:${externalId}`,
        enrichment: makeEnrichment({ country: 'HN', misogyny: true, topics: ['desapariciones'] }),
      });
    }
  }
  await store.posts.upsert(posts);
  await store.posts.saveEnrichments(facts);
  await store.rollups.recompute(await store.rollups.dirtyBuckets(100_000));
}

/** 4–6 posts an hour, varying by hour of day: a flat, seasonal history. */
const usual = (hourMs: number) => 4 + ((hourMs / H) % 3);

describe('alert processor', () => {
  let store: Store;
  let context: ProcessorContext;
  const rule = (overrides: Partial<AlertRule> = {}) =>
    AlertRule.parse({
      id: 'hn-misoginia',
      name: 'Misoginia en Honduras',
      metric: 'misogyny',
      country: 'HN',
      granularity: 'hour',
      minVolume: 10,
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
      ...overrides,
    });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    store = createSqliteStore(':memory:');
    context = { store, logger: pino({ level: 'silent' }) } as unknown as ProcessorContext;
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
  });

  it('stays quiet on a flat series', async () => {
    await seedHours(store, usual);
    await store.alerts.saveRule(rule());
    expect(await alert({}, context)).toMatchObject({ status: 'success', detail: { fired: 0 } });
    expect(await store.alerts.list(10)).toEqual([]);
  });

  it('fires once on an injected spike, in Spanish, and not again while it lasts', async () => {
    await seedHours(store, (hour) => (hour === CURRENT_HOUR - H ? 40 : usual(hour)));
    await store.alerts.saveRule(rule());
    await store.alerts.saveRule(rule({ id: 'apagada', enabled: false }));
    expect(await alert({}, context)).toMatchObject({ detail: { rules: 1, fired: 1 } });
    const [fired] = await store.alerts.list(10);
    expect(fired).toMatchObject({
      ruleId: 'hn-misoginia',
      bucket: new Date(CURRENT_HOUR - H).toISOString(),
      observed: 40,
      expected: 5,
      severity: 'high',
      // The rule as it was when the alert fired, so any reader's language can word it.
      scope: { metric: 'misogyny', granularity: 'hour', country: 'HN', platform: null, topic: null, campaign: null },
    });
    expect(fired!.message).toMatch(
      /^Alerta grave: pico de publicaciones misóginas en Honduras: 40 en la hora del 28\/11 a las 13:00 UTC, cuando lo habitual es 5/,
    );
    expect(await alert({}, context)).toMatchObject({ detail: { fired: 0 } });
    // The spike goes on in the current hour: the cool-down keeps the rule quiet.
    await seedHours(store, (hour) => (hour === CURRENT_HOUR ? 60 : 0));
    vi.setSystemTime(NOW + 20 * 60_000);
    expect(await alert({}, context)).toMatchObject({ detail: { fired: 0 } });
    expect(await store.alerts.list(10)).toHaveLength(1);
  });

  it('posts the alert to the rule webhook and marks it delivered', async () => {
    // The receiver listens on 127.0.0.1: only an on-premise opt-out allows that (SSRF guard).
    context = { ...context, config: { allowPrivateWebhooks: true } } as unknown as ProcessorContext;
    const received: unknown[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await seedHours(store, (hour) => (hour === CURRENT_HOUR - H ? 40 : usual(hour)));
      await store.alerts.saveRule(rule({ webhookUrl: `http://127.0.0.1:${port}/hook` }));
      expect(await alert({}, context)).toMatchObject({ detail: { fired: 1, delivered: 1 } });
      expect(received).toMatchObject([
        { alert: { ruleId: 'hn-misoginia', observed: 40 }, rule: { id: 'hn-misoginia' } },
      ]);
      expect((await store.alerts.list(1))[0]!.delivered).toBe(true);
    } finally {
      server.close();
    }
  });

  it('does not deliver to a loopback or private webhook without the opt-out', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await seedHours(store, (hour) => (hour === CURRENT_HOUR - H ? 40 : usual(hour)));
      // A rule saved before the API refused such URLs (or written to the store directly).
      await store.alerts.saveRule(rule({ webhookUrl: `http://127.0.0.1:${port}/hook` }));
      await store.alerts.saveRule(
        rule({ id: 'metadatos', webhookUrl: 'http://169.254.169.254/latest/meta-data' }),
      );
      context = { ...context, config: { allowPrivateWebhooks: false } } as unknown as ProcessorContext;
      expect(await alert({}, context)).toMatchObject({ detail: { fired: 2, delivered: 0 } });
      expect(hits).toBe(0);
      expect((await store.alerts.list(10)).map((a) => a.delivered)).toEqual([false, false]);
    } finally {
      server.close();
    }
  });
});
