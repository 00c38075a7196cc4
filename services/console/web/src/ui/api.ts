// Every read goes through the console's /api proxy (the console holds the key).
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { signal });
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });
}

declare global {
  interface Window {
    /** A read index.html started before the app loaded (the first page's data). */
    __hashdeskEarly?: { path: string; response: Promise<Response> };
  }
}

/** The early response for `path`, once: later reads of the same path go to the network. */
function takeEarly(path: string, init: RequestInit): Promise<Response> | null {
  const early = typeof window === 'undefined' ? undefined : window.__hashdeskEarly;
  if (!early || early.path !== path || (init.method ?? 'GET') !== 'GET') return null;
  window.__hashdeskEarly = undefined;
  return early.response;
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  const response = await (takeEarly(path, init) ?? fetch(`/api/${path}`, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } }));
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) {
    const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : String(body);
    throw new ApiError(response.status, message);
  }
  return body as T;
}

/** null for a 404 (nothing valued yet), the error otherwise. */
export async function getOrNull<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  try {
    return await getJson<T>(path, signal);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 422)) return null;
    throw error;
  }
}
