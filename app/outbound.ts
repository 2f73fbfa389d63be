import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { EscuchaError } from './errors.js';

/**
 * Guards the requests the server makes to URLs its users typed (alert webhooks, source base
 * URLs) against server-side request forgery: only http(s), and never to loopback, link-local,
 * private, unspecified, reserved or cloud-metadata addresses. The API refuses such URLs when they
 * are saved (`blockedUrl`, no DNS); deliveries check every address a host name resolves to, on
 * the connection itself (`guardedLookup`), so a name that resolves to 10.0.0.5 — or that changes
 * between the check and the request — is refused too. On-premise deployments whose receiver is
 * internal opt out with ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true (app/config.ts).
 */

/** Why a URL or address is refused. */
export type BlockedTarget =
  | 'scheme'
  | 'loopback'
  | 'link-local'
  | 'private'
  | 'unspecified'
  | 'metadata'
  | 'reserved';

/** Cloud metadata services: AWS/GCP/Azure/OpenStack, AWS over IPv6, Alibaba. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '100.100.100.200']);
const METADATA_IPV6 = [ipv6Bytes('fd00:ec2::254')!];
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog']);

/** IPv4 ranges refused, as [first octets, prefix length, why]. */
const IPV4_RANGES: [number, number, number, number, number, BlockedTarget][] = [
  [0, 0, 0, 0, 8, 'unspecified'],
  [10, 0, 0, 0, 8, 'private'],
  [100, 64, 0, 0, 10, 'private'], // shared address space (carrier-grade NAT)
  [127, 0, 0, 0, 8, 'loopback'],
  [169, 254, 0, 0, 16, 'link-local'],
  [172, 16, 0, 0, 12, 'private'],
  [192, 0, 0, 0, 24, 'reserved'],
  [192, 168, 0, 0, 16, 'private'],
  [198, 18, 0, 0, 15, 'reserved'],
  [224, 0, 0, 0, 4, 'reserved'], // multicast
  [240, 0, 0, 0, 4, 'reserved'], // reserved and broadcast
];

function ipv4Bytes(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** The 16 bytes of an IPv6 address (zone id dropped, embedded dotted quad allowed). */
function ipv6Bytes(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4Bytes(dotted[1]!);
    if (!v4) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, dotted.index)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const group = (s: string) => (s === '' ? [] : s.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const bytes: number[] = [];
  for (const g of [...head, ...Array<string>(missing).fill('0'), ...rest]) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes;
}

function inRange(bytes: number[], base: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

function blockedIpv4(bytes: number[]): BlockedTarget | null {
  if (METADATA_ADDRESSES.has(bytes.join('.'))) return 'metadata';
  for (const [a, b, c, d, prefix, why] of IPV4_RANGES) {
    if (inRange(bytes, [a, b, c, d], prefix)) return why;
  }
  return null;
}

/** Why connecting to this IP address is refused, or null when it is a public address. */
export function blockedAddress(address: string): BlockedTarget | null {
  const version = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (version === 4) return blockedIpv4(ipv4Bytes(address)!);
  if (version !== 6) return 'reserved';
  const bytes = ipv6Bytes(address);
  if (!bytes) return 'reserved';
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zero(0, 16)) return 'unspecified';
  if (zero(0, 15) && bytes[15] === 1) return 'loopback';
  if (METADATA_IPV6.some((m) => m.every((b, i) => b === bytes[i]))) return 'metadata';
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
  if (zero(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || zero(10, 12)))
    return blockedIpv4(bytes.slice(12));
  if (inRange(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96))
    return blockedIpv4(bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return blockedIpv4(bytes.slice(2, 6));
  if (inRange(bytes, [0xfe, 0x80], 10)) return 'link-local';
  if (inRange(bytes, [0xfe, 0xc0], 10)) return 'private'; // site-local (deprecated)
  if (inRange(bytes, [0xfc], 7)) return 'private'; // unique local
  if (bytes[0] === 0xff) return 'reserved'; // multicast
  return null;
}

/**
 * Why the server must not send requests to this URL, judged without DNS (the API's check), or
 * null. Host names are judged at delivery, on every address they resolve to.
 */
export function blockedUrl(raw: string): BlockedTarget | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'scheme';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  // WHATWG URL already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isIP(host)) return blockedAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (METADATA_HOSTS.has(host)) return 'metadata';
  return null;
}

/** A refused outbound request: the URL or an address its host resolved to is not public. */
export class BlockedAddressError extends EscuchaError {
  constructor(
    readonly host: string,
    readonly target: BlockedTarget,
    readonly address?: string,
  ) {
    super(
      `refused to connect to ${host}${address && address !== host ? ` (${address})` : ''}: ${target} address; set ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true if this receiver is internal on purpose`,
      'ESCUCHA_BLOCKED_ADDRESS',
      400,
    );
  }
}

/** How host names are resolved (dns.lookup; tests pass their own). */
export type Resolve = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net/http/https that resolves as usual and then refuses (BlockedAddressError)
 * when any address is not public, so the connection only ever goes to a checked address.
 */
export function guardedLookup(resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...(options as LookupOptions), all: true }, (error, list) => {
      if (error) return callback(error, '', 0);
      for (const { address } of list) {
        const target = blockedAddress(address);
        if (target) return callback(new BlockedAddressError(hostname, target, address), '', 0);
      }
      if (list.length === 0) {
        const missing = Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        return callback(missing, '', 0);
      }
      if ((options as LookupOptions).all) {
        (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, list);
      } else {
        callback(null, list[0]!.address, list[0]!.family);
      }
    });
  };
}

