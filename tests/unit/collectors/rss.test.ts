import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pseudonymize } from '../../../models/pseudonym.js';
import { feedItemToPost, feedUrl, parseFeed } from '../../../workers/collectors/rss.js';

const read = (name: string) => readFileSync(new URL(`../../fixtures/rss/${name}`, import.meta.url), 'utf8');
const context = { secret: 'unit-secret-0123456789', now: new Date('2026-11-02T12:30:00Z'), queryId: 'news-gt' };

describe('rss collector: feed → Posts', () => {
  it('maps Google News items as media mentions by their outlet', () => {
    const { items, ...feed } = parseFeed(read('google-news-gt.xml'));
    expect(items).toHaveLength(4);
    const result = feedItemToPost(items[0]!, feed, context);
    if (!('post' in result)) throw new Error(result.rejected.reason);
    expect(result.post).toMatchObject({
      platform: 'rss',
      externalId: 'CBMiVmh0dHBzOi8vd3d3LnByZW5zYWxpYnJlLmNvbS9ndWF0ZW1hbGEvanVzdGljaWEvZmVtaWNpZGlvLW1peGNvLw',
      lang: 'es',
      createdAt: '2026-11-02T10:15:00.000Z',
      author: { handle: 'prensalibre.com', name: 'Prensa Libre', followers: null },
      metrics: { likes: 0, views: null, observedAt: '2026-11-02T12:30:00.000Z' },
      source: { kind: 'rss', queryId: 'news-gt' },
    });
    expect(result.post.text).toBe('Capturan a presunto responsable de femicidio en Mixco - Prensa Libre');
    expect(result.post.author.id).toBe(pseudonymize(context.secret, 'rss', 'https://www.prensalibre.com'));
  });

  it('rejects an item without a date, with the reason', () => {
    const { items, ...feed } = parseFeed(read('google-news-gt.xml'));
    expect(feedItemToPost(items[2]!, feed, context)).toEqual({
      rejected: { reason: 'item without a readable date (pubDate/published/updated)', externalId: 'CBMiSINFECHA' },
    });
  });

  it('reads Atom entries: alternate link, published date with offset, summary HTML', () => {
    const { items, ...feed } = parseFeed(read('atom-outlet.xml'));
    expect(feed).toMatchObject({ title: 'Amandala — Crime', link: 'https://amandala.com.bz/news/', language: 'en' });
    const result = feedItemToPost(items[0]!, feed, context);
    if (!('post' in result)) throw new Error(result.rejected.reason);
    expect(result.post).toMatchObject({
      externalId: 'https://amandala.com.bz/news/?p=88123',
      url: 'https://amandala.com.bz/news/police-investigate-murder-woman/',
      createdAt: '2026-11-02T14:30:00.000Z',
      lang: 'en',
      hashtags: ['JusticeForHer'],
      author: { name: 'Amandala Staff', handle: 'amandala.com.bz' },
    });
  });

  it.each([
    ['truncated.xml', /XML inválido/],
    ['not-a-feed.html', /no es un feed RSS ni Atom|XML inválido/],
  ])('refuses %s as a whole page', (name, error) => {
    expect(() => parseFeed(read(name))).toThrow(error);
  });

  it('points a feed at another origin when the source has a base URL', () => {
    const query = { channel: 'https://news.google.com/rss/search?q=femicidio&hl=es-419&gl=GT&ceid=GT:es-419' };
    expect(feedUrl({ baseUrl: 'http://127.0.0.1:9999', query } as never)).toBe(
      'http://127.0.0.1:9999/rss/search?q=femicidio&hl=es-419&gl=GT&ceid=GT:es-419',
    );
    expect(feedUrl({ baseUrl: null, query } as never)).toBe(query.channel);
  });
});
