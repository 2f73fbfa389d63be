import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import { runCli } from '../../support/cli.js';

const TEXT = 'Otra mujer asesinada en San Pedro Sula #NiUnaMenos';

/** Runs the CLI with a stdout that says it is a terminal. */
async function runOnTerminal(argv: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = Object.assign(new PassThrough(), { isTTY: true });
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await main(argv, { stdout, stderr: new PassThrough(), env: { LOG_LEVEL: 'silent' } });
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

describe('escucha analyze', () => {
  it('prints a readable Spanish summary on a terminal, each label with its top 3 features', async () => {
    const { code, stdout } = await runOnTerminal(['analyze', TEXT]);
    expect(code).toBe(0);
    for (const label of ['Idioma:', 'Sentimiento:', 'Emoción:', 'Temas:', 'Misoginia:', 'Odio:', 'Lugar:', 'Campañas:']) {
      expect(stdout).toMatch(new RegExp(`^  ${label} +\\S`, 'm'));
    }
    expect(stdout).toMatch(/Idioma: +español/);
    expect(stdout).toMatch(/Sentimiento: +negativo \(puntuación −\d\.\d\d/);
    expect(stdout).toMatch(/Temas: +Femicidio \(\d\.\d\d\)/);
    expect(stdout).toMatch(/Lugar: +Honduras, Cortés/);
    const evidence = stdout.split('\n').filter((line) => line.trim().startsWith('evidencias:'));
    expect(evidence.length).toBeGreaterThanOrEqual(7);
    for (const line of evidence) expect(line.split(' · ').length).toBeLessThanOrEqual(3);
    expect(() => JSON.parse(stdout)).toThrow();
  });

  it('keeps printing the JSON when stdout is not a terminal, or with --json', async () => {
    const piped = await runCli(['analyze', TEXT], {});
    const json = await runOnTerminal(['analyze', '--json', TEXT]);
    for (const stdout of [piped.stdout, json.stdout]) {
      const result = JSON.parse(stdout) as { sentiment: { label: string }; topics: { id: string }[]; enrichedAt: string };
      expect(result.sentiment.label).toBe('N');
      expect(result.topics.map((t) => t.id)).toContain('femicidio');
      expect(result.enrichedAt).toMatch(/^\d{4}-/);
    }
  });
});

describe('escucha eval', () => {
  it('says in Spanish that the file does not exist, as import does', async () => {
    const result = await runCli(['eval', '--task', 'sentiment', '--file', '/missing.jsonl'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('escucha eval: no se encuentra el archivo: /missing.jsonl\n');
  });
});
