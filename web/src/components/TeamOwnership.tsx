/**
 * What a team owns and who holds its roles, on the team page: its services and products, the roles
 * held in it now, and where it belonged before (moves between value streams). Edited on the
 * Organisation and Roles screens.
 */
import { ROLE_LABELS, useTeamDetail } from '../api/org';
import { formatDate } from '../lib/format';
import { Link } from '../lib/router';
import { useHref } from '../lib/use-period';
import { QueryView } from './States';

export function TeamOwnership({ id }: { id: string }) {
  const detail = useTeamDetail(id);
  const href = useHref();
  return (
    <section className="section" aria-labelledby="ownership-title" data-testid="team-ownership">
      <header>
        <div>
          <h2 id="ownership-title">Ownership and roles</h2>
          <p>
            The services and products this team owns and who holds its roles;{' '}
            <Link href={href('/organisation', { select: `team:${id}` })}>edit them</Link>.
          </p>
        </div>
      </header>
      <QueryView query={detail} what="what the team owns" height={120}>
        {(d) => (
          <div className="grid ownership">
            <div className="card">
              <h3>Services</h3>
              {d.services.length === 0 ? (
                <p className="muted">No services.</p>
              ) : (
                <ul className="plain" data-testid="team-services">
                  {d.services.map((s) => (
                    <li key={s.id} data-service={s.id}>
                      {s.name} <span className="muted mono">{s.id}</span>
                      {s.repository != null && <span className="muted"> · {s.repository}</span>}
                      {s.archived !== null && <span className="badge archived">archived</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="card">
              <h3>Products</h3>
              {d.products.length === 0 ? (
                <p className="muted">No products.</p>
              ) : (
                <ul className="plain" data-testid="team-products">
                  {d.products.map((p) => (
                    <li key={p.id} data-product={p.id}>
                      {p.name} <span className="muted mono">{p.id}</span>
                      {p.description != null && <span className="muted"> · {p.description}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="card">
              <h3>Roles</h3>
              {d.roles.length === 0 ? (
                <p className="muted">No one holds a role in this team.</p>
              ) : (
                <ul className="plain" data-testid="team-roles">
                  {d.roles.map((r) => (
                    <li key={r.id}>
                      {ROLE_LABELS[r.role]}: {r.personName}
                      {r.from !== null && <span className="muted"> since {formatDate(r.from)}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {!d.roles.some((r) => r.role === 'product-owner') && (
                <p className="warn-text">No product owner: nobody orders this team’s backlog.</p>
              )}
            </div>
            {(d.team.history?.length ?? 0) > 0 && (
              <div className="card">
                <h3>Where it was</h3>
                <ul className="plain" data-testid="team-history">
                  {d.team.history?.map((h) => (
                    <li key={h.to}>
                      {h.parent ?? '(no value stream)'}{' '}
                      {h.from === null ? 'until' : `from ${formatDate(h.from)} until`} {formatDate(h.to)}
                    </li>
                  ))}
                  <li>
                    {d.valueStream?.name ?? '(no value stream)'} since{' '}
                    {formatDate(d.team.history?.at(-1)?.to)}
                  </li>
                </ul>
              </div>
            )}
          </div>
        )}
      </QueryView>
    </section>
  );
}
