/** The search cursor's format: part of the API contract, shared by both store adapters and the API. */

/** Opaque search cursor over (createdMs, id): base64url of JSON, so clients can't build one by hand. */
export function encodeCursor(createdMs: number, id: string): string {
  return Buffer.from(JSON.stringify([createdMs, id])).toString('base64url');
}

/** The position a cursor stands for; null (first page) for a missing or malformed cursor. */
export function decodeCursor(cursor: string | null): { createdMs: number; id: string } | null {
  if (!cursor) return null;
  try {
    const [createdMs, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    return typeof createdMs === 'number' && typeof id === 'string' ? { createdMs, id } : null;
  } catch {
    return null;
  }
}
