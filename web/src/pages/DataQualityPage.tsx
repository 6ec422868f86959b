/**
 * Data quality: what keeps the numbers from being complete, each row saying what to fix and where.
 * Unmapped statuses and types per source, items with no team, unlinked changes, incidents with no
 * deployment and the rest of the metrics' data-quality block, with example items to open.
 */
import { useDataQualityItems, useMetrics, useOrg } from '../api/queries';
import type { DataQualityItemsDocument, ItemRef, MetricsDocument } from '../api/types';
import { Breadcrumbs, PrecisionNote } from '../components/Layout';
import { ScopeSelect } from '../components/ScopeSelect';
import { ErrorState, Loading } from '../components/States';
import { formatCount, formatPeriod } from '../lib/format';
import { Link, updateSearch, useLocation } from '../lib/router';
import {
  itemPath,
  ORGANISATION,
  parseScopeKey,
  scopeKey,
  scopeName,
  scopeOptions,
  scopeQuery,
} from '../lib/scope';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

interface Issue {
  readonly id: string;
  readonly issue: string;
  readonly where: string;
  readonly count: number;
  readonly unit: string;
  readonly fix: string;
  readonly items?: readonly ItemRef[];
  readonly ids?: readonly string[];
  /** Over the period (true) or all the history of the scope's items (false). */
  readonly inPeriod: boolean;
  readonly severity: 'warning' | 'info';
}

