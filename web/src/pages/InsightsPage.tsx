/**
 * Insights: what stands out in a scope over the selected period (GET /api/v1/insights, the rules of
 * docs/insights.md), each with its numbers, a link to the chart that shows them and a recommended
 * action — and the step after: an improvement item (debt or risk) made from an insight in a team's
 * backlog, optionally created in the team's Jira or GitHub too, and the improvement items so far
 * with their status. The scope lives in the URL; the period is the one picked in the header.
 */
import { useId, useState } from 'react';
import { ApiError } from '../api/client';
import {
  createImprovement,
  IMPROVEMENT_STATUSES,
  type Improvement,
  type ImprovementType,
  type Insight,
  type InsightsDocument,
  insightSubject,
  setImprovementStatus,
  type Tracker,
  useImprovements,
  useInsights,
  useTrackers,
} from '../api/insights';
import { useEdit } from '../api/org';
import { useOrg } from '../api/queries';
import type { OrgDocument, OrgTeam } from '../api/types';
import { Breadcrumbs } from '../components/Layout';
import { ScopeSelect } from '../components/ScopeSelect';
import { Empty, Loading, QueryView } from '../components/States';
import { formatDate, formatDecimal } from '../lib/format';
import { Link, updateSearch, useLocation } from '../lib/router';
import {
  itemPath,
  ORGANISATION,
  parseScopeKey,
  type Scope,
  scopeKey,
  scopeName,
  scopeOptions,
  scopeQuery,
} from '../lib/scope';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

const DAY_MS = 86_400_000;

const errorText = (error: unknown) =>
  error instanceof ApiError || error instanceof Error ? error.message : 'The change could not be saved.';

/** The teams an improvement item of this scope can go to. */
function teamsOf(org: OrgDocument | undefined, scope: Scope): readonly OrgTeam[] {
  if (org === undefined) return [];
  const streams = [
    ...org.portfolios.flatMap((p) => (scope.kind === 'portfolio' && p.id !== scope.id ? [] : p.valueStreams)),
    ...(scope.kind === 'portfolio' ? [] : org.valueStreamsWithoutPortfolio),
  ].filter((vs) => scope.kind !== 'valueStream' || vs.id === scope.id);
  const teams = streams.flatMap((vs) => vs.teams);
  if (scope.kind === 'organisation') teams.push(...org.teamsWithoutValueStream);
  if (scope.kind === 'team') return teams.filter((t) => t.id === scope.id);
  return teams;
}

/** A number of the evidence as people read it. */
function formatNumber(key: string, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (/seconds$/i.test(key)) return `${formatDecimal(value / 86_400)} days`;
  if (/share$/i.test(key) && value <= 1) return `${formatDecimal(value * 100)} %`;
  return Number.isInteger(value) ? String(value) : formatDecimal(value);
}

/** A tracker's link, only when it is an http(s) address (anything else is shown as text). */
function TrackerLink({ url, children }: { url: string; children: React.ReactNode }) {
  return /^https?:\/\//i.test(url) ? (
    <a href={url} rel="noreferrer noopener" target="_blank">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
}

const sameScope = (a: Improvement['scope'], b: Improvement['scope']) =>
  a.team === b.team && a.valueStream === b.valueStream && a.portfolio === b.portfolio;

export default function InsightsPage() {
  useTitle('Insights');
  const { search } = useLocation();
  const { period } = usePeriod();
  const href = useHref();
  const org = useOrg();
  const scope = parseScopeKey(search.get('scope')) ?? ORGANISATION;
  const days = period === null ? 28 : Math.round((Date.parse(period.to) - Date.parse(period.from)) / DAY_MS);
  const periodDays = Math.min(366, Math.max(7, days));
  return (
    <>
      <Breadcrumbs items={[{ label: 'Overview', href: href('/') }, { label: 'Insights' }]} />
      <div className="page-head">
        <div>
          <h1>Insights</h1>
          <p className="page-sub">
            What stands out in {scopeName(scope, org.data)} over the {periodDays} days before{' '}
            {period === null ? '…' : formatDate(period.to)}, against the six periods before: each finding with
            its numbers, the chart that shows them and an action — and an improvement item to act on it.
          </p>
        </div>
        <ScopeSelect
          label="Scope"
          value={scope}
          options={scopeOptions(org.data)}
          onChange={(next) => updateSearch({ scope: next.kind === 'organisation' ? null : scopeKey(next) })}
        />
      </div>
      {period === null ? (
        <Loading label="the insights" height={200} />
      ) : (
        <Findings scope={scope} to={period.to} periodDays={periodDays} org={org.data} />
      )}
      <ImprovementList />
    </>
  );
}

