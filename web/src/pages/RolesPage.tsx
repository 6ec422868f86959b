/**
 * Roles: for each value stream, the matrix of the DVS roles (product management, program
 * management, across value streams) × who holds them, for the value stream and in each team; the
 * gaps (a role nobody holds, a team with no product owner) and the overloaded people, each with why
 * it matters; the overload limits; and the assignments, to add, end or remove. At any date.
 */
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/client';
import {
  type Assignment,
  apiSend,
  type CoverageRow,
  type Limits,
  type Overload,
  ROLE_LABELS,
  ROLE_NAMES,
  type RoleName,
  type StreamCoverage,
  useAssignments,
  useEdit,
  useOrgModel,
  useRoles,
} from '../api/org';
import { DataTable } from '../components/DataTable';
import { Breadcrumbs } from '../components/Layout';
import { OrgTabs } from '../components/OrgTabs';
import { Empty, QueryView } from '../components/States';
import { formatCount, formatDate } from '../lib/format';
import { isDay } from '../lib/period';
import { Link, updateSearch, useLocation } from '../lib/router';
import { useHref } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

const GROUPS = [
  { group: 'product', label: 'Product management' },
  { group: 'program', label: 'Program management' },
  { group: 'architecture', label: 'Across value streams' },
] as const;

const errorText = (error: unknown) =>
  error instanceof ApiError || error instanceof Error ? error.message : 'The change could not be saved.';

