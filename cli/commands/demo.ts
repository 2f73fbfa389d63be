import { resolve } from 'node:path';
import { loadConfig } from '../../app/config.js';
import { loadAnalyzer } from '../../nlp/analyze.js';
import { openStore } from '../../store/index.js';
import { seedDemo } from '../../workers/demo/seed.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { progress } from '../progress.js';

const command: Command = {
  name: 'demo',
  summary: 'llena un directorio de datos aparte con datos de demostración marcados',
  usage: `
escucha demo [--posts N] [--days N] [--data-dir DIR]

Generates a demonstration dataset (invented Spanish and English posts on citizen security and
gender-based violence in the seven countries, a spike, a campaign launch, pseudonymised
authors), analyses it with escucha's analyser and writes it to DIR (default ./data-demo,
always SQLite). The directory is marked as demo (demo.json) and the dashboard shows a DEMO
badge. Refuses a directory that already holds real posts.

Options:
  --posts N      number of posts (default 8000)
  --days N       days of history ending today (default 90)
  --data-dir D   target directory (default ./data-demo)

Prints a JSON summary as its last line: {"dataDir":...,"posts":N,"inserted":N,"campaigns":N}.`,

  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { posts: { type: 'string' }, days: { type: 'string' }, 'data-dir': { type: 'string' } }, false);
    const posts = Number(values.posts ?? 8_000);
    const days = Number(values.days ?? 90);
    if (!Number.isInteger(posts) || posts < 100 || posts > 500_000) throw new UsageError('--posts must be an integer between 100 and 500000');
    if (!Number.isInteger(days) || days < 14 || days > 365) throw new UsageError('--days must be an integer between 14 and 365');
    const dataDir = resolve(values['data-dir'] ?? './data-demo');
    // Demo data always goes to its own SQLite directory, whatever MONGODB_URI says.
    const { MONGODB_URI: _ignored, ...env } = io.env;
    const config = loadConfig({ ...env, ESCUCHA_DATA_DIR: dataDir });
    const store = await openStore({ ...config, mongodbUri: null });
    let summary;
    try {
      const analyzer = await loadAnalyzer();
      const bar = progress(io.stderr, 'generando demo:');
      summary = await seedDemo(store, analyzer, { dataDir, posts, days, today: new Date(), secret: config.secret, onProgress: (n) => bar.update(n) });
      bar.done();
    } finally {
      await store.close();
    }
    io.stderr.write(
      [
        '',
        `Datos de demostración listos en ${dataDir} (${summary.inserted} publicaciones nuevas, ${summary.campaigns} campañas).`,
        'Para abrir el panel con ellos:',
        `  ESCUCHA_DATA_DIR=${values['data-dir'] ?? './data-demo'} ESCUCHA_DEFAULT_SOURCES=off npm start`,
        '',
      ].join('\n'),
    );
    io.stdout.write(`${JSON.stringify({ dataDir, ...summary })}\n`);
    return 0;
  },
};
export default command;
