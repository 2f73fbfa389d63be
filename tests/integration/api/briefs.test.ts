import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf, lastCompleteWeek, shiftWeek } from '../../../models/iso-week.js';
import { deliveredKey } from '../../../workers/processors/brief.js';
import { call, startTestServer, type Session, type TestServer } from './harness.js';

let server: TestServer;
let analyst: Session;
beforeAll(async () => {
  server = await startTestServer();
  analyst = await server.session('analyst');
});
afterAll(async () => {
  await server?.close();
});

const post = (body: unknown, language = 'en') =>
  call(server, { method: 'POST', path: '/api/briefs', session: analyst, body, headers: { 'accept-language': language } });

/** Stores (and marks delivered) every default edition of `week`, as the weekly job leaves them. */
async function storeEditions(week: string): Promise<void> {
  for (const id of [`${week.toLowerCase()}_es`, `${week.toLowerCase()}_en_c-bz`]) {
    await server.store.briefs.save(
      { id, week, from: '2026-11-16', to: '2026-11-22', locale: id.endsWith('_es') ? 'es' : 'en', scope: { countries: [], campaigns: [] }, bytes: 9, createdAt: '2026-11-23T06:00:00.000Z' },
      Buffer.from('%PDF-1.7\n'),
    );
    await server.store.settings.set(deliveredKey(id), '2026-11-23T06:00:05.000Z');
  }
}

describe('POST /api/briefs', () => {
  it('answers 400 with a reason for a week that does not exist, and queues nothing', async () => {
    const jobs = server.runner.jobs.length;
    const es = await post({ week: '2026-W99' }, 'es');
    expect(es.status).toBe(400);
    expect((es.json as { error: { message: string; code: string } }).error).toMatchObject({
      code: 'ESCUCHA_VALIDATION',
      message: 'La solicitud no es válida: week: esa semana ISO no existe: un año ISO tiene 52 o 53 semanas',
    });
    const en = await post({ week: '2026-W99' });
    expect((en.json as { error: { message: string } }).error.message).toBe('The request is not valid: week: no such ISO week: an ISO year has 52 or 53 weeks');
    expect((await post({ week: '2026-99' }, 'es')).text).toContain('no es una semana ISO: use AAAA-Www');
    expect(server.runner.jobs.length).toBe(jobs);
  });

  it('answers 400 for a week that has not started', async () => {
    const next = shiftWeek(isoWeekOf(new Date()), 1);
    const res = await post({ week: next }, 'es');
    expect(res.status).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toContain('esa semana todavía no empezó');
    expect((await post({ week: isoWeekOf(new Date()) })).status).toBe(202); // the week under way is allowed
  });

  it('queues a brief of one’s own scope, refuses an unknown campaign, and says when it exists', async () => {
    const week = '2026-W41';
    const edition = { locale: 'es', countries: ['HN', 'GT'], campaigns: [] };
    const res = await post({ week, edition });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ week, briefs: ['2026-w41_es_c-gt-hn'] });
    expect(server.runner.jobs.at(-1)).toEqual({
      name: 'brief',
      data: { week, edition: { locale: 'es', scope: { countries: ['HN', 'GT'], campaigns: [] } } },
      jobId: 'brief:2026-w41_es_c-gt-hn',
    });
    expect((await post({ week, edition: { ...edition, campaigns: ['no-existe'] } })).status).toBe(404);
    expect((await post({ week, edition: { ...edition, countries: ['MX'] } })).status).toBe(400);
    // Stored is done for a brief of one's own (it is never delivered): 409 until regenerate.
    await server.store.briefs.save(
      { id: '2026-w41_es_c-gt-hn', week, from: '2026-10-05', to: '2026-10-11', locale: 'es', scope: { countries: ['GT', 'HN'], campaigns: [] }, bytes: 9, createdAt: '2026-10-12T06:00:00.000Z' },
      Buffer.from('%PDF-1.7\n'),
    );
    expect((await post({ week, edition })).status).toBe(409);
    expect((await post({ week, edition, regenerate: true })).status).toBe(202);
  });

  it('queues the last complete week by name and says which briefs to wait for', async () => {
    const week = lastCompleteWeek(new Date());
    const res = await post({});
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ queued: true, job: 'brief', week, regenerate: false, briefs: [`${week.toLowerCase()}_es`, `${week.toLowerCase()}_en_c-bz`] });
    expect(server.runner.jobs.at(-1)).toEqual({ name: 'brief', data: { week }, jobId: `brief:${week}` });
  });

  it('answers 409 with the existing briefs’ links when the week’s briefs exist, and regenerates only on request', async () => {
    const week = '2026-W40';
    await storeEditions(week);
    const jobs = server.runner.jobs.length;
    const res = await post({ week }, 'es');
    expect(res.status).toBe(409);
    const error = (res.json as { error: { message: string; code: string; details: { week: string; briefs: { id: string; href: string }[] } } }).error;
    expect(error.code).toBe('ESCUCHA_BRIEF_EXISTS');
    expect(error.message).toContain('El informe de la semana 2026-W40 ya existe');
    expect(error.details.week).toBe(week);
    expect(error.details.briefs.map((b) => b.href)).toEqual(['/api/briefs/2026-w40_es/pdf', '/api/briefs/2026-w40_en_c-bz/pdf']);
    expect(server.runner.jobs.length).toBe(jobs);

    const again = await post({ week, regenerate: true });
    expect(again).toMatchObject({ status: 202, json: { week, regenerate: true, briefs: ['2026-w40_es', '2026-w40_en_c-bz'] } });
    expect(server.runner.jobs.at(-1)).toEqual({ name: 'brief', data: { week, regenerate: true }, jobId: `brief:${week}:regenerate` });
  });
});

describe('POST /api/briefs before any post is stored', () => {
  it('says there is nothing to report instead of promising a brief', async () => {
    const empty = await startTestServer({ seed: false });
    try {
      const res = await call(empty, { method: 'POST', path: '/api/briefs', session: await empty.session('analyst'), body: {}, headers: { 'accept-language': 'es' } });
      expect(res.status).toBe(409);
      expect((res.json as { error: { code: string; message: string } }).error).toMatchObject({ code: 'ESCUCHA_BRIEF_NO_POSTS', message: expect.stringContaining('Todavía no hay publicaciones') });
      expect(empty.runner.jobs).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
