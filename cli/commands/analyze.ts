/**
 * `escucha analyze "<text>" [--hashtag H] [--location L]`: prints the enrichment of one post
 * (pretty JSON, with explanations).
 */
import type { Command } from '../command.js';
import { parseCommandArgs, UsageError } from '../command.js';

const usage = `
Uso: escucha analyze "<texto>" [--hashtag H]... [--mention M]... [--location L] [--handle H]
                     [--lang es|en] [--date AAAA-MM-DD] [--weights DIR] [--lexicons DIR]
                     [--onnx-sentiment DIR] [--onnx-emotion DIR] [--onnx-misogyny DIR] [--onnx-hate DIR]

Analiza un texto (idioma, sentimiento, emociones, temas, misoginia, odio, lugares) e imprime
el resultado en JSON con las evidencias de cada etiqueta.
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
    io.stdout.write(
      `${JSON.stringify({ ...result, enrichedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    return 0;
  },
};

export default command;
