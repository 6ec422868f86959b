/**
 * A small client-side router over the History API: the location as React state, links that
 * navigate without a reload (and stay ordinary links for a new tab or a copied address), and path
 * patterns with parameters. The screens' state lives in the URL, so every view is a shareable link.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  readonly pathname: string;
  readonly search: URLSearchParams;
  readonly href: string;
}

let cached: Location | null = null;

/** The current location; re-renders on navigation and on the browser's back and forward. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  if (cached === null || cached.href !== href) {
    const url = new URL(href, 'http://flowlens.local');
    cached = { pathname: url.pathname, search: url.searchParams, href };
  }
  return cached;
}

/** Goes to a path in the app (push, or replace the current entry). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  const path = new URL(to, window.location.href).pathname;
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (options.replace !== true && path !== window.location.pathname) window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** Changes some search parameters of the current location (null removes one). */
export function updateSearch(changes: Record<string, string | null>, options: { replace?: boolean } = {}) {
  const search = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') search.delete(key);
    else search.set(key, value);
  }
  const query = search.toString();
  navigate(`${window.location.pathname}${query === '' ? '' : `?${query}`}`, options);
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target !== undefined && rest.target !== '_self')
    )
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

/**
 * Matches a path against a pattern such as `/teams/:id`; parameters are URL-decoded. Null when it
 * does not match.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    const value = have[i] as string;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}
