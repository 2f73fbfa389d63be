import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

/**
 * The dashboard end to end: the real server on a demo dataset, the built client, real Chromium.
 * Screenshots of every view go to tests/e2e/screenshots/ (and docs/img/ with UPDATE_SCREENSHOTS=1).
 * Skipped when Chromium is not installed.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const EMAIL = 'analista@example.org';
const PASSWORD = 'e2e-password-123';

let server: ChildProcess;
let base = '';
let context: BrowserContext;
let page: Page;
let dataDir = '';
const consoleErrors: string[] = [];

async function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/escucha.js', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ESCUCHA_DATA_DIR: dir,
      ESCUCHA_DEFAULT_SOURCES: 'off',
      ESCUCHA_ADMIN_EMAIL: EMAIL,
      ESCUCHA_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      MONGODB_URI: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), 90_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /http:\/\/localhost:(\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${text}`)));
  });
  return { child, url };
}

async function shot(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function open(path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
}

describe.skipIf(!existsSync(CHROMIUM))('dashboard in Chromium', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
    dataDir = mkdtempSync(join(tmpdir(), 'escucha-e2e-'));
    const demo = await runCli(['demo', '--posts', '3000', '--data-dir', dataDir], {});
    expect(demo.code, demo.stderr).toBe(0);
    const started = await startServer(dataDir);
    server = started.child;
    base = started.url;
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'escucha-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      locale: 'es-419',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      // POST /api/briefs answers 409 with the existing briefs' links when the server's schedule
      // already wrote this week's (the view offers them): an answer, not an error.
      const briefExists = message.text().includes('409') && /\/api\/briefs$/.test(message.location().url);
      if (message.type() === 'error' && !briefExists) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 150_000);

  afterAll(async () => {
    await context?.close();
    server?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(`dashboard screenshots: ${SHOTS}\n`);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      const docs = join(ROOT, 'docs/img');
      mkdirSync(docs, { recursive: true });
      for (const file of readdirSync(SHOTS)) copyFileSync(join(SHOTS, file), join(docs, `dashboard-${file}`));
    }
  });

  test('signs in and shows the overview with the DEMO badge', async () => {
    await page.goto(base);
    await shot('login');
    await page.getByLabel('Correo electrónico').fill(EMAIL);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 2, name: 'Resumen' }).waitFor();
    await page.locator('kpi-card').first().waitFor();
    expect(await page.locator('kpi-card').count()).toBe(6);
    await page.locator('chart-panel canvas').first().waitFor();
    const health = (await (await fetch(`${base}/api/health`)).json()) as { demo?: boolean };
    expect(health.demo).toBe(true);
    expect(await page.locator('escucha-app .demo').isVisible()).toBe(true);
    await shot('resumen');
  }, 60_000);

  test('a filter goes into the URL and survives a reload', async () => {
    await open('/territorio', 'Territorio');
    await page.locator('country-map g[data-country="GT"]').click();
    await page.waitForURL(/country=GT/);
    await page.reload();
    await page.getByRole('button', { name: /Quitar filtro Guatemala/ }).waitFor();
    await shot('territorio');
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.waitForURL((url) => !url.search.includes('country='));
  }, 60_000);

  test('opens a campaign and compares two', async () => {
    await open('/campanas', 'Campañas');
    await page.locator('#campaign').selectOption('vidas-libres');
    await page.getByRole('heading', { name: 'Vidas libres de violencia' }).waitFor();
    await page.getByText(/Tras el lanzamiento|lanzamiento/).first().waitFor();
    await shot('campanas');
    await page.locator('#compare').selectOption('calles-seguras');
    await page.getByRole('heading', { name: 'Calles seguras' }).waitFor();
    await shot('campanas-comparar');
  }, 60_000);

  test('creates a campaign in its form and lists it', async () => {
    await open('/campanas', 'Campañas');
    await page.getByRole('button', { name: 'Nueva campaña' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva campaña' });
    await dialog.getByLabel('Nombre').fill('Escuelas seguras e2e');
    expect(await dialog.getByLabel('Identificador').inputValue()).toBe('escuelas-seguras-e2e');
    await dialog.getByLabel('Hashtags').fill('#EscuelasSeguras, #NiñezSegura');
    await dialog.getByLabel('Inicio').fill('2026-01-15');
    await shot('campanas-nueva');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Escuelas seguras e2e' }).waitFor();
    expect(await page.locator('#campaign').inputValue()).toBe('escuelas-seguras-e2e');
    // The posts of its dates are matched again in the background, and the view says so.
    await page.getByText(/Se están analizando de nuevo las publicaciones de sus fechas/).waitFor();
  }, 60_000);

  test('narratives, violence monitor (behind a content warning), alerts and sources render', async () => {
    await open('/narrativas', 'Narrativas y temas');
    await page.getByRole('heading', { name: 'Términos emergentes' }).waitFor();
    await shot('narrativas');
    await open('/violencia', 'Violencia contra las mujeres');
    await page.getByRole('button', { name: 'Mostrar publicaciones' }).click();
    await page.locator('#samples post-card').first().waitFor();
    await shot('violencia');
    await open('/alertas', 'Alertas');
    await page.getByText(/pico de publicaciones en Honduras, tema Femicidio/).first().waitFor();
    await shot('alertas');
    await open('/fuentes', 'Fuentes');
    await page.getByText('(demo)').first().waitFor();
    await shot('fuentes');
  }, 90_000);

  test('explains a post and corrects its label in one click', async () => {
    await open('/explorar?q=femicidio', 'Explorar publicaciones');
    const card = page.locator('post-card').first();
    await card.waitFor();
    await card.getByRole('button', { name: 'Por qué' }).click();
    await card.getByRole('columnheader', { name: 'Evidencia' }).first().waitFor();
    const toggle = card.getByRole('button', { name: /Marcar como misoginia|No es misoginia/ });
    const before = await toggle.textContent();
    await toggle.click();
    await card.getByText('Corrección guardada').waitFor();
    expect(await toggle.textContent()).not.toBe(before);
    await shot('explorar');
  }, 60_000);

  test('downloads a chart as CSV', async () => {
    await open('/', 'Resumen');
    const panel = page.locator('chart-panel').first();
    await panel.locator('canvas').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Descargar CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(csv.split('\r\n')[0]).toContain('Fecha');
    await panel.getByRole('button', { name: 'Ver como tabla' }).click();
    await panel.getByRole('table').waitFor();
  }, 60_000);

  test('generates a weekly brief and downloads it', async () => {
    await open('/informes', 'Informes semanales');
    await page.getByRole('button', { name: /Generar informe/ }).click();
    const link = page.getByRole('link', { name: 'Descargar PDF' }).first();
    await link.waitFor({ timeout: 45_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await shot('informes');
  }, 90_000);

  test('a shared link with invalid parameters says what it ignored and rewrites the URL', async () => {
    await open('/?from=2026-11-20&to=2026-11-01&country=XX', 'Resumen');
    await page.getByText(/el periodo está invertido/).waitFor();
    await page.getByText(/«country=XX»: valor desconocido/).waitFor();
    expect(page.url()).not.toContain('country=XX');
    expect(page.url()).not.toContain('from=2026-11-20');
    await shot('enlace-invalido');
    await page.getByRole('button', { name: 'Cerrar aviso' }).click();
    await page.getByText(/el periodo está invertido/).waitFor({ state: 'hidden' });
  }, 60_000);

  test('the overview fits a phone: topic names wrap instead of being cut', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/', 'Resumen');
    await page.locator('chart-panel canvas').first().waitFor();
    await shot('resumen-telefono');
    await open('/territorio', 'Territorio');
    await page.locator('country-map g[data-country="GT"]').waitFor();
    await page.setViewportSize({ width: 820, height: 1180 });
    await shot('territorio-tableta');
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 60_000);

  test('switches to English and shows the tablet layout', async () => {
    await open('/', 'Resumen');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    // The demo alert, stored with its scope, is worded in English too.
    await page.getByText(/spike in posts in Honduras, topic Femicide/).first().waitFor();
    await page.setViewportSize({ width: 820, height: 1180 });
    await shot('overview-en-tablet');
    await page.getByRole('button', { name: 'ES' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 60_000);

  test('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
