/**
 * The organisation screens' tabs (Organisation, Roles, Network) and who the edits are made as:
 * until there are accounts, a name kept in this browser and sent as X-Flowlens-Actor.
 */
import { useEffect, useId, useState } from 'react';
import { useActor } from '../api/org';
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
      <ActorField />
    </div>
  );
}

/** "Editing as": the name the audit trail and the mapping versions record. */
export function ActorField() {
  const [actor, setActor] = useActor();
  const [draft, setDraft] = useState(actor);
  const id = useId();
  useEffect(() => setDraft(actor), [actor]);
  return (
    <form
      className="actor-field"
      onSubmit={(event) => {
        event.preventDefault();
        setActor(draft);
      }}
    >
      <label htmlFor={id}>Editing as</label>
      <input
        id={id}
        type="text"
        value={draft}
        placeholder="local"
        maxLength={200}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => setActor(draft)}
      />
    </form>
  );
}
