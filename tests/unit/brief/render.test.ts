import { describe, expect, it } from 'vitest';
import { countPages, renderBrief } from '../../../workers/brief/render.js';
import { hasPdfToText, pdfText } from '../../integration/brief/pdf-text.js';
import { briefData, kpis } from './brief-data.js';

describe('renderBrief(data, locale)', () => {
  it('renders an empty week honestly: zeros, "no data" figures, no narratives or campaigns', async () => {
    const empty = briefData({
      kpis: { current: kpis(), previous: kpis() },
      days: briefData().days.map((d) => ({ ...d, posts: 0, sentiment: { P: 0, NEU: 0, N: 0 } })),
      previousDays: briefData().previousDays.map((d) => ({ ...d, posts: 0, sentiment: { P: 0, NEU: 0, N: 0 } })),
    });
    const pdf = await renderBrief(empty, 'es');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(countPages(pdf)).toBeGreaterThanOrEqual(2);
    expect(countPages(pdf)).toBeLessThanOrEqual(4);
    if (!hasPdfToText()) return;
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('No se registraron publicaciones en el periodo');
    expect(text).toContain('Sin datos en la semana.');
    expect(text).toContain('No se detectaron narrativas nuevas');
    expect(text).toContain('Ninguna campaña activa');
    expect(text).toContain('Las cifras de precisión de los clasificadores no están disponibles.');
    expect(text).toMatch(/página 1 de \d/);
  });

  it('says on its first line when it was made from demo data', async () => {
    const pdf = await renderBrief(briefData({ demo: true }), 'es');
    const real = await renderBrief(briefData(), 'es');
    if (!hasPdfToText()) return;
    expect(pdfText(pdf)).toContain('DATOS DE DEMOSTRACIÓN, NO REALES');
    expect(pdfText(real)).not.toContain('DEMOSTRACIÓN');
  });
});
