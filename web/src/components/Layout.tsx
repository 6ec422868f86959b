/** The frame of every screen: skip link, header with navigation and period picker, breadcrumbs, main. */
import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from '../lib/router';
import { usePeriod } from '../lib/use-period';
import { PeriodPicker } from './PeriodPicker';
import { SessionBadge } from './SessionBadge';

const NAV = [
  {
    path: '/',
    label: 'Overview',
    match: (p: string) =>
      p === '/' || p.startsWith('/value-streams') || p.startsWith('/teams') || p.startsWith('/items'),
  },
  { path: '/compare', label: 'Compare', match: (p: string) => p.startsWith('/compare') },
  { path: '/forecast', label: 'Forecast', match: (p: string) => p.startsWith('/forecast') },
  { path: '/insights', label: 'Insights', match: (p: string) => p.startsWith('/insights') },
  { path: '/data-quality', label: 'Data quality', match: (p: string) => p.startsWith('/data-quality') },
  {
    path: '/organisation',
    label: 'Organisation',
    match: (p: string) => p.startsWith('/organisation') || p.startsWith('/roles') || p.startsWith('/network'),
  },
  { path: '/mappings', label: 'Mappings', match: (p: string) => p.startsWith('/mappings') },
];

function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--accent)" />
      <path
        d="M6 21c4 0 5-10 10-10s6 10 10 10"
        fill="none"
        stroke="var(--surface)"
        strokeWidth="3"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { pathname, search } = useLocation();
  const { period, end } = usePeriod();
  const first = useRef(true);
  // After a navigation, move focus to the new screen's heading (not on the first load). A screen
  // loaded on demand has its heading a moment later: look for it for up to two seconds.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let frame = 0;
    let tries = 0;
    // The new screen's heading, not the old one's (which may stay while the new one loads).
    const selector = `main [data-screen="${CSS.escape(pathname)}"] h1`;
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>(selector);
      if (heading === null) {
        if (tries++ < 120) frame = requestAnimationFrame(focusHeading);
        return;
      }
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    };
    focusHeading();
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
  const keep = new URLSearchParams();
  for (const key of ['from', 'to', 'range']) {
    const value = search.get(key);
    if (value !== null) keep.set(key, value);
  }
  const query = keep.toString() === '' ? '' : `?${keep.toString()}`;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link className="brand" href={`/${query}`} aria-label="Flowlens overview">
            <Logo />
            Flowlens
          </Link>
          <nav className="main-nav" aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.path}>
                  <Link
                    href={`${item.path}${query}`}
                    aria-current={item.match(pathname) ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            <PeriodPicker period={period} end={end} />
          </div>
          <SessionBadge />
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

export function Breadcrumbs({ items }: { items: readonly { label: string; href?: string }[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {items.map((item) => (
          <li key={item.href ?? item.label}>
            {item.href === undefined ? (
              <span aria-current="page">{item.label}</span>
            ) : (
              <Link href={item.href}>{item.label}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function PrecisionNote() {
  return (
    <p className="precision-note">
      Durations in days (d) with one decimal, under a day in hours (h); shares in percent with one decimal.
      Days are UTC; a period runs from its first day to the end of its last. Every figure is from the Flowlens
      API (<a href="/api/v1/openapi.json">OpenAPI</a>).
    </p>
  );
}
