/**
 * `escucha analyze "<text>" [--hashtag H] [--location L]`: prints the enrichment of one post, as
 * a readable Spanish summary on a terminal, as pretty JSON with every explanation with `--json`
 * or when stdout is not a terminal (what scripts have always read).
 */
import type { Command } from '../command.js';
import { parseCommandArgs, UsageError } from '../command.js';

const usage = `
Uso: escucha analyze "<texto>" [--hashtag H]... [--mention M]... [--location L] [--handle H]
                     [--lang es|en] [--date AAAA-MM-DD] [--json] [--weights DIR] [--lexicons DIR]
                     [--onnx-sentiment DIR] [--onnx-emotion DIR] [--onnx-misogyny DIR] [--onnx-hate DIR]

Analiza un texto (idioma, sentimiento, emociones, temas, misoginia, odio, lugares, campañas).
En una terminal imprime un resumen con las tres evidencias que más pesan en cada etiqueta; con
--json, o si la salida no es una terminal (una tubería, un archivo), imprime el resultado
completo en JSON con todas las evidencias.
`;

const command: Command = {
  name: 'analyze',
  summary: 'Analiza un texto y muestra el resultado con sus evidencias',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      hashtag: { type: 'string', multiple: true },
      mention: { type: 'string', multiple: true },
      location: { type: 'string' },
      handle: { type: 'string' },
      lang: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
      weights: { type: 'string' },
      lexicons: { type: 'string' },
      'onnx-sentiment': { type: 'string' },
      'onnx-emotion': { type: 'string' },
      'onnx-misogyny': { type: 'string' },
      'onnx-hate': { type: 'string' },
    });
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError(`falta el texto\n${usage}`);
    const { loadAnalyzer } = await import('../../nlp/analyze.js');
    const onnx = {
      sentiment: values['onnx-sentiment'],
      emotion: values['onnx-emotion'],
      misogyny: values['onnx-misogyny'],
      hate: values['onnx-hate'],
    };
    const analyzer = await loadAnalyzer({
      weightsDir: values.weights,
      lexiconsDir: values.lexicons,
      onnx,
    });
    const [result] = await analyzer.analyzeBatch([
      {
        text,
        hashtags: values.hashtag,
        mentions: values.mention,
        authorLocation: values.location ?? null,
        authorHandle: values.handle ?? null,
        platformLang: values.lang ?? null,
        createdAt: values.date ? `${values.date}T12:00:00.000Z` : undefined,
      },
    ]);
    if (!values.json && io.stdout.isTTY) {
      const { formatAnalysis } = await import('../analysis-summary.js');
      io.stdout.write(formatAnalysis(result!, text));
      return 0;
    }
    io.stdout.write(
      `${JSON.stringify({ ...result, enrichedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    return 0;
  },
};

export default command;
