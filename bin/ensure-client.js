#!/usr/bin/env node
// Builds the dashboard only when dist/client is missing or older than its sources, so
// `npm start` does not rebuild an unchanged client on every start.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
const builtAt = (() => {
  try {
    return statSync(join(root, 'dist/client/index.html')).mtimeMs;
  } catch {
    return 0;
  }
})();
const sourcesAt = Math.max(newest(join(root, 'client')), statSync(join(root, 'vite.config.ts')).mtimeMs);
if (builtAt < sourcesAt) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