export default function RolesPage() {
  useTitle('Roles');
  const { search } = useLocation();
  const asOf = isDay(search.get('asOf')) ? (search.get('asOf') as string) : undefined;
  const only = search.get('valueStream');
  const roles = useRoles(asOf);
  const asOfId = useId();
  const streamId = useId();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Organisation', href: '/organisation' }, { label: 'Roles' }]} />
      <div className="page-head">
        <div>
          <h1>Roles</h1>
          <p className="page-sub">
            Who holds the DVS roles in each value stream, the gaps and who is stretched too thin
            {roles.data !== undefined && <> · as of {formatDate(roles.data.asOf)}</>}
          </p>
        </div>
      </div>
      <OrgTabs />
      <QueryView query={roles} what="the role coverage" height={400}>
        {(data) => {
          const streams = data.valueStreams.filter((v) => only === null || v.valueStream.id === only);
          const gaps = streams.reduce((n, v) => n + v.gaps.length, 0);
          return (
            <>
              <div className="filters">
                <label className="field" htmlFor={streamId}>
                  Value stream
                  <select
                    id={streamId}
                    value={only ?? ''}
                    onChange={(e) => updateSearch({ valueStream: e.target.value || null })}
                  >
                    <option value="">All value streams</option>
                    {data.valueStreams.map((v) => (
                      <option key={v.valueStream.id} value={v.valueStream.id}>
                        {v.valueStream.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field" htmlFor={asOfId}>
                  As of
                  <input
                    id={asOfId}
                    type="date"
                    value={asOf ?? ''}
                    onChange={(e) => updateSearch({ asOf: e.target.value || null })}
                  />
                </label>
                <LimitsForm limits={data.limits} />
              </div>
              <p className="roles-summary" data-testid="roles-summary">
                <strong data-metric="gaps">{formatCount(gaps)}</strong> {gaps === 1 ? 'gap' : 'gaps'} ·{' '}
                <strong data-metric="overloaded">{formatCount(data.overloaded.length)}</strong> overloaded{' '}
                {data.overloaded.length === 1 ? 'person' : 'people'} (limits: {data.limits.maxTeams} teams,{' '}
                {data.limits.maxValueStreams} value streams per person; {data.limits.maxFacilitatedTeams}{' '}
                teams per facilitator)
              </p>
              {streams.length === 0 ? (
                <Empty>No value streams: add one on the Organisation screen.</Empty>
              ) : (
                streams.map((v) => <StreamCard key={v.valueStream.id} coverage={v} />)
              )}
              <AssignmentsSection />
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function LimitsForm({ limits }: { limits: Limits }) {
  const [draft, setDraft] = useState(limits);
  const save = useEdit((body: Limits) => apiSend<Limits>('PUT', '/roles/settings', body));
  const ids = { teams: useId(), streams: useId(), facilitated: useId() };
  const field = (key: keyof Limits, id: string, label: string) => (
    <label className="field" htmlFor={id}>
      {label}
      <input
        id={id}
        type="number"
        min={1}
        max={1000}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
        style={{ width: 80 }}
      />
    </label>
  );
  return (
    <form
      className="limits-form"
      data-testid="limits-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save.mutate(draft);
      }}
    >
      {field('maxTeams', ids.teams, 'Max teams')}
      {field('maxValueStreams', ids.streams, 'Max value streams')}
      {field('maxFacilitatedTeams', ids.facilitated, 'Max teams per facilitator')}
      <button type="submit" className="button" disabled={save.isPending}>
        Set limits
      </button>
      {save.isError && (
        <span className="form-error" role="alert">
          {errorText(save.error)}
        </span>
      )}
    </form>
  );
}

function Holders({ holders, gap }: { holders: readonly { person: string; name: string }[]; gap: boolean }) {
  if (holders.length === 0)
    return gap ? (
      <span className="gap-cell" data-gap="true">
        Gap
      </span>
    ) : (
      <span className="muted">—</span>
    );
  return <>{holders.map((h) => h.name).join(', ')}</>;
}

function StreamCard({ coverage }: { coverage: StreamCoverage }) {
  const href = useHref();
  const titleId = `roles-${coverage.valueStream.id}`;
  const row = (r: CoverageRow, group: string) => (
    <tr key={`${group}:${r.role}`} data-role={r.role}>
      <th scope="row">{r.label}</th>
      <td data-cell="valueStream">
        <Holders holders={r.valueStream} gap={r.required === 'valueStream'} />
      </td>
      {coverage.teams.map((t) => (
        <td key={t.id} data-cell={t.id}>
          <Holders holders={r.teams[t.id] ?? []} gap={r.required === 'team'} />
        </td>
      ))}
    </tr>
  );
  return (
    <section className="card section" aria-labelledby={titleId} data-value-stream={coverage.valueStream.id}>
      <header>
        <h2 id={titleId}>
          <Link href={href(`/value-streams/${encodeURIComponent(coverage.valueStream.id)}`)}>
            {coverage.valueStream.name}
          </Link>
        </h2>
        <p className="card-desc">
          {coverage.gaps.length === 0
            ? 'Every role the value stream needs is held.'
            : `${coverage.gaps.length} ${coverage.gaps.length === 1 ? 'gap' : 'gaps'}`}
          {coverage.overloaded.length > 0 && ` · ${coverage.overloaded.length} overloaded`}
        </p>
      </header>
      <div className="table-wrap">
        <table className="matrix" data-testid={`matrix-${coverage.valueStream.id}`}>
          <caption className="visually-hidden">
            DVS roles of {coverage.valueStream.name} and who holds them, for the value stream and in each team
          </caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Value stream</th>
              {coverage.teams.map((t) => (
                <th key={t.id} scope="col">
                  <Link href={href(`/teams/${encodeURIComponent(t.id)}`)}>{t.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          {GROUPS.map((g) => (
            <tbody key={g.group}>
              <tr className="group-row">
                <th scope="rowgroup" colSpan={2 + coverage.teams.length}>
                  {g.label}
                </th>
              </tr>
              {coverage.rows.filter((r) => r.groups.includes(g.group)).map((r) => row(r, g.group))}
            </tbody>
          ))}
        </table>
      </div>
      {coverage.gaps.length > 0 && (
        <div className="findings" data-testid={`gaps-${coverage.valueStream.id}`}>
          <h3>Gaps</h3>
          <ul>
            {coverage.gaps.map((g) => (
              <li
                key={`${g.role}:${g.team ?? ''}`}
                data-gap={`${g.role}${g.team === undefined ? '' : `:${g.team}`}`}
              >
                {g.why}
              </li>
            ))}
          </ul>
        </div>
      )}
      {coverage.overloaded.length > 0 && (
        <OverloadList list={coverage.overloaded} id={coverage.valueStream.id} />
      )}
    </section>
  );
}

function OverloadList({ list, id }: { list: readonly Overload[]; id: string }) {
  return (
    <div className="findings" data-testid={`overloaded-${id}`}>
      <h3>Overloaded</h3>
      <ul>
        {list.map((o) => (
          <li key={o.person} data-person={o.person}>
            {o.why}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AssignmentsSection() {
  const assignments = useAssignments();
  const model = useOrgModel();
  const { search } = useLocation();
  const only = search.get('valueStream');
  const end = useEdit((a: Assignment) =>
    apiSend<Assignment>('PATCH', `/roles/assignments/${encodeURIComponent(a.id)}`, {
      to: new Date().toISOString().slice(0, 10),
    }),
  );
  const remove = useEdit((a: Assignment) =>
    apiSend('DELETE', `/roles/assignments/${encodeURIComponent(a.id)}`),
  );
  return (
    <section className="card section" aria-labelledby="assignments-title">
      <header>
        <h2 id="assignments-title">Assignments</h2>
        <p className="card-desc">
          A role held by a person in a value stream or a team, from a date, until a date.
        </p>
      </header>
      {model.data !== undefined && (
        <AssignForm people={model.data.people} streams={model.data.valueStreams} teams={model.data.teams} />
      )}
      {(end.isError || remove.isError) && (
        <p className="form-error" role="alert">
          {errorText(end.error ?? remove.error)}
        </p>
      )}
      <QueryView query={assignments} what="the assignments" height={200}>
        {(data) => {
          const teamsOf = new Set(
            model.data?.teams.filter((t) => only === null || t.parent === only).map((t) => t.id) ?? [],
          );
          const rows = data.assignments.filter(
            (a) => only === null || a.valueStream === only || (a.team !== null && teamsOf.has(a.team)),
          );
          return (
            <DataTable
              testId="assignments-table"
              rows={rows}
              rowKey={(a) => a.id}
              initialSort={{ id: 'person', direction: 'asc' }}
              columns={[
                { id: 'person', header: 'Person', sort: (a) => a.personName, cell: (a) => a.personName },
                { id: 'role', header: 'Role', sort: (a) => a.role, cell: (a) => ROLE_LABELS[a.role] },
                {
                  id: 'where',
                  header: 'In',
                  sort: (a) => a.team ?? a.valueStream,
                  cell: (a) => (a.team === null ? `value stream ${a.valueStream}` : `team ${a.team}`),
                },
                {
                  id: 'from',
                  header: 'From',
                  sort: (a) => a.from,
                  cell: (a) => (a.from === null ? '—' : formatDate(a.from)),
                },
                {
                  id: 'to',
                  header: 'To',
                  sort: (a) => a.to,
                  cell: (a) => (a.to === null ? 'now' : formatDate(a.to)),
                },
                {
                  id: 'actions',
                  header: <span className="visually-hidden">Actions</span>,
                  cell: (a) => (
                    <span className="row-actions">
                      {a.current && (
                        <button type="button" className="button small" onClick={() => end.mutate(a)}>
                          End today
                        </button>
                      )}
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Remove ${a.personName}'s ${ROLE_LABELS[a.role]} assignment`}
                        onClick={() => remove.mutate(a)}
                      >
                        Remove
                      </button>
                    </span>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryView>
    </section>
  );
}

function AssignForm({
  people,
  streams,
  teams,
}: {
  people: readonly { id: string; name: string; archived: unknown }[];
  streams: readonly { id: string; name: string; archived: unknown }[];
  teams: readonly { id: string; name: string; archived: unknown }[];
}) {
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<RoleName>('product-owner');
  const [scope, setScope] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const add = useEdit((body: Record<string, unknown>) =>
    apiSend<Assignment>('POST', '/roles/assignments', body),
  );
  const ids = { person: useId(), role: useId(), scope: useId(), from: useId(), to: useId() };
  return (
    <form
      className="edit-form inline"
      data-testid="assign-form"
      onSubmit={(event) => {
        event.preventDefault();
        const [kind, id] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
        add.mutate({
          person,
          role,
          ...(kind === 'team' ? { team: id } : { valueStream: id }),
          ...(from === '' ? {} : { from }),
          ...(to === '' ? {} : { to }),
        });
      }}
    >
      <label className="field" htmlFor={ids.person}>
        Person
        <select id={ids.person} value={person} onChange={(e) => setPerson(e.target.value)} required>
          <option value="">Choose</option>
          {people
            .filter((p) => p.archived === null)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </label>
      <label className="field" htmlFor={ids.role}>
        Role
        <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
          {ROLE_NAMES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={ids.scope}>
        In
        <select id={ids.scope} value={scope} onChange={(e) => setScope(e.target.value)} required>
          <option value="">Choose</option>
          <optgroup label="Value streams">
            {streams
              .filter((v) => v.archived === null)
              .map((v) => (
                <option key={v.id} value={`valueStream:${v.id}`}>
                  {v.name}
                </option>
              ))}
          </optgroup>
          <optgroup label="Teams">
            {teams
              .filter((t) => t.archived === null)
              .map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
          </optgroup>
        </select>
      </label>
      <label className="field" htmlFor={ids.from}>
        From
        <input id={ids.from} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="field" htmlFor={ids.to}>
        To
        <input id={ids.to} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={add.isPending}>
          Assign
        </button>
      </div>
      {add.isError && (
        <p className="form-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
    </form>
  );
}