function issues(m: MetricsDocument, d: DataQualityItemsDocument): Issue[] {
  const q = m.dataQuality;
  const list: Issue[] = [];
  for (const s of d.unmappedStatuses)
    list.push({
      id: `status:${s.source}:${s.status}`,
      issue: `Unmapped status “${s.status}”`,
      where: `mapping of ${s.source}`,
      count: s.items,
      unit: 'items',
      fix: `Add “${s.status}” to the statuses of the ${s.source} mapping, with its stage and state, and import the mapping again. Until then it counts as waiting in an “unmapped” stage. The items' facts are recomputed on import.`,
      items: s.examples,
      inPeriod: false,
      severity: 'warning',
    });
  for (const t of d.unmappedTypes)
    list.push({
      id: `type:${t.source}:${t.type}`,
      issue: `Unmapped type “${t.type}”`,
      where: `mapping of ${t.source}`,
      count: t.items,
      unit: 'items',
      fix: `Add “${t.type}” to the types of the ${t.source} mapping as feature, defect, risk or debt. Until then these items count as features.`,
      items: t.examples,
      inPeriod: false,
      severity: 'warning',
    });
  if (d.unmappedStatuses.length === 0)
    list.push({
      id: 'status:none',
      issue: 'Unmapped statuses',
      where: 'mappings',
      count: 0,
      unit: 'items',
      fix: 'Every status of these items is mapped to a stage and a state.',
      inPeriod: false,
      severity: 'warning',
    });
  if (d.unmappedTypes.length === 0)
    list.push({
      id: 'type:none',
      issue: 'Unmapped types',
      where: 'mappings',
      count: 0,
      unit: 'items',
      fix: 'Every type of these items is mapped to a flow type.',
      inPeriod: false,
      severity: 'warning',
    });
  const itemIssue = (
    id: string,
    issue: string,
    e: { count: number; examples: readonly ItemRef[] },
    fix: string,
    where: string,
  ) => {
    list.push({
      id,
      issue,
      where,
      count: e.count,
      unit: 'items',
      fix,
      items: e.examples,
      inPeriod: false,
      severity: 'warning',
    });
  };
  itemIssue(
    'no-team',
    'Items with no team',
    d.itemsWithoutTeam,
    'Set the team of these work items in the source tool (or `team` in the import): without one they count for the organisation only, not for any team, value stream or portfolio.',
    'work items',
  );
  itemIssue(
    'status-disagrees',
    'Status disagrees with the history',
    d.statusDisagreements,
    "The item's current status differs from where its status changes end: import its missing transitions from the source tool.",
    'transitions',
  );
  itemIssue(
    'before-creation',
    'Status change before creation',
    d.changesBeforeCreation,
    "A status change is earlier than the item's createdAt (clock skew between tools); the item is taken to be created at that change. Check createdAt in the source.",
    'work items',
  );
  list.push({
    id: 'out-of-order',
    issue: 'Status changes imported out of order',
    where: 'imports',
    count: q.outOfOrderChanges,
    unit: 'changes',
    fix: 'Some changes arrived after later changes of the same item. The metrics are right, but a sync that misses changes would show this: import full histories in time order.',
    inPeriod: false,
    severity: 'info',
  });
  const recordIssue = (
    id: string,
    issue: string,
    e: { count: number; examples: readonly string[] },
    unit: string,
    where: string,
    fix: string,
  ) => {
    list.push({
      id,
      issue,
      where,
      count: e.count,
      unit,
      fix,
      ids: e.examples,
      inPeriod: true,
      severity: 'warning',
    });
  };
  recordIssue(
    'unlinked-changes',
    'Changes linked to no work item',
    q.unlinkedChanges,
    'changes',
    'changes (pull/merge requests)',
    'Name the work item in each change (its `items`: the issue key in the pull request title, branch or description), so delivery can be traced to the work it ships.',
  );
  recordIssue(
    'deployments-without-changes',
    'Deployments listing no change',
    q.deploymentsWithoutChanges,
    'deployments',
    'deployments',
    "List the changes each production deployment ships (`changes` of the deployment, e.g. from the CI pipeline's commit range); they are left out of lead time for changes.",
  );
  recordIssue(
    'unattributed-incidents',
    'Incidents with no deployment',
    q.unattributedIncidents,
    'incidents',
    'incidents',
    "Set `causedBy` to the deployment that caused each incident, or import the service's deployments: an incident with no deployment before it cannot count in change failure rate.",
  );
  recordIssue(
    'unresolved-incidents',
    'Unresolved incidents',
    q.unresolvedIncidents,
    'incidents',
    'incidents',
    'Resolve them in the incident tool (`resolvedAt`): until then they are listed, not counted, in recovery time.',
  );
  recordIssue(
    'negative-lead-times',
    'Changes deployed before their first commit',
    q.negativeLeadTimes,
    'changes',
    'changes',
    "The change's first commit is later than its deployment (clock skew); it is left out of lead time for changes. Check firstCommitAt in the source.",
  );
  for (const r of q.mappingsToReview)
    list.push({
      id: `review:${r.source}:${r.team ?? ''}`,
      issue: 'Proposed mapping not reviewed',
      where: `mapping of ${r.source}${r.team === null ? '' : ` for team ${r.team}`}`,
      count: 1,
      unit: 'mapping',
      fix: `${r.proposedBy} proposed this mapping from the tool's status categories and labels: its stages, states and flow types are a guess. Check it with \`flowlens mapping show ${r.source}\` and accept it (\`flowlens mapping accept ${r.source}\`) or import a corrected one.`,
      inPeriod: false,
      severity: 'warning',
    });
  if (q.pendingItems > 0)
    list.push({
      id: 'pending',
      issue: 'Items waiting for their facts',
      where: 'the server',
      count: q.pendingItems,
      unit: 'items',
      fix: 'These items changed and are being recomputed; reload in a moment.',
      inPeriod: false,
      severity: 'info',
    });
  if (q.duplicateRecords > 0)
    list.push({
      id: 'duplicates',
      issue: 'Records imported again unchanged',
      where: 'imports (whole organisation)',
      count: q.duplicateRecords,
      unit: 'records',
      fix: 'Nothing to fix: importing the same records again changes nothing. A large number may mean a sync re-sends everything each time.',
      inPeriod: false,
      severity: 'info',
    });
  return list;
}

