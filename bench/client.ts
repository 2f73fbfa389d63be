/**
 * Dashboard bundle size: builds the client with Vite and reports the JavaScript and CSS shipped
 * to the browser, raw and gzip-compressed (target: ≤ 250 KB gzip).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { reportFigure } from './report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const started = performance.now();
execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
const buildMs = performance.now() - started;

const dist = join(ROOT, 'dist/client');
const files = [join(dist, 'index.html'), ...readdirSync(join(dist, 'assets')).map((f) => join(dist, 'assets', f))].filter((f) => /\.(js|css|html)$/.test(f));
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
reportFigure('client_build_ms', buildMs, 'ms');
reportFigure('client_bundle_kb', raw / 1024, 'KB');
reportFigure('client_bundle_gzip_kb', gzip / 1024, 'KB');
if (gzip / 1024 > 250) {
  process.stderr.write('client bundle exceeds the 250 KB gzip budget\n');
  process.exitCode = 1;
}
