import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (commands print their summary there). */
  summary: unknown;
}

/** Runs `escucha <argv>` in this process with its own environment, capturing its output. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(argv, { stdout, stderr, env: { LOG_LEVEL: 'silent', ...env } });
  const text = Buffer.concat(out).toString('utf8');
  const last = text.trim().split('\n').pop() ?? '';
  let summary: unknown;
  try {
    summary = JSON.parse(last);
  } catch {
    summary = null;
  }
  return { code, stdout: text, stderr: Buffer.concat(err).toString('utf8'), summary };
}

export function tempDir(prefix = 'escucha-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
