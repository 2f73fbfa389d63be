/**
 * Entry of an enrichment thread (see enrich-pool.ts): loads the analyser once, then answers
 * each batch with its enrichments as one JSON string (cheaper for the main thread to read than
 * a structured clone of many small objects).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalyzer } from '../nlp/analyze.js';
import type { ThreadData, ThreadReply, ThreadRequest } from './enrich-pool.js';
import { enrichmentsOf } from './enrichment.js';

const port = parentPort!;
const { analyzerOptions } = workerData as ThreadData;
const analyzer = await loadAnalyzer(analyzerOptions);
const reply = (message: ThreadReply) => port.postMessage(message);

port.on('message', async ({ id, inputs, enrichedAt }: ThreadRequest) => {
  try {
    reply({ id, json: JSON.stringify(await enrichmentsOf(analyzer, inputs, enrichedAt)) });
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    reply({ id, error: { name, message, stack } });
  }
});
reply({ ready: analyzer.version });
