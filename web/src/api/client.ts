/**
 * GET requests to the Flowlens API; an error answer becomes an ApiError with the API's message. A 401
 * (not signed in) sends the visitor to the sign-in page. The path is relative to `API` and must be one
 * the OpenAPI document has a GET for (`ApiPath`, schema.ts), checked when the UI is type-checked.
 */
import type { ApiPath } from './schema';
import { requireSignIn } from './session';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Params = Record<string, string | number | boolean | undefined | null>;

export function apiUrl(path: ApiPath, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `${API}${path}${query === '' ? '' : `?${query}`}`;
}

export async function apiGet<T>(path: ApiPath, params: Params = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      signal: signal ?? null,
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The Flowlens server cannot be reached. Is it running?');
  }
  if (!response.ok) {
    let code = 'HTTP';
    let message = `The server answered ${response.status} ${response.statusText}`.trim();
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.message !== undefined) message = body.error.message;
      if (body.error?.code !== undefined) code = body.error.code;
    } catch {
      // Not JSON: keep the status line.
    }
    if (response.status === 401) requireSignIn();
    throw new ApiError(response.status, code, message);
  }
  return (await response.json()) as T;
}
