import { describe, expect, it } from 'vitest';
import { HttpStatusError, MalformedResponseError, OfflineError, RateLimitedError } from '../../../workers/collectors/errors.js';
import { HttpClient, rateLimitWaitMs } from '../../../workers/collectors/http.js';

const NOW = Date.parse('2026-11-02T12:00:00Z');

function client(responses: (Response | Error)[], random = 0.5) {
  const sleeps: number[] = [];
  let now = NOW;
  const calls: string[] = [];
  const http = new HttpClient(
    {
      fetch: async (input) => {
        calls.push(String(input));
        const next = responses.shift();
        if (!next) throw new Error('no more responses');
        if (next instanceof Error) throw next;
        return next;
      },
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      now: () => now,
      random: () => random,
    },
    { attempts: 3, baseDelayMs: 1_000 },
  );
  return { http, sleeps, calls };
}

const json = (body: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(body), init);
const networkError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

describe('rateLimitWaitMs', () => {
  it.each([
    [{ 'retry-after': '120' }, 120_000],
    [{ 'retry-after': 'Mon, 02 Nov 2026 12:05:00 GMT' }, 300_000],
    [{ 'x-ratelimit-reset': '42.5' }, 42_500],
    [{ 'x-rate-limit-reset': String(NOW / 1000 + 900) }, 900_000],
    [{}, null],
  ])('%o → %s ms', (headers, expected) => {
    expect(rateLimitWaitMs(new Headers(headers as Record<string, string>), NOW)).toBe(expected);
  });
});

describe('HttpClient', () => {
  it('backs off exponentially with jitter on 5xx, then succeeds', async () => {
    const { http, sleeps } = client([new Response('', { status: 502 }), new Response('', { status: 503 }), json({ ok: true })], 0.9);
    const response = await http.json({ platform: 'mastodon', url: 'http://h/x' });
    expect(response.data).toEqual({ ok: true });
    expect(sleeps).toEqual([1_400, 2_800]);
  });

  it('gives up after the attempts with the status in the message', async () => {
    const { http } = client([new Response('', { status: 500 }), new Response('', { status: 500 }), new Response('', { status: 500 })]);
    await expect(http.json({ platform: 'reddit', url: 'http://h/x' })).rejects.toThrow(
      new HttpStatusError('reddit', 500, '', 3),
    );
  });

  it('does not retry a 401 and names the credential', async () => {
    const { http, calls } = client([json({ detail: 'Unauthorized' }, { status: 401 })]);
    const error = await http.json({ platform: 'x', url: 'http://h/x', credentialNoun: { es: 'el token', en: 'token' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).userMessage).toBe('X rechazó el token: 401 (token rejected by X) — Unauthorized');
    expect(calls).toHaveLength(1);
  });

  it('waits out a short 429 without using an attempt, ends the run on a long one', async () => {
    const short = client([new Response('', { status: 429, headers: { 'retry-after': '5' } }), json([])]);
    await short.http.json({ platform: 'mastodon', url: 'http://h/x' });
    expect(short.sleeps).toEqual([5_000]);

    const long = client([new Response('', { status: 429, headers: { 'retry-after': '3600' } })]);
    const error = await long.http.json({ platform: 'mastodon', url: 'http://h/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resumeAt.toISOString()).toBe('2026-11-02T13:00:00.000Z');
    expect(long.sleeps).toEqual([]);
  });

  it.each(['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN'])('is offline on %s at once, without retrying', async (code) => {
    const { http, calls } = client([networkError(code)]);
    const error = await http.text({ platform: 'rss', url: 'https://news.google.com/rss' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineError);
    expect((error as OfflineError).status).toBe('offline');
    expect((error as OfflineError).userMessage).toBe(`sin conexión: no se pudo contactar news.google.com (${code})`);
    expect(calls).toHaveLength(1);
  });

  it('retries timeouts and unreadable bodies', async () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const { http, sleeps } = client([timeout, new Response('{"trunc'), json([1])]);
    expect((await http.json({ platform: 'mastodon', url: 'http://h/x' })).data).toEqual([1]);
    expect(sleeps).toHaveLength(2);
    const bad = client([new Response('{'), new Response('{'), new Response('{')]);
    await expect(bad.http.json({ platform: 'mastodon', url: 'http://h/x' })).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('hands back statuses the caller accepts (304)', async () => {
    const { http } = client([new Response(null, { status: 304 })]);
    expect((await http.parsed({ platform: 'rss', url: 'http://h/f', accept: [304] }, () => 'parsed')).status).toBe(304);
  });
});
