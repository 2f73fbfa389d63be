import type { ProcessorMap } from '../jobs.js';
import { aggregate } from './aggregate.js';
import { enrich } from './enrich.js';

/** Every processor, by job kind. Both runners run exactly these. */
export const PROCESSORS: ProcessorMap = { enrich, aggregate };
