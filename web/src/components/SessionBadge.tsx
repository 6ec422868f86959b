/**
 * The header's account corner: on a demo server a clear "Demo — read-only, anonymous" label for
 * visitors who have not signed in; the signed-in user's name and role with "Sign out"; else a
 * "Sign in" link.
 */
import { useQueryClient } from '@tanstack/react-query';
import { signOut, useSession } from '../api/session';
import { Link, navigate, useLocation } from '../lib/router';

export function SessionBadge() {
  const session = useSession();
  const queries = useQueryClient();
  const { pathname, search } = useLocation();
  if (session === null || session.mode === 'trusted') return null;
  const here = encodeURIComponent(pathname + (search.toString() === '' ? '' : `?${search.toString()}`));
  if (!session.authenticated)
    return (
      <div className="session-badge">
        {session.demo && (
          <span className="demo-label" title="Anyone may look at this demo; changes need a sign-in.">
            Demo — read-only, anonymous
          </span>
        )}
        {pathname !== '/login' && (
          <Link className="button small" href={`/login?next=${here}`}>
            Sign in
          </Link>
        )}
      </div>
    );
  return (
    <div className="session-badge">
      <span
        className="session-user"
        title={
          session.principal.valueStream === null ? undefined : `Value stream ${session.principal.valueStream}`
        }
      >
        {session.principal.name} <span className="session-role">({session.principal.role})</span>
      </span>
      <button
        type="button"
        className="button small"
        onClick={() =>
          void signOut().then((after) => {
            queries.clear();
            if (after === null || !after.demo) navigate('/login', { replace: true });
          })
        }
      >
        Sign out
      </button>
    </div>
  );
}