function Findings({
  scope,
  to,
  periodDays,
  org,
}: {
  scope: Scope;
  to: string;
  periodDays: number;
  org: OrgDocument | undefined;
}) {
  const insights = useInsights(scopeQuery(scope), to, periodDays);
  const improvements = useImprovements();
  const trackers = useTrackers();
  return (
    <section className="section" aria-labelledby="findings-heading">
      <header>
        <div>
          <h2 id="findings-heading">Findings</h2>
        </div>
      </header>
      <QueryView query={insights} what="the insights" height={200}>
        {(doc) =>
          doc.insights.length === 0 ? (
            <Empty>Nothing stands out in this scope and period.</Empty>
          ) : (
            <div className="insight-list">
              {doc.insights.map((insight) => (
                <InsightCard
                  key={`${insight.rule}:${insightSubject(insight) ?? ''}`}
                  insight={insight}
                  doc={doc}
                  scope={scope}
                  periodDays={periodDays}
                  teams={teamsOf(org, scope)}
                  trackers={trackers.data?.trackers ?? []}
                  made={improvements.data?.improvements.find(
                    (i) =>
                      i.insight.rule === insight.rule &&
                      i.insight.subject === insightSubject(insight) &&
                      sameScope(i.scope, doc.scope) &&
                      i.period.to === doc.period.to,
                  )}
                />
              ))}
            </div>
          )
        }
      </QueryView>
    </section>
  );
}

