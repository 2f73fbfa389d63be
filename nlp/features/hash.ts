/**
 * 32-bit FNV-1a over UTF-16 code units. Feature names are hashed with it both when training
 * (names are kept in the weights files for explanations) and at inference (rolling, without
 * building substrings): hash("c:" + gram) is the state after "c:" continued with the gram.
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

export function fnvContinue(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

export function hashFeature(name: string): number {
  return fnvContinue(FNV_OFFSET, name);
}

export function fnvStep(state: number, code: number): number {
  return Math.imul(state ^ code, FNV_PRIME) >>> 0;
}
