import { describe, expect, it } from 'vitest';
import { BlockedHostError, HttpClient } from '../../../workers/collectors/http.js';

/** The collectors' HTTP client with `blockPrivateAddresses`: user-given base URLs stay public. */
function client(
  responses: Response[],
  addresses: Record<string, string[]>,
  blockPrivateAddresses = true,
) {
  const calls: { url: string; method: string; redirect: string; headers: Record<string, string> }[] = [];
  const http = new HttpClient(
    {
      fetch: async (input, init) => {
        calls.push({ url: String(input), method: init?.method ?? 'GET', redirect: String(init?.redirect), headers: { ...(init?.headers as Record<string, string>) } });
        const next = responses.shift();
        if (!next) throw new Error('no more responses');
        return next;
      },
      sleep: async () => {},
      resolve: async (host) => addresses[host] ?? ['93.184.215.14'],
    },
    { attempts: 2, blockPrivateAddresses },
  );
  return { http, calls };
}

const redirect = (location: string, status = 302) =>
  new Response(null, { status, headers: { location } });

describe('HttpClient private-address guard', () => {
  it('refuses a host that resolves to a private address, without fetching or retrying', async () => {
    const { http, calls } = client([new Response('ok')], { 'feeds.example.org': ['10.0.0.9'] });
    const run = http.text({ platform: 'rss', url: 'https://feeds.example.org/rss' });
    await expect(run).rejects.toBeInstanceOf(BlockedHostError);
    await expect(run).rejects.toMatchObject({ code: 'COLLECT_BLOCKED_HOST' });
    await expect(run).rejects.toThrow(/red privada.*ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true/);
    expect(calls).toEqual([]);
  });

  it('refuses internal IP literals and metadata names', async () => {
    const { http } = client([], {});
    await expect(
      http.text({ platform: 'mastodon', url: 'http://169.254.169.254/api/v1/timelines/tag/x' }),
    ).rejects.toThrow(/metadatos/);
    await expect(http.text({ platform: 'rss', url: 'http://[::1]:8080/feed' })).rejects.toThrow(
      /bucle local/,
    );
  });

  it('checks every redirect hop itself', async () => {
    const { http, calls } = client(
      [redirect('https://cdn.example.org/feed'), redirect('http://127.0.0.1:9000/admin')],
      {},
    );
    await expect(http.text({ platform: 'rss', url: 'https://feeds.example.org/rss' })).rejects.toThrow(
      BlockedHostError,
    );
    expect(calls.map((c) => [c.url, c.redirect])).toEqual([
      ['https://feeds.example.org/rss', 'manual'],
      ['https://cdn.example.org/feed', 'manual'],
    ]);
  });

  it('sends credentials to the same origin only when it follows a redirect', async () => {
    const { http, calls } = client([redirect('/v2/search', 301), redirect('https://cdn.example.org/x'), new Response('{}')], {});
    await http.text({ platform: 'x', url: 'https://api.example.org/v1/search', headers: { authorization: 'Bearer secret', accept: 'application/json' } });
    expect(calls.map((c) => c.headers.authorization ?? null)).toEqual(['Bearer secret', 'Bearer secret', null]);
    expect(calls[2]!.headers.accept).toBe('application/json');
  });

  it('follows public redirects and reports the final URL', async () => {
    const { http } = client([redirect('/moved', 301), new Response('<rss/>')], {});
    const res = await http.text({ platform: 'rss', url: 'https://feeds.example.org/rss' });
    expect(res).toMatchObject({ status: 200, url: 'https://feeds.example.org/moved', body: '<rss/>' });
  });

  it('without the guard (the opt-out, and the default) fetches as before', async () => {
    const { http, calls } = client([new Response('ok')], { 'feeds.example.org': ['10.0.0.9'] }, false);
    await expect(http.text({ platform: 'rss', url: 'http://127.0.0.1:9000/feed' })).resolves.toMatchObject({
      body: 'ok',
    });
    expect(calls[0]!.redirect).toBe('follow');
  });
});
