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

Genera datos de demostración (publicaciones inventadas en español e inglés sobre seguridad
ciudadana y violencia basada en género en los siete países, con un pico, el lanzamiento de una
campaña y autores seudonimizados), los analiza con el analizador de escucha y los escribe en DIR
(por defecto ./data-demo, siempre SQLite). El directorio queda marcado como demo (demo.json) y el
panel muestra la etiqueta DEMO. Rechaza un directorio que ya tenga publicaciones reales.

Opciones:
  --posts N      número de publicaciones (por defecto 8000)
  --days N       días de historia hasta hoy (por defecto 90)
  --data-dir D   directorio de destino (por defecto ./data-demo)

La última línea es un resumen JSON: {"dataDir":...,"posts":N,"inserted":N,"campaigns":N}.`,

  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { posts: { type: 'string' }, days: { type: 'string' }, 'data-dir': { type: 'string' } }, false);
    const posts = Number(values.posts ?? 8_000);
    const days = Number(values.days ?? 90);
    if (!Number.isInteger(posts) || posts < 100 || posts > 500_000) throw new UsageError('--posts debe ser un número entero entre 100 y 500000');
    if (!Number.isInteger(days) || days < 14 || days > 365) throw new UsageError('--days debe ser un número entero entre 14 y 365');
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
