/**
 * Entry of an enrichment thread (see enrich-pool.ts): loads the analyser once, then answers
 * each batch (`answer`: its enrichments, prepared for storing when the batch brings its posts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalyzer } from '../nlp/analyze.js';
import { answer, type ThreadData, type ThreadReply, type ThreadRequest } from './enrich-pool.js';

const port = parentPort!;
const { analyzerOptions } = workerData as ThreadData;
const analyzer = await loadAnalyzer(analyzerOptions);
const reply = (message: ThreadReply) => port.postMessage(message);

port.on('message', async (request: ThreadRequest) => reply(await answer(analyzer, request)));
reply({ ready: analyzer.version });
