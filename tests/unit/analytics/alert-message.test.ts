import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../analytics/alert-message.js';

const scope = { metric: 'hate', granularity: 'day', country: 'GT', platform: 'youtube', topic: 'violencia_domestica', campaign: null } as const;
const figures = { severity: 'medium', observed: 30, expected: 8, score: 4.25, bucket: '2026-11-20T00:00:00.000Z', scope } as const;

describe('alertMessage', () => {
  it('names platforms and topics as users read them, in each language', () => {
    expect(alertMessage(figures)).toBe(
      'Alerta: pico de publicaciones con discurso de odio en Guatemala, en YouTube, tema Violencia doméstica: 30 el día 20/11, cuando lo habitual es 8 (4.3 veces la variación normal).',
    );
    expect(alertMessage(figures, 'en')).toBe(
      'Alert: spike in hate-speech posts in Guatemala, on YouTube, topic Domestic violence: 30 on 20/11, against a usual 8 (4.3 times the normal variation).',
    );
  });

  it('takes the caller’s names for topics and campaigns', () => {
    const text = alertMessage({ ...figures, scope: { ...scope, platform: null, campaign: 'vidas-libres' } }, 'es', { topic: () => 'violencia en casa', campaign: () => 'Vidas libres' });
    expect(text).toContain('en Guatemala, tema violencia en casa, campaña Vidas libres:');
  });

  it('words an alert stored before its scope was kept as it was stored', async () => {
    const { alertText } = await import('../../../analytics/alert-message.js');
    expect(alertText({ ...figures, scope: undefined, message: 'Pico de femicidio' }, 'en')).toBe('Pico de femicidio');
    expect(alertText({ ...figures, message: 'x' }, 'en')).toMatch(/^Alert: spike in hate-speech posts/);
  });
});
