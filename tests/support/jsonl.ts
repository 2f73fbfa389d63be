const TEXTS = [
  'Otra mujer asesinada en San Pedro Sula, basta de feminicidios #NiUnaMenos',
  'Hoy inauguramos el parque del barrio, qué alegría para las familias',
  'Los mareros cobran extorsión a los buses de la capital, nadie hace nada',
  'Reunión comunitaria sobre prevención de violencia en Santa Tecla',
  'Belize City police report a robbery on Albert Street last night',
];

/**
 * `n` import lines (escucha's JSONL format) spread over November 2026: ids p0..p(n-1), every
 * third on x, the rest on mastodon, 37 authors per platform.
 */
export function jsonl(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      JSON.stringify({
        id: `p${i}`,
        platform: i % 3 === 0 ? 'x' : 'mastodon',
        text: `${TEXTS[i % TEXTS.length]} (${i})`,
        createdAt: new Date(Date.UTC(2026, 10, 1) + (i % 28) * 86_400_000 + (i % 24) * 3_600_000).toISOString(),
        author: { id: `u${i % 37}`, handle: `user${i % 37}`, followers: (i % 37) * 10 },
        likes: i % 5,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
