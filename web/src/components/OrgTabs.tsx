/**
 * The organisation screens' tabs (Organisation, Roles, Network). Edits are made as the signed-in
 * account, which the audit trail and the mapping versions record.
 */
import { Link, useLocation } from '../lib/router';
import { useHref } from '../lib/use-period';

const TABS = [
  { path: '/organisation', label: 'Organisation' },
  { path: '/roles', label: 'Roles' },
  { path: '/network', label: 'Network' },
] as const;

export function OrgTabs() {
  const { pathname } = useLocation();
  const href = useHref();
  return (
    <div className="org-bar">
      <nav className="tabs" aria-label="Organisation">
        {TABS.map((tab) => (
          <Link
            key={tab.path}
            href={href(tab.path)}
            aria-current={pathname === tab.path ? 'page' : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
