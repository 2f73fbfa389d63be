import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../nlp/language.js';
import { prepare } from '../../../nlp/text/normalize.js';
import { sharedResources } from './helpers/shared.js';

function lang(text: string, platform?: string) {
  const res = sharedResources();
  return detectLanguage(text, prepare(text, res.bundle.text).tokens, res.bundle.language, platform)
    .code;
}

describe('language identification', () => {
  it('recognises Spanish, including slang and short posts', () => {
    expect(lang('Ya no se puede salir tranquilo en esta colonia, maje')).toBe('es');
    expect(lang('Extorsionan a transportistas en Soyapango')).toBe('es');
    expect(lang('¿Qué pasó?')).toBe('es');
    expect(lang('Feminicidio en Zacapa')).toBe('es');
  });
  it('recognises English, including Belizean Kriol', () => {
    expect(lang('Three men were shot dead in Belize City last night, police say')).toBe('en');
    expect(lang('Di police neva come when wi call dem, crime di get worse')).toBe('en');
    expect(lang('Unu haffi stop di violence inna di streets')).toBe('en');
  });
  it('reports other languages as other', () => {
    expect(lang('Hoje eu não vou sair de casa, está muito perigoso')).toBe('other');
    expect(lang('Je ne sais pas pourquoi il est parti avec elle')).toBe('other');
    expect(lang('Ich weiß nicht, warum die Polizei nicht kommt')).toBe('other');
    expect(lang('Полиция не приехала вовремя')).toBe('other');
  });
  it('uses the platform tag as a tie breaker', () => {
    expect(lang('Belmopan', 'en')).toBe('en');
  });
});
