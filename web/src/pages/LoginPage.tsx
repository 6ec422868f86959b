/**
 * The sign-in page: name and password, and single sign-on when the server has it. Reached from the
 * header's "Sign in" or after any 401; returns to the page the visitor came from (`?next=`). A
 * refused single sign-on comes back here with its reason (`?error=`).
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { API, ApiError } from '../api/client';
import type { ApiPath } from '../api/schema';
import { signIn, useSession } from '../api/session';
import { navigate, useLocation } from '../lib/router';

/** Where single sign-on starts (a link, GET), checked against the documented paths. */
const OIDC_LOGIN = '/auth/oidc/login' satisfies ApiPath;

/** Only a path of this app: never another site (an open redirect). */
function safeNext(value: string | null): string {
  if (value === null || !value.startsWith('/')) return '/';
  // `//host` and `/\host` leave the site; the sign-in page itself is no destination.
  return /^\/[/\\]/.test(value) || value.startsWith('/login') ? '/' : value;
}

export function LoginPage() {
  const { search } = useLocation();
  const session = useSession();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(search.get('error'));
  const [busy, setBusy] = useState(false);
  const next = safeNext(search.get('next'));
  useEffect(() => {
    document.title = 'Sign in · Flowlens';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(name, password);
      queries.clear();
      navigate(next, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The sign-in failed.');
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <h1>Sign in to Flowlens</h1>
      {session?.authenticated === true && session.principal.kind === 'user' && (
        <p className="page-sub">You are signed in as {session.principal.name}.</p>
      )}
      {session?.demo === true && (
        <p className="page-sub">This is a demo: anyone may look around; signing in lets you make changes.</p>
      )}
      <form className="login-form" onSubmit={(event) => void submit(event)} aria-label="Sign in">
        <label className="field">
          Name
          <input
            type="text"
            name="username"
            autoComplete="username"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          {session?.oidc === true && (
            <a className="button" href={`${API}${OIDC_LOGIN}`}>
              Sign in with single sign-on
            </a>
          )}
        </div>
      </form>
    </div>
  );
}

export default LoginPage;
