/**
 * The dashboard's colours. Categorical hues are dark enough for 3:1 against white (WCAG 1.4.11
 * for graphics) and distinguishable with the common colour-vision deficiencies; text colours
 * meet 4.5:1. Sentiment keeps its conventional green / grey / red, each with a label.
 */
export const PALETTE = ['#4b2e83', '#0f6e8c', '#b4530b', '#2e7d32', '#a3214a', '#6b6400', '#7a5bb0', '#44505e'] as const;

export const SENTIMENT_COLORS: Record<'P' | 'NEU' | 'N', string> = { P: '#2e7d32', NEU: '#7c7889', N: '#b3261e' };

export const INK = '#1f1d2b';
export const MUTED_INK = '#55516a';
export const GRID = '#e4e1ec';
export const ALERT = '#a3214a';

export function colorAt(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** Sequential scale for the map: t in [0, 1] from a pale lilac to the primary purple. */
export function sequential(t: number): string {
  const from = [0xee, 0xea, 0xf6];
  const to = [0x3b, 0x23, 0x70];
  const k = Math.max(0, Math.min(1, t));
  const mix = from.map((c, i) => Math.round(c + (to[i]! - c) * k));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Text colour readable on a sequential fill: white on the dark half. */
export function inkOn(t: number): string {
  return t > 0.45 ? '#ffffff' : INK;
}

/** Same colour with alpha, for area fills. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(alpha * 255).toString(16).padStart(2, '0');
  return `${hex}${a}`;
}
