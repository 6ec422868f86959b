/**
 * Item: one work item's timeline. Every status it passed through with its duration, active or
 * waiting, coloured by stage; its facts; the changes, deployments and incidents linked to it; and a
 * link back to the source tool.
 */

import { ApiError } from '../api/client';
import { useItem, useOrg } from '../api/queries';
import type { ItemDocument } from '../api/types';
import { FlowTypeBadge, StateBadge } from '../components/Badges';
import { Breadcrumbs, PrecisionNote } from '../components/Layout';
import { ShareBar } from '../components/ShareBar';
import { Empty, ErrorState, Loading } from '../components/States';
import { capitalize, formatDate, formatDateTime, formatDuration, formatPercent } from '../lib/format';
import { safeExternalUrl } from '../lib/links';
import { Link } from '../lib/router';
import { findTeam, itemPath } from '../lib/scope';
import { useHref } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

export default function ItemPage({ params }: { params: Record<string, string> }) {
  const source = params.source as string;
  const id = params.id as string;
  const item = useItem(source, id);
  const org = useOrg();
  const href = useHref();
  useTitle(item.data?.item.title ? `${id}: ${item.data.item.title}` : id);
  const team = item.data?.item.team ?? null;
  const found = team === null ? undefined : findTeam(org.data, team);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Overview', href: href('/') },
          ...(found?.valueStream
            ? [
                {
                  label: found.valueStream.name,
                  href: href(`/value-streams/${encodeURIComponent(found.valueStream.id)}`),
                },
              ]
            : []),
          ...(found
            ? [{ label: found.team.name, href: href(`/teams/${encodeURIComponent(found.team.id)}`) }]
            : []),
          { label: id },
        ]}
      />
      {item.isPending ? (
        <>
          <div className="page-head">
            <h1>{id}</h1>
          </div>
          <Loading label="the item" height={320} />
        </>
      ) : item.isError ? (
        <>
          <div className="page-head">
            <h1>{id}</h1>
          </div>
          {item.error instanceof ApiError && item.error.status === 404 ? (
            <Empty>
              There is no work item <code>{id}</code> in <code>{source}</code>.
            </Empty>
          ) : (
            <ErrorState error={item.error} what="the item" onRetry={() => void item.refetch()} />
          )}
        </>
      ) : (
        <ItemBody doc={item.data} teamName={found?.team.name ?? null} />
      )}
      <PrecisionNote />
    </>
  );
}

