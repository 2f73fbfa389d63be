import { lookup } from 'node:dns/promises';
import { blockedAddress, blockedUrl, type BlockedTarget } from '../../app/outbound.js';
import type { Platform } from '../../models/common.js';
import {
  CollectorError,
  DEFAULT_CREDENTIAL,
  HttpStatusError,
  MalformedResponseError,
  OfflineError,
  PLATFORM_NAMES,
  RateLimitedError,
  type CredentialNoun,
} from './errors.js';

/** Outside effects of the HTTP helper, injectable so tests never really wait. */
export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** In [0, 1), for backoff jitter. */
  random: () => number;
  /** Every address a host name resolves to (for `blockPrivateAddresses`; tests pass their own). */
  resolve: (hostname: string) => Promise<string[]>;
}

export interface HttpPolicy {
  /** Tries per request for 5xx, timeouts and unreadable bodies. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 asking to wait longer than this ends the run instead. */
  maxRateLimitWaitMs: number;
  /** 429 waits sat through per request before giving up. */
  rateLimitWaits: number;
  timeoutMs: number;
  userAgent: string;
  /**
   * Refuse URLs (and redirects) to loopback, private, link-local, unspecified, reserved and
   * metadata addresses, after DNS: for user-given base URLs, unless the deployment sets
   * ESCUCHA_ALLOW_PRIVATE_WEBHOOKS. Redirects are then followed here, each hop checked.
   */
  blockPrivateAddresses: boolean;
}

