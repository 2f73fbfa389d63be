/** Typed fetch of the escucha API; throws ApiError carrying the server's message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' }, credentials: 'same-origin' });
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { message: string; code: string; status: number } })
    | null;
  if (!response.ok || body === null) {
    throw new ApiError(body?.error?.message ?? `HTTP ${response.status}`, response.status, body?.error?.code ?? 'HTTP');
  }
  return body;
}
