import type { ProcessorMap } from '../jobs.js';
import { aggregate } from './aggregate.js';
import { alert } from './alert.js';
import { brief } from './brief.js';
import { collect } from './collect.js';
import { enrich } from './enrich.js';

/** Every processor, by job kind. Both runners run exactly these. */
export const PROCESSORS: ProcessorMap = { collect, enrich, aggregate, alert, brief };