function ItemBody({ doc, teamName }: { doc: ItemDocument; teamName: string | null }) {
  const href = useHref();
  const { item, facts } = doc;
  const efficiency =
    facts.activeTime !== null && facts.flowTime !== null && facts.flowTime > 0
      ? facts.activeTime / facts.flowTime
      : null;
  const spans = facts.spans;
  // The bar runs from creation to completion (or to now): time in the final done status is not
  // part of the item's flow.
  const start = Math.min(Date.parse(facts.createdAt), Date.parse(spans[0]?.from ?? facts.createdAt));
  const end = facts.completedAt === null ? Date.parse(facts.asOf) : Date.parse(facts.completedAt);
  const total = Math.max(1, end - start);
  const clip = (s: { from: string; to: string }) =>
    Math.max(0, Math.min(Date.parse(s.to), end) - Math.max(Date.parse(s.from), start));
  const finalDone = (i: number) => i === spans.length - 1 && facts.completedAt !== null;
  const stageKeys = Object.keys(facts.timePerStage);
  const stageTotal = stageKeys.reduce((n, k) => n + (facts.timePerStage[k] ?? 0), 0);
  return (
    <>
      <div className="page-head">
        <div>
          <div className="item-title">
            <h1>
              <span className="mono">{item.id}</span>
              {item.title !== null && <>: {item.title}</>}
            </h1>
          </div>
          <p className="page-sub">
            <FlowTypeBadge type={item.flowType} /> {item.type}
            {!item.typeMapped && <> (unmapped type)</>} ·{' '}
            <StateBadge state={facts.currentState} label={facts.currentStatus} /> · {item.source}
            {item.team !== null && (
              <>
                {' · '}
                <Link href={href(`/teams/${encodeURIComponent(item.team)}`)}>{teamName ?? item.team}</Link>
              </>
            )}
            {item.parent !== null && (
              <>
                {' · parent '}
                <Link href={href(itemPath(item.source, item.parent))}>{item.parent}</Link>
              </>
            )}
          </p>
          {item.container && (
            <p className="container-note" data-testid="item-container">
              A container:{' '}
              {item.children.length === 1 ? '1 item names' : `${item.children.length} items name`} it as their
              parent, so it is not a flow item and is left out of every metric (its children are counted
              instead).
            </p>
          )}
        </div>
        {item.url !== null &&
          (safeExternalUrl(item.url) !== null ? (
            <a
              className="button"
              href={safeExternalUrl(item.url) as string}
              target="_blank"
              rel="noreferrer noopener"
            >
              Open in {item.source.split(':')[0]} ↗
            </a>
          ) : (
            // Not an http(s) address (a `javascript:` URL, a path…): shown, never a link.
            <span className="muted item-link-text" data-testid="item-url-text" title="Not an http(s) link">
              {item.url}
            </span>
          ))}
      </div>

      <div className="facts" data-testid="item-facts">
        <Fact
          label="Lead time"
          value={formatDuration(facts.leadTime)}
          metric="leadTime"
          sub={`created ${formatDate(facts.createdAt)}`}
        />
        <Fact
          label="Flow time"
          value={formatDuration(facts.flowTime)}
          metric="flowTime"
          sub={facts.startedAt === null ? 'not started' : `started ${formatDate(facts.startedAt)}`}
        />
        <Fact
          label="Active time"
          value={formatDuration(facts.activeTime)}
          metric="activeTime"
          sub={`efficiency ${formatPercent(efficiency)}`}
        />
        {facts.completedAt !== null ? (
          <Fact
            label="Completed"
            value={formatDate(facts.completedAt)}
            metric="completedAt"
            sub={formatDateTime(facts.completedAt)}
          />
        ) : (
          <Fact
            label="Age"
            value={formatDuration(facts.age)}
            metric="age"
            sub={`in progress, as of ${formatDate(facts.asOf)}`}
          />
        )}
      </div>
      {(facts.flags.changeBeforeCreation || facts.flags.statusDisagrees || facts.flags.clockSkew) && (
        <ul className="warnings">
          {facts.flags.changeBeforeCreation && (
            <li>⚠ A status change precedes the item's creation: it is taken to be created then.</li>
          )}
          {facts.flags.clockSkew && !facts.flags.changeBeforeCreation && (
            <li>
              ⚠ A status change lies more than 5 minutes in the future (clock skew between the tools): it
              counts from its time.
            </li>
          )}
          {facts.flags.statusDisagrees && (
            <li>⚠ The item's status field disagrees with its last status change.</li>
          )}
        </ul>
      )}

      <section className="section card" aria-labelledby="timeline-heading">
        <header>
          <div>
            <h2 id="timeline-heading">Timeline</h2>
            <p className="card-desc">
              From creation to {facts.completedAt === null ? 'now' : 'completion'}: each status in order, its
              width its duration, coloured by stage; striped: waiting.
            </p>
          </div>
        </header>
        {spans.length === 0 ? (
          <Empty>No status history.</Empty>
        ) : (
          <>
            <div
              className="timeline-bar"
              role="img"
              aria-label={`Timeline of ${spans.length} statuses from ${formatDate(facts.createdAt)}; the table below lists them`}
            >
              {spans.map((s, i) => (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: spans are positions in a fixed history
                  key={i}
                  className={s.state}
                  style={{
                    width: `${(clip(s) / total) * 100}%`,
                    background: `var(--c-${s.stage})`,
                    display: clip(s) > 0 ? undefined : 'none',
                  }}
                  title={`${s.status} (${s.stage}, ${s.state}): ${formatDuration(s.seconds)}`}
                />
              ))}
            </div>
            <div className="timeline-axis">
              <span>created {formatDate(new Date(start).toISOString())}</span>
              <span>{facts.completedAt === null ? 'now' : `completed ${formatDate(facts.completedAt)}`}</span>
            </div>
            {stageTotal > 0 && (
              <div style={{ marginTop: 12 }}>
                <ShareBar
                  legend
                  label="Time per stage"
                  shares={stageKeys.map((k) => ({
                    key: k,
                    label: capitalize(k),
                    value: (facts.timePerStage[k] ?? 0) / stageTotal,
                  }))}
                />
              </div>
            )}
            <div className="table-wrap" style={{ marginTop: 12 }}>
              <table data-testid="item-spans">
                <caption>Statuses in order ({spans.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Stage</th>
                    <th scope="col">State</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col" className="num">
                      Duration
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {spans.map((s, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: spans are positions in a fixed history
                    <tr key={i}>
                      <td>{s.status}</td>
                      <td>
                        <span
                          className="swatch"
                          style={{ background: `var(--c-${s.stage})`, marginRight: 6 }}
                          aria-hidden="true"
                        />
                        {capitalize(s.stage)}
                      </td>
                      <td>
                        <StateBadge state={s.state} />
                      </td>
                      <td className="nowrap">{formatDateTime(s.from)}</td>
                      <td className="nowrap">{i === spans.length - 1 ? 'now' : formatDateTime(s.to)}</td>
                      <td className="num" data-metric="spanDuration">
                        {formatDuration(s.seconds)}
                        {finalDone(i) && <div className="tile-sub">since completion</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <div className="grid cols-3 section">
        <section className="card" aria-labelledby="changes-heading">
          <header>
            <h2 id="changes-heading">Changes ({doc.changes.length})</h2>
          </header>
          {doc.changes.length === 0 ? (
            <p className="muted">No pull or merge request names this item.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Merged</th>
                  <th scope="col">Reviewed</th>
                </tr>
              </thead>
              <tbody>
                {doc.changes.map((c) => (
                  <tr key={`${c.source}/${c.id}`}>
                    <td>
                      <span className="mono">{c.id}</span>
                      <div className="tile-sub">{c.repository ?? c.source}</div>
                    </td>
                    <td className="nowrap">{formatDateTime(c.mergedAt)}</td>
                    <td>{c.reviewed === null ? '—' : c.reviewed ? 'yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="deployments-heading">
          <header>
            <h2 id="deployments-heading">Deployments ({doc.deployments.length})</h2>
          </header>
          {doc.deployments.length === 0 ? (
            <p className="muted">None of its changes has been deployed.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Where</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {doc.deployments.map((d) => (
                  <tr key={`${d.source}/${d.id}`}>
                    <td className="nowrap">{formatDateTime(d.at)}</td>
                    <td>
                      {d.service} · {d.environment}
                      {d.production && (
                        <span className="badge" style={{ marginLeft: 6 }}>
                          production
                        </span>
                      )}
                    </td>
                    <td>
                      <StateBadge state={d.status === 'success' ? 'done' : 'cancelled'} label={d.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="incidents-heading">
          <header>
            <h2 id="incidents-heading">Incidents ({doc.incidents.length})</h2>
          </header>
          {doc.incidents.length === 0 ? (
            <p className="muted">No incident names a deployment of this item.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Resolved</th>
                </tr>
              </thead>
              <tbody>
                {doc.incidents.map((i) => (
                  <tr key={`${i.source}/${i.id}`}>
                    <td>
                      <span className="mono">{i.id}</span>
                      {i.severity !== null && <div className="tile-sub">{i.severity}</div>}
                    </td>
                    <td className="nowrap">{formatDateTime(i.openedAt)}</td>
                    <td>{i.resolvedAt === null ? 'unresolved' : formatDateTime(i.resolvedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}

function Fact({ label, value, sub, metric }: { label: string; value: string; sub: string; metric: string }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value" data-metric={metric}>
        {value}
      </div>
      <div className="tile-sub">{sub}</div>
    </div>
  );
}
