/**
 * The signed-in session as the web UI knows it: who (or anonymous, on a demo server), the CSRF
 * token every change must carry (X-CSRF-Token), whether this is a demo and whether single sign-on
 * is configured. Read from `GET /api/v1/session` at start and after signing in or out; a 401 from
 * any request sends the visitor to the sign-in page, which returns them where they were.
 */
import { useSyncExternalStore } from 'react';
import { API, ApiError } from './client';
import type { Accepted, Answers, ApiAnswer, ApiPath, Assert } from './schema';

/** GET /session: who the request acts as, its CSRF token, the server's authentication mode. */
export type SessionInfo = ApiAnswer<'/api/v1/session'>;
export type Principal = SessionInfo['principal'];

/** Where the session is read (GET), signed in (POST) and out (DELETE), relative to `API`. */
const SESSION = '/session';

// Signing in answers the session as GET /session does; the document has the three operations the
// requests below make on SESSION (these fetches do not go through apiGet/apiSend).
type _Checks = [
  Assert<Answers<ApiAnswer<'/api/v1/session', 'post'>, SessionInfo>>,
  Assert<Accepted<typeof SESSION, ApiPath<'get'>>>,
  Assert<Accepted<typeof SESSION, ApiPath<'post'>>>,
  Assert<Accepted<typeof SESSION, ApiPath<'delete'>>>,
];

let current: SessionInfo | null = null;
let loading: Promise<SessionInfo | null> | null = null;
const listeners = new Set<() => void>();

function publish(next: SessionInfo | null) {
  current = next;
  for (const listener of listeners) listener();
}

/** Reads the session from the server (again). */
export function loadSession(): Promise<SessionInfo | null> {
  loading = fetch(`${API}${SESSION}`, { headers: { accept: 'application/json' } })
    .then(async (response) => (response.ok ? ((await response.json()) as SessionInfo) : null))
    .catch(() => null)
    .then((session) => {
      publish(session);
      return session;
    });
  return loading;
}

/** The session; null until it is read (or when the server cannot be reached). */
export function useSession(): SessionInfo | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      if (current === null && loading === null) void loadSession();
      return () => listeners.delete(listener);
    },
    () => current,
    () => current,
  );
}

/** The headers a change needs: the CSRF token of a cookie session. */
export async function csrfHeaders(): Promise<Record<string, string>> {
  const session = current ?? (await (loading ?? loadSession()));
  return session?.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
}

/** Sends the visitor to the sign-in page (once), to come back here afterwards. */
export function requireSignIn(): void {
  if (window.location.pathname === '/login') return;
  const next = window.location.pathname + window.location.search;
  window.history.pushState(null, '', `/login?next=${encodeURIComponent(next)}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export async function signIn(name: string, password: string): Promise<SessionInfo> {
  const response = await fetch(`${API}${SESSION}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(await csrfHeaders()) },
    body: JSON.stringify({ name, password }),
  }).catch(() => {
    throw new ApiError(0, 'NETWORK', 'The Flowlens server cannot be reached. Is it running?');
  });
  const body = (await response.json().catch(() => null)) as
    | (SessionInfo & { error?: { code?: string; message?: string } })
    | null;
  if (!response.ok || body === null)
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'HTTP',
      body?.error?.message ?? `The server answered ${response.status}`,
    );
  publish(body);
  return body;
}

/** Signs out; resolves with the session after it (anonymous). */
export async function signOut(): Promise<SessionInfo | null> {
  await fetch(`${API}${SESSION}`, { method: 'DELETE', headers: await csrfHeaders() }).catch(() => undefined);
  return loadSession();
}