function InsightCard({
  insight,
  doc,
  scope,
  periodDays,
  teams,
  trackers,
  made,
}: {
  insight: Insight;
  doc: InsightsDocument;
  scope: Scope;
  periodDays: number;
  teams: readonly OrgTeam[];
  trackers: readonly Tracker[];
  made: Improvement | undefined;
}) {
  const href = useHref();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const subject = insightSubject(insight);
  return (
    <article
      className="card insight"
      aria-labelledby={headingId}
      data-rule={insight.rule}
      data-subject={subject ?? ''}
    >
      <header>
        <div>
          <span className={`badge severity-${insight.severity}`}>{insight.severity}</span>
          <h3 id={headingId}>{insight.title}</h3>
        </div>
      </header>
      <p>{insight.explanation}</p>
      <table className="evidence">
        <caption>Evidence</caption>
        <tbody>
          {Object.entries(insight.evidence.numbers).map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td className="num">{formatNumber(key, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href={insight.evidence.chart}>See the chart</Link>
      </p>
      <p className="insight-action">
        <strong>Recommended action:</strong> {insight.action}
      </p>
      {made !== undefined ? (
        <p className="form-ok" data-testid="improvement-made">
          Improvement item <Link href={href(itemPath(made.item.source, made.item.id))}>{made.item.id}</Link> (
          {made.type}, {made.status ?? 'gone'}) in team {made.team}’s backlog
          {made.tracker !== null && (
            <>
              {' '}
              ·{' '}
              <TrackerLink url={made.tracker.url}>
                {made.tracker.key} in {made.tracker.source}
              </TrackerLink>
            </>
          )}
        </p>
      ) : open ? (
        <ImprovementForm
          insight={insight}
          doc={doc}
          scope={scope}
          periodDays={periodDays}
          teams={teams}
          trackers={trackers}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Make an improvement item
        </button>
      )}
    </article>
  );
}

function ImprovementForm({
  insight,
  doc,
  scope,
  periodDays,
  teams,
  trackers,
  onCancel,
}: {
  insight: Insight;
  doc: InsightsDocument;
  scope: Scope;
  periodDays: number;
  teams: readonly OrgTeam[];
  trackers: readonly Tracker[];
  onCancel: () => void;
}) {
  const [type, setType] = useState<ImprovementType>(insight.rule === 'dora-tier-drop' ? 'risk' : 'debt');
  const [team, setTeam] = useState(scope.kind === 'team' ? scope.id : (teams[0]?.id ?? ''));
  const [title, setTitle] = useState(insight.title);
  const [trackerName, setTrackerName] = useState('');
  const tracker = trackers.find((t) => t.source === trackerName);
  const targets = tracker === undefined ? [] : tracker.kind === 'jira' ? tracker.projects : tracker.repos;
  const [target, setTarget] = useState('');
  const make = useEdit(createImprovement);
  const ids = { type: useId(), team: useId(), title: useId(), tracker: useId(), target: useId() };
  const subject = insightSubject(insight);
  const trackerType = tracker?.types[type] ?? null;
  return (
    <form
      className="edit-form"
      aria-label={`Improvement item for: ${insight.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        const where = target !== '' ? target : targets.length === 1 ? targets[0] : undefined;
        make.mutate({
          scope: scopeQuery(scope),
          rule: insight.rule,
          ...(subject === null ? {} : { subject }),
          to: doc.period.to,
          periodDays,
          type,
          ...(scope.kind === 'team' ? {} : { team }),
          ...(title.trim() === insight.title ? {} : { title }),
          ...(tracker === undefined
            ? {}
            : {
                writeBack: {
                  source: tracker.source,
                  ...(where === undefined
                    ? {}
                    : tracker.kind === 'jira'
                      ? { project: where }
                      : { repo: where }),
                },
              }),
        });
      }}
    >
      <label className="field" htmlFor={ids.type}>
        Type
        <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as ImprovementType)}>
          <option value="debt">Debt</option>
          <option value="risk">Risk</option>
        </select>
      </label>
      {scope.kind !== 'team' && (
        <label className="field" htmlFor={ids.team}>
          Backlog of
          <select id={ids.team} value={team} onChange={(e) => setTeam(e.target.value)} required>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field" htmlFor={ids.title}>
        Title
        <input
          id={ids.title}
          type="text"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
      </label>
      <label className="field" htmlFor={ids.tracker}>
        Also create it in
        <select id={ids.tracker} value={trackerName} onChange={(e) => setTrackerName(e.target.value)}>
          <option value="">Flowlens only</option>
          {trackers.map((t) => (
            <option key={t.source} value={t.source}>
              {t.source} ({t.kind === 'jira' ? 'Jira' : 'GitHub'})
            </option>
          ))}
        </select>
      </label>
      {targets.length > 1 && (
        <label className="field" htmlFor={ids.target}>
          {tracker?.kind === 'jira' ? 'Project' : 'Repository'}
          <select id={ids.target} value={target} onChange={(e) => setTarget(e.target.value)} required>
            <option value="">Choose…</option>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      {tracker !== undefined && (
        <p className="muted small">
          {trackerType === null
            ? `${tracker.source}'s mapping has no type counted as ${type}: map one in the mapping editor first.`
            : `Created as a “${trackerType}” ${tracker.kind === 'jira' ? 'issue' : 'labelled issue'} that links back to this evidence; the next sync keeps it up to date.`}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={make.isPending}>
          Make the item
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={make.isPending}>
          Cancel
        </button>
      </div>
      {make.isError && (
        <p className="form-error" role="alert">
          {errorText(make.error)}
        </p>
      )}
    </form>
  );
}

function ImprovementList() {
  const list = useImprovements();
  const href = useHref();
  const move = useEdit(setImprovementStatus);
  return (
    <section className="section" aria-labelledby="improvements-heading" data-testid="improvements">
      <header>
        <div>
          <h2 id="improvements-heading">Improvement items</h2>
          <p>Made from insights, newest first. Items written back to a tracker change status there.</p>
        </div>
      </header>
      <div className="card">
        <QueryView query={list} what="the improvement items" height={120}>
          {(d) =>
            d.improvements.length === 0 ? (
              <p className="muted">None yet: make one from a finding above.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">Title</th>
                      <th scope="col">Team</th>
                      <th scope="col">Type</th>
                      <th scope="col">Status</th>
                      <th scope="col">Tracker</th>
                      <th scope="col">Made</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.improvements.map((i) => (
                      <tr key={i.id} data-improvement={i.id}>
                        <td>
                          <Link href={href(itemPath(i.item.source, i.item.id))}>{i.item.id}</Link>
                        </td>
                        <td>{i.title}</td>
                        <td>{i.team}</td>
                        <td>{i.type}</td>
                        <td>
                          {i.tracker === null ? (
                            <select
                              aria-label={`Status of ${i.item.id}`}
                              value={i.status ?? ''}
                              disabled={move.isPending}
                              onChange={(e) => move.mutate({ id: i.id, status: e.target.value })}
                            >
                              {IMPROVEMENT_STATUSES.map((s) => (
                                <option key={s} value={s}>
                                  {s}
                                </option>
                              ))}
                            </select>
                          ) : (
                            (i.status ?? 'gone')
                          )}
                        </td>
                        <td>
                          {i.tracker === null ? (
                            '—'
                          ) : (
                            <TrackerLink url={i.tracker.url}>{i.tracker.key}</TrackerLink>
                          )}
                        </td>
                        <td>
                          {formatDate(i.createdAt)} by {i.createdBy}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
        {move.isError && (
          <p className="form-error" role="alert">
            {errorText(move.error)}
          </p>
        )}
      </div>
    </section>
  );
}