/** A plain lookup through `resolve` (allowPrivate with a test resolver). */
function plainLookup(resolve: Resolve): LookupFunction {
  return (hostname, options, callback) =>
    resolve(hostname, { ...(options as LookupOptions), all: true }, (error, list) => {
      if (error) return callback(error, '', 0);
      if ((options as LookupOptions).all) {
        (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, list);
      } else {
        callback(null, list[0]?.address ?? '', list[0]?.family ?? 4);
      }
    });
}

export interface PostOptions {
  timeoutMs: number;
  /** ESCUCHA_ALLOW_PRIVATE_WEBHOOKS: also deliver to loopback and private addresses. */
  allowPrivate: boolean;
  headers?: Record<string, string>;
  /** DNS resolution (default dns.lookup); tests make a name resolve to a private address. */
  resolve?: Resolve;
}

/**
 * POSTs a JSON body and resolves with the answer's status. Redirects are not followed (a 3xx is
 * just a status), and unless `allowPrivate`, the URL and every address its host resolves to
 * must be public (else rejects with BlockedAddressError, before any byte is sent).
 */
export function postJson(rawUrl: string, body: unknown, options: PostOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const blocked = blockedUrl(rawUrl);
    const url = new URL(rawUrl);
    if (blocked === 'scheme' || (blocked && !options.allowPrivate)) {
      reject(new BlockedAddressError(url.hostname || rawUrl, blocked));
      return;
    }
    const payload = Buffer.from(JSON.stringify(body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(payload.length),
          ...options.headers,
        },
        lookup: options.allowPrivate
          ? options.resolve && plainLookup(options.resolve)
          : guardedLookup(options.resolve),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', (error: Error & { cause?: unknown }) => {
      // net wraps lookup errors; surface ours as is.
      reject(error instanceof BlockedAddressError ? error : (findBlocked(error) ?? error));
    });
    req.end(payload);
  });
}

function findBlocked(error: unknown): BlockedAddressError | null {
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    if (current instanceof BlockedAddressError) return current;
    seen.add(current);
    const e = current as { cause?: unknown; errors?: unknown[] };
    current = e.cause ?? e.errors?.find((x) => x instanceof BlockedAddressError) ?? e.errors?.[0];
  }
  return null;
}