export default function DataQualityPage() {
  useTitle('Data quality');
  const { search } = useLocation();
  const { period } = usePeriod();
  const org = useOrg();
  const href = useHref();
  const scope = parseScopeKey(search.get('scope')) ?? ORGANISATION;
  const metrics = useMetrics(scopeQuery(scope), period ?? { from: '', to: '' }, period !== null);
  const items = useDataQualityItems(scopeQuery(scope));
  const options = scopeOptions(org.data);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Overview', href: href('/') }, { label: 'Data quality' }]} />
      <div className="page-head">
        <div>
          <h1>Data quality</h1>
          <p className="page-sub">
            What keeps the numbers of {scopeName(scope, org.data)} from being complete, and how to fix it.
          </p>
        </div>
        <ScopeSelect
          label="Scope"
          value={scope}
          options={options}
          onChange={(next) => updateSearch({ scope: next.kind === 'organisation' ? null : scopeKey(next) })}
        />
      </div>
      {period === null || metrics.isPending || items.isPending ? (
        <Loading label="data quality" height={300} />
      ) : metrics.isError || items.isError ? (
        <ErrorState
          error={metrics.error ?? items.error}
          what="data quality"
          onRetry={() => {
            void metrics.refetch();
            void items.refetch();
          }}
        />
      ) : (
        <IssueTable list={issues(metrics.data, items.data)} period={period} />
      )}
      <PrecisionNote />
    </>
  );
}

/** Text with `code` spans. */
function Rich({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <code key={i}>{part}</code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const rank = (i: Issue) => (i.count === 0 ? 2 : i.severity === 'warning' ? 0 : 1);

function IssueTable({ list: unsorted, period }: { list: Issue[]; period: { from: string; to: string } }) {
  const href = useHref();
  // To fix first, then information, then the checks that passed; the order within each is kept.
  const list = unsorted
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i)
    .map((x) => x.issue);
  const warnings = list.filter((i) => i.severity === 'warning' && i.count > 0);
  return (
    <>
      <p className="summary-line">
        <span>
          <b data-metric="issues">{formatCount(warnings.length)}</b> issues to fix
        </span>
        <span>
          Item counts cover all the history of the scope's items; delivery counts (changes, deployments,
          incidents) cover {formatPeriod(period.from, period.to)}.
        </span>
      </p>
      {warnings.length === 0 && (
        <p className="ok-note">
          ✓ Nothing to fix: every status and type is mapped, every item has a team, and delivery is linked.
        </p>
      )}
      {
        <div className="card section">
          <div className="table-wrap">
            <table data-testid="quality-table">
              <caption>Data-quality issues, most items first within each kind</caption>
              <thead>
                <tr>
                  <th scope="col">Issue</th>
                  <th scope="col">Where</th>
                  <th scope="col" className="num">
                    Count
                  </th>
                  <th scope="col">What to fix</th>
                  <th scope="col">Examples</th>
                </tr>
              </thead>
              <tbody>
                {list.map((issue) => (
                  <tr key={issue.id} data-row={issue.id} className={issue.count === 0 ? 'passed' : undefined}>
                    <td style={{ minWidth: 180 }}>
                      <strong>
                        {issue.count === 0 ? '✓ ' : issue.severity === 'warning' ? '⚠ ' : ''}
                        {issue.issue}
                      </strong>
                      <div className="tile-sub">{issue.inPeriod ? 'in the period' : 'all history'}</div>
                    </td>
                    <td>{issue.where}</td>
                    <td className="num" data-metric="count">
                      {formatCount(issue.count)} <span className="muted">{issue.unit}</span>
                    </td>
                    <td className="fix" style={{ maxWidth: 460 }}>
                      {issue.count === 0 && issue.id.endsWith(':none') === false ? (
                        'Nothing to fix.'
                      ) : (
                        <Rich text={issue.fix} />
                      )}
                    </td>
                    <td style={{ maxWidth: 260 }}>
                      <div className="examples">
                        {issue.items?.slice(0, 5).map((ref) => (
                          <Link
                            key={`${ref.source}/${ref.id}`}
                            className="mono"
                            href={href(itemPath(ref.source, ref.id))}
                          >
                            {ref.id}
                          </Link>
                        ))}
                        {issue.ids?.slice(0, 5).map((id) => (
                          <code key={id}>{id}</code>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      }
    </>
  );
}
