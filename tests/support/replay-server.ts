import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** One scripted answer of a replay server. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Sends the first half of the body, then drops the connection (a cut response). */
  cut?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/timelines/tag/femicidio?limit=40`. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Appends answers to the sequence. */
  push(...responses: Scripted[]): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for a platform's API on 127.0.0.1: either a sequence of scripted answers,
 * consumed one per request (an exhausted script answers 599 so a test sees the extra call), or
 * a handler that chooses the answer from the request. Every request is recorded.
 */
export async function startReplayServer(
  script: Scripted[] | ((request: RecordedRequest) => Scripted),
): Promise<ReplayServer> {
  const queue = Array.isArray(script) ? [...script] : [];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = typeof script === 'function' ? script(recorded) : (queue.shift() ?? { status: 599, body: 'script exhausted' });
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const headers = {
        'content-type': typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        ...answer.headers,
      };
      if (answer.cut) {
        res.writeHead(answer.status ?? 200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => res.destroy(), 5);
        return;
      }
      res.writeHead(answer.status ?? 200, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    push: (...responses) => queue.push(...responses),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StreamServer {
  /** `ws://127.0.0.1:<port>/subscribe` */
  url: string;
  /** Query strings of each connection (cursor, wantedCollections...). */
  connections: URL[];
  close(): Promise<void>;
}

/**
 * A Jetstream stand-in: on connection, replays the events whose `time_us` is after the
 * `cursor` query parameter (all of them without one), then closes the socket unless
 * `keepOpen`, or stays open sending nothing (a quiet stream).
 */
export async function startStreamServer(
  events: readonly unknown[],
  options: { keepOpen?: boolean; raw?: string[] } = {},
): Promise<StreamServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const connections: URL[] = [];
  wss.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    connections.push(url);
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    for (const raw of options.raw ?? []) socket.send(raw);
    for (const event of events) {
      const time = Number((event as { time_us?: unknown }).time_us ?? 0);
      if (time > cursor) socket.send(JSON.stringify(event));
    }
    if (!options.keepOpen) setTimeout(() => socket.close(1000, 'end of replay'), 20);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    connections,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
