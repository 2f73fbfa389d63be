import { describe, expect, it } from 'vitest';
import { valueLabel } from '../../../server/csv-values.js';

describe('valueLabel', () => {
  it('words coded values in the reader language and leaves the rest as they are', () => {
    expect(valueLabel('emotion', 'sadness', 'es')).toBe('tristeza');
    expect(valueLabel('emotion', 'others', 'en')).toBe('other');
    expect(valueLabel('misogynyCategory', 'stereotyping-dominance', 'es')).toBe('estereotipos y dominación');
    expect(valueLabel('sentiment', 'NEU', 'es')).toBe('neutro');
    expect(valueLabel('severity', 'high', 'es')).toBe('alerta grave');
    expect(valueLabel('authorKind', 'media', 'es')).toBe('medio');
    expect(valueLabel('admin1', '', 'es')).toBe('(sin departamento)');
    expect(valueLabel('country', '', 'en')).toBe('(no country)');
    expect(valueLabel('country', 'GT', 'es')).toBe('GT');
    expect(valueLabel('topic', 'policia_justicia', 'es')).toBe('Policía y justicia');
    expect(valueLabel('topic', 'violencia_domestica', 'en')).toBe('Domestic violence');
    expect(valueLabel('topic', 'tema_nuevo', 'es')).toBe('tema nuevo'); // added to the taxonomy, not yet named
    expect(valueLabel('platform', 'youtube', 'es')).toBe('YouTube');
    expect(valueLabel('platform', 'rss', 'en')).toBe('RSS / news media');
    expect(valueLabel('platform', 'file', 'es')).toBe('Archivo importado');
    expect(valueLabel('platform', 'threads', 'es')).toBe('Threads'); // not named yet
    expect(valueLabel('authorKind', null, 'es')).toBeNull();
  });
});