export const DEFAULT_POLICY: HttpPolicy = {
  attempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRateLimitWaitMs: 60_000,
  rateLimitWaits: 3,
  timeoutMs: 20_000,
  userAgent: 'escucha/0.1 (social listening for citizen security; +https://github.com/escucha)',
  blockPrivateAddresses: false,
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

const BLOCKED_ES: Record<BlockedTarget, string> = {
  scheme: 'no es una URL http(s)',
  loopback: 'es una dirección de bucle local',
  'link-local': 'es una dirección de enlace local',
  private: 'es una dirección de red privada',
  unspecified: 'es una dirección sin especificar',
  metadata: 'es un servicio de metadatos de la nube',
  reserved: 'es una dirección reservada',
};

/** A URL the collector must not fetch: it (or its host's address) is not public. */
export class BlockedHostError extends CollectorError {
  constructor(host: string, target: BlockedTarget, address?: string) {
    const where = address && address !== host ? `${host} (${address})` : host;
    super(
      `no se contacta ${where}: ${BLOCKED_ES[target]}; si la fuente está en su red a propósito, defina ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true ` +
        `(refused ${where}: ${target === 'scheme' ? 'not an http(s) URL' : `${target} address`}; set ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true if the source is internal on purpose)`,
      'COLLECT_BLOCKED_HOST',
    );
  }
}

export interface HttpRequest {
  platform: Platform;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** How the platform's credential is named in a 401/403 message. */
  credentialNoun?: CredentialNoun;
  /** Non-2xx statuses handed back instead of thrown (304 of a conditional GET). */
  accept?: number[];
}

export interface HttpResponse {
  status: number;
  /** Final URL, after redirects. */
  url: string;
  headers: Headers;
  body: string;
}

/** Error codes of a machine that cannot reach the host at all. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The one way collectors talk HTTP: timeouts, exponential backoff with jitter on 5xx, timeouts
 * and unreadable bodies, 429 handling (`Retry-After`, `x-ratelimit-reset`, `x-rate-limit-reset`:
 * wait when short, else `RateLimitedError` with the instant to resume), and errors that carry
 * the sentence a user needs.
 */
export class HttpClient {
  readonly deps: HttpDeps;
  readonly policy: HttpPolicy;

  constructor(deps: Partial<HttpDeps> = {}, policy: Partial<HttpPolicy> = {}) {
    this.deps = {
      fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now: deps.now ?? Date.now,
      random: deps.random ?? Math.random,
      resolve:
        deps.resolve ??
        (async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address)),
    };
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  /** The response body as text. */
  async text(request: HttpRequest): Promise<HttpResponse> {
    return this.parsed(request, () => null);
  }

  /** The response body parsed as JSON; a body that does not parse is retried like a 5xx. */
  json(request: HttpRequest): Promise<HttpResponse & { data: unknown }> {
    return this.parsed(request, (body) => {
      try {
        return JSON.parse(body) as unknown;
      } catch (error) {
        throw new Error(`JSON inválido (${(error as Error).message})`, { cause: error });
      }
    });
  }

  /**
   * The body read by `parse`; when it throws (truncated JSON, invalid XML) the request is
   * retried like a 5xx and finally fails with MalformedResponseError. A 304 is not parsed.
   */
  async parsed<T>(request: HttpRequest, parse: (body: string) => T): Promise<HttpResponse & { data: T }> {
    const { policy, deps } = this;
    const name = PLATFORM_NAMES[request.platform];
    let waits = 0;
    let problem: { kind: 'status'; status: number; detail: string } | { kind: 'malformed' | 'network'; detail: string } =
      { kind: 'network', detail: '' };
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      let response: Response;
      let finalUrl: string;
      try {
        [response, finalUrl] = await this.send(request);
      } catch (error) {
        if (error instanceof BlockedHostError) throw error;
        const code = networkCode(error);
        if (code && OFFLINE_CODES.has(code)) throw new OfflineError(hostOf(request.url), code);
        problem = { kind: 'network', detail: code ?? (error as Error).name ?? 'network error' };
        await this.backoff(attempt);
        continue;
      }
      if (response.status === 429) {
        await response.body?.cancel();
        const waitMs = rateLimitWaitMs(response.headers, deps.now());
        if (waitMs !== null && waitMs <= policy.maxRateLimitWaitMs && waits < policy.rateLimitWaits) {
          waits++;
          attempt--;
          await deps.sleep(waitMs);
          continue;
        }
        throw new RateLimitedError(request.platform, new Date(deps.now() + (waitMs ?? 15 * 60_000)));
      }
      const accepted = response.ok || (request.accept ?? []).includes(response.status);
      const body = await readBody(response);
      if (body === null) {
        problem = { kind: 'network', detail: 'connection closed mid-body' };
        await this.backoff(attempt);
        continue;
      }
      if (!accepted) {
        const detail = errorDetail(body);
        if (response.status < 500 && response.status !== 408) {
          throw new HttpStatusError(request.platform, response.status, detail, attempt, request.credentialNoun ?? DEFAULT_CREDENTIAL);
        }
        problem = { kind: 'status', status: response.status, detail };
        await this.backoff(attempt);
        continue;
      }
      const result = { status: response.status, url: response.url || finalUrl, headers: response.headers, body };
      if (response.status === 304) return { ...result, data: null as T };
      try {
        return { ...result, data: parse(body) };
      } catch (error) {
        problem = { kind: 'malformed', detail: (error as Error).message.slice(0, 120) };
        await this.backoff(attempt);
      }
    }
    if (problem.kind === 'status') {
      throw new HttpStatusError(request.platform, problem.status, problem.detail, policy.attempts);
    }
    if (problem.kind === 'malformed') throw new MalformedResponseError(request.platform, problem.detail);
    throw new CollectorError(
      `${name} no respondió tras ${policy.attempts} intentos: ${problem.detail} (no response from ${name})`,
      'COLLECT_NETWORK',
    );
  }

  /**
   * One request, following redirects; with `blockPrivateAddresses`, every hop is checked first
   * (the addresses its host resolves to just before the request: unlike webhook delivery,
   * which checks them on the connection itself, a name re-pointed between the check and the
   * request is not caught; source URLs are set by administrators). Followed by hand, a redirect
   * to another origin loses the credentials (authorization, cookie), as fetch's own does.
   */
  private async send(request: HttpRequest): Promise<[Response, string]> {
    const { policy, deps } = this;
    let headers: Record<string, string> = { 'user-agent': policy.userAgent, ...request.headers };
    const init = (method: string, body: string | undefined): RequestInit => ({
      method,
      headers,
      body,
      redirect: policy.blockPrivateAddresses ? 'manual' : 'follow',
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    let url = request.url;
    let method = request.method ?? 'GET';
    let body = request.body;
    for (let hop = 0; ; hop++) {
      if (policy.blockPrivateAddresses) await this.checkHost(url);
      const response = await deps.fetch(url, init(method, body));
      const location = response.headers.get('location');
      if (!policy.blockPrivateAddresses || !REDIRECTS.has(response.status) || !location || hop >= MAX_REDIRECTS) {
        return [response, url];
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== new URL(url).origin) headers = withoutCredentials(headers);
      url = next.toString();
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
      }
    }
  }

  /** Throws BlockedHostError when the URL, or any address its host resolves to, is not public. */
  private async checkHost(url: string): Promise<void> {
    const host = hostOf(url);
    const direct = blockedUrl(url);
    if (direct) throw new BlockedHostError(host, direct);
    const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (/^[\d.]+$|:/.test(hostname)) return; // an IP literal, judged above
    let addresses: string[];
    try {
      addresses = await this.deps.resolve(hostname);
    } catch {
      return; // fetch meets the same DNS failure and reports it as offline
    }
    for (const address of addresses) {
      const target = blockedAddress(address);
      if (target) throw new BlockedHostError(host, target, address);
    }
  }

  private async backoff(attempt: number): Promise<void> {
    if (attempt >= this.policy.attempts) return;
    const exp = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    await this.deps.sleep(Math.round(exp * (0.5 + this.deps.random())));
  }
}

/**
 * Milliseconds a 429 asks to wait: `Retry-After` (seconds or HTTP date), else Reddit's
 * `x-ratelimit-reset` (seconds left) or X's `x-rate-limit-reset` (epoch seconds); null if none.
 */
export function rateLimitWaitMs(headers: Headers, nowMs: number): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - nowMs);
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('x-rate-limit-reset') ?? NaN);
  if (!Number.isFinite(reset)) return null;
  // Epoch seconds are ~1.7e9; "seconds until reset" never comes close.
  return Math.max(0, reset > 1e9 ? reset * 1000 - nowMs : reset * 1000);
}

function networkCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; cause?: unknown; errors?: unknown[]; name?: string };
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
    current = e.cause ?? e.errors?.[0];
  }
  return null;
}

async function readBody(response: Response): Promise<string | null> {
  try {
    return await response.text();
  } catch {
    return null;
  }
}

/** A short reason from an error body (JSON `error`/`message`/`detail`, else its first chars). */
function errorDetail(body: string): string {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    for (const key of ['error_description', 'detail', 'message', 'error', 'title']) {
      const value = data[key];
      if (typeof value === 'string') return value.slice(0, 200);
      if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
        return String((value as { message: string }).message).slice(0, 200);
      }
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Headers without what identifies the caller to the first origin (sent nowhere else). */
function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const secret = new Set(['authorization', 'cookie', 'proxy-authorization']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !secret.has(name.toLowerCase())));
}
