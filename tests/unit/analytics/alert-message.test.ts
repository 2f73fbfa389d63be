import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../analytics/alert-message.js';

const scope = { metric: 'hate', granularity: 'day', country: 'GT', platform: 'youtube', topic: 'violencia_domestica', campaign: null } as const;
const figures = { severity: 'medium', observed: 30, expected: 8, score: 4.25, bucketMs: Date.parse('2026-11-20T00:00:00Z') } as const;

describe('alertMessage', () => {
  it('names platforms and topics as users read them, in each language', () => {
    expect(alertMessage(scope, figures)).toBe(
      'Alerta: pico de publicaciones con discurso de odio en Guatemala, en YouTube, tema Violencia doméstica: 30 el día 20/11, cuando lo habitual es 8 (4.3 veces la variación normal).',
    );
    expect(alertMessage(scope, figures, 'en')).toBe(
      'Alert: spike in hate-speech posts in Guatemala, on YouTube, topic Domestic violence: 30 on 20/11, against a usual 8 (4.3 times the normal variation).',
    );
  });

  it('takes the caller’s names for topics and campaigns', () => {
    const text = alertMessage({ ...scope, platform: null, campaign: 'vidas-libres' }, figures, 'es', { topic: () => 'violencia en casa', campaign: () => 'Vidas libres' });
    expect(text).toContain('en Guatemala, tema violencia en casa, campaña Vidas libres:');
  });
});
