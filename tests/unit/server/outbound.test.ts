import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BlockedAddressError,
  blockedAddress,
  blockedUrl,
  guardedLookup,
  postJson,
  type Resolve,
} from '../../../app/outbound.js';

/** A resolver that answers every name with these addresses (no real DNS). */
const resolvesTo =
  (...addresses: string[]): Resolve =>
  (_host, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('blockedAddress / blockedUrl', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fdff:ffff::1', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['ff02::1', 'reserved'],
  ])('%s is %s', (address, target) => {
    expect(blockedAddress(address)).toBe(target);
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(blockedAddress(address)).toBeNull();
    },
  );

  it.each([
    ['http://169.254.169.254/latest/meta-data', 'metadata'],
    ['http://0x7f.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://LOCALHOST./x', 'loopback'],
    ['http://api.localhost/x', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fe80::1%25eth0]/', 'scheme'], // zone ids are not valid in URLs
    ['http://metadata.google.internal/', 'metadata'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.org/', 'scheme'],
    ['not a url', 'scheme'],
  ])('%s is refused (%s)', (url, target) => {
    expect(blockedUrl(url)).toBe(target);
  });

  it('leaves host names to delivery (DNS) and accepts public addresses', () => {
    expect(blockedUrl('https://hooks.example.org/escucha')).toBeNull();
    expect(blockedUrl('http://8.8.8.8/')).toBeNull();
  });
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to a private address, even among public ones', async () => {
    const lookup = guardedLookup(resolvesTo('93.184.215.14', '10.0.0.5'));
    const error = await new Promise((resolve) =>
      lookup('hooks.example.org', { all: true }, (err) => resolve(err)),
    );
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error).toMatchObject({ host: 'hooks.example.org', address: '10.0.0.5', target: 'private' });
  });

  it('passes public addresses through, in both callback shapes', async () => {
    const lookup = guardedLookup(resolvesTo('93.184.215.14'));
    const all = await new Promise((resolve) =>
      lookup('hooks.example.org', { all: true }, (err, list) => resolve([err, list])),
    );
    expect(all).toEqual([null, [{ address: '93.184.215.14', family: 4 }]]);
    const one = await new Promise((resolve) =>
      lookup('hooks.example.org', {}, (err, address, family) => resolve([err, address, family])),
    );
    expect(one).toEqual([null, '93.184.215.14', 4]);
  });
});

describe('postJson', () => {
  let server: Server | undefined;
  let hits: string[] = [];
  afterEach(() => {
    server?.close();
    server = undefined;
    hits = [];
  });
  async function listen(answer: (res: import('node:http').ServerResponse) => void) {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => answer(res));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('refuses, after DNS, a host name that resolves to loopback: nothing is sent', async () => {
    const port = await listen((res) => res.writeHead(204).end());
    const sending = postJson(
      `http://hooks.example.test:${port}/hook`,
      { a: 1 },
      { timeoutMs: 2_000, allowPrivate: false, resolve: resolvesTo('127.0.0.1') },
    );
    await expect(sending).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(sending).rejects.toMatchObject({ target: 'loopback', address: '127.0.0.1' });
    expect(hits).toEqual([]);
  });

  it('refuses an internal IP literal without resolving anything', async () => {
    await expect(
      postJson('http://169.254.169.254/latest/meta-data', {}, { timeoutMs: 2_000, allowPrivate: false }),
    ).rejects.toMatchObject({ target: 'metadata' });
  });

  it('delivers to an internal receiver with the opt-out, and never follows redirects', async () => {
    const port = await listen((res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end(),
    );
    const status = await postJson(
      `http://hooks.example.test:${port}/hook`,
      { a: 1 },
      { timeoutMs: 2_000, allowPrivate: true, resolve: resolvesTo('127.0.0.1') },
    );
    expect(status).toBe(302);
    expect(hits).toEqual(['POST /hook']);
  });

  it('never sends to a non-http scheme, even with the opt-out', async () => {
    await expect(
      postJson('file:///etc/passwd', {}, { timeoutMs: 2_000, allowPrivate: true }),
    ).rejects.toMatchObject({ target: 'scheme' });
  });
});
