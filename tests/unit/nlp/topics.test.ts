import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { multiLabelReport } from '../../../nlp/eval/metrics.js';
import { sharedAnalyzer } from './helpers/shared.js';

async function topics(text: string, hashtags?: string[]) {
  return (await sharedAnalyzer()).analyze({ text, hashtags }).topics.map((t) => t.id);
}

describe('topics', () => {
  it('detects topics with their evidence', async () => {
    const a = await sharedAnalyzer();
    const r = a.analyze({ text: 'Otro femicidio en Chimaltenango, la mató su expareja' });
    expect(r.topics.map((t) => t.id)).toEqual(
      expect.arrayContaining(['femicidio', 'violencia_domestica']),
    );
    expect(r.topics[0]!.explanation.length).toBeGreaterThan(0);
    expect(
      await topics('Capturan a pandilleros de la MS-13 por extorsión a transportistas'),
    ).toEqual(expect.arrayContaining(['pandillas', 'extorsion', 'policia_justicia']));
    expect(await topics('Me asaltaron en la parada del bus')).toContain('robo');
    expect(await topics('Caravana de migrantes cruza el Darién')).toContain('migracion');
  });

  it('does not fire on look-alikes', async () => {
    expect(await topics('Me mataste de risa con ese meme 😂')).toEqual([]);
    expect(await topics('El árbitro nos robó, ese penal no existía')).toEqual([]);
    expect(await topics('Toda la mara de la oficina fue a la playa')).toEqual([]);
    expect(await topics('Esa ley es una violación de la Constitución')).toEqual([]);
    expect(await topics('Mi mamá trata de entender TikTok')).toEqual([]);
    expect(await topics('Se renta apartamento en zona 10')).toEqual([]);
    expect(await topics('Nos robaron el clásico, el árbitro estaba comprado')).toEqual([]);
    expect(await topics('Ese chef asesinó el plato, qué delicia')).toEqual([]);
  });

  it('reads hashtags, including ones passed separately', async () => {
    expect(await topics('Basta ya', ['NiUnaMenos'])).toContain('femicidio');
    expect(await topics('Nos vemos el sábado #DesaprendamosASerMachistas')).toContain('prevencion');
  });

  it('works on English posts from Belize', async () => {
    expect(await topics('Police arrested two men after the robbery in Belmopan')).toEqual(
      expect.arrayContaining(['robo', 'policia_justicia']),
    );
  });

  it('reaches micro-F1 ≥ 0.85 on the hand-labelled topic set', async () => {
    const a = await sharedAnalyzer();
    const rows = readFileSync(new URL('../../fixtures/nlp/topics.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text: string; label: string[] });
    expect(rows.length).toBeGreaterThanOrEqual(300);
    const report = multiLabelReport(
      rows.map((r) => r.label),
      rows.map((r) => a.analyze({ text: r.text }).topics.map((t) => t.id)),
      [],
    );
    expect(report.microF1).toBeGreaterThanOrEqual(0.85);
  });
});
