/** Shared, lazily loaded resources for the nlp unit tests (loading takes ~1 s). */
import { loadAnalyzer, type Analyzer } from '../../../../nlp/analyze.js';
import { loadResources, type Resources } from '../../../../nlp/resources.js';

let resources: Resources | null = null;
let analyzer: Promise<Analyzer> | null = null;

export function sharedResources(): Resources {
  resources ??= loadResources();
  return resources;
}

export function sharedAnalyzer(): Promise<Analyzer> {
  analyzer ??= loadAnalyzer();
  return analyzer;
}
