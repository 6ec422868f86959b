/**
 * Organisation: portfolios → value streams → teams, with the services and products the teams own,
 * and the people. Select an entity to rename it, move it (from a date: work completed before stays
 * where it was), archive or restore it, and see where it belonged before; add new ones; the products
 * work items name that the organisation does not know yet; the latest edits, with who made them.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import {
  apiSend,
  COLLECTION,
  type OrgEntity,
  type OrgKind,
  type OrgModel,
  useEdit,
  useOrgModel,
} from '../api/org';
import { DataTable } from '../components/DataTable';
import { Breadcrumbs } from '../components/Layout';
import { OrgTabs } from '../components/OrgTabs';
import { Empty, QueryView } from '../components/States';
import { formatCount, formatDate, formatDateTime } from '../lib/format';
import { Link, updateSearch, useLocation } from '../lib/router';
import { useHref } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

const KIND_LABEL: Record<OrgKind, string> = {
  portfolio: 'Portfolio',
  valueStream: 'Value stream',
  team: 'Team',
  service: 'Service',
  product: 'Product',
  person: 'Person',
};
const PARENT_KIND: Partial<Record<OrgKind, OrgKind>> = {
  valueStream: 'portfolio',
  team: 'valueStream',
  service: 'team',
  product: 'team',
};
const MOVABLE: readonly OrgKind[] = ['valueStream', 'team', 'service'];

function listOf(model: OrgModel, kind: OrgKind): readonly OrgEntity[] {
  switch (kind) {
    case 'portfolio':
      return model.portfolios;
    case 'valueStream':
      return model.valueStreams;
    case 'team':
      return model.teams;
    case 'service':
      return model.services;
    case 'product':
      return model.products;
    default:
      return model.people;
  }
}

/** `team:t-ledger` ⇄ the selected entity. */
function parseSelection(value: string | null): { kind: OrgKind; id: string } | null {
  if (value === null) return null;
  const at = value.indexOf(':');
  const kind = value.slice(0, at) as OrgKind;
  return at > 0 && kind in KIND_LABEL ? { kind, id: value.slice(at + 1) } : null;
}

export default function OrganisationPage() {
  useTitle('Organisation');
  const model = useOrgModel();
  const { search } = useLocation();
  const selected = parseSelection(search.get('select'));
  const showArchived = search.get('archived') === '1';
  return (
    <>
      <Breadcrumbs items={[{ label: 'Organisation' }]} />
      <div className="page-head">
        <div>
          <h1>Organisation</h1>
          <p className="page-sub">
            {model.data === undefined
              ? 'Portfolios, value streams, teams, what they own, and the people.'
              : `${live(model.data.portfolios)} portfolios · ${live(model.data.valueStreams)} value streams · ${live(
                  model.data.teams,
                )} teams · ${live(model.data.services)} services · ${live(model.data.products)} products · ${live(
                  model.data.people,
                )} people`}
          </p>
        </div>
      </div>
      <OrgTabs />
      <QueryView query={model} what="the organisation" height={400}>
        {(data) => (
          <div className="org-layout">
            <div>
              <section className="card" aria-labelledby="org-tree-title">
                <header>
                  <h2 id="org-tree-title">Structure</h2>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={showArchived}
                      onChange={(e) =>
                        updateSearch({ archived: e.target.checked ? '1' : null }, { replace: true })
                      }
                    />{' '}
                    Show archived
                  </label>
                </header>
                <OrgTree model={data} selected={selected} showArchived={showArchived} />
              </section>
              <PeopleSection model={data} selected={selected} showArchived={showArchived} />
            </div>
            <div>
              {selected === null ? (
                <section className="card">
                  <h2>Edit</h2>
                  <p className="muted">
                    Select a portfolio, value stream, team, service, product or person to rename, move or
                    archive it.
                  </p>
                </section>
              ) : (
                <EntityEditor key={`${selected.kind}:${selected.id}`} model={data} selected={selected} />
              )}
              <AddEntity model={data} />
              {data.unregisteredProducts.length > 0 && <UnregisteredProducts model={data} />}
              <ChangesSection model={data} />
            </div>
          </div>
        )}
      </QueryView>
    </>
  );
}

const live = (list: readonly OrgEntity[]) => formatCount(list.filter((e) => e.archived === null).length);

function SelectButton({
  entity,
  selected,
}: {
  entity: OrgEntity;
  selected: { kind: OrgKind; id: string } | null;
}) {
  const active = selected?.kind === entity.kind && selected.id === entity.id;
  return (
    <button
      type="button"
      className={`tree-item${active ? ' active' : ''}`}
      aria-pressed={active}
      data-entity={`${entity.kind}:${entity.id}`}
      onClick={() => updateSearch({ select: `${entity.kind}:${entity.id}` }, { replace: true })}
    >
      <span className="tree-kind">{KIND_LABEL[entity.kind]}</span> {entity.name}
      <span className="muted mono"> {entity.id}</span>
      {entity.archived !== null && <span className="badge archived">archived</span>}
      {(entity.history?.length ?? 0) > 0 && (
        <span className="badge" title="It moved: its history is kept">
          moved
        </span>
      )}
    </button>
  );
}

function OrgTree({
  model,
  selected,
  showArchived,
}: {
  model: OrgModel;
  selected: { kind: OrgKind; id: string } | null;
  showArchived: boolean;
}) {
  const href = useHref();
  const shown = (e: OrgEntity) => showArchived || e.archived === null;
  const team = (t: OrgEntity) => (
    <li key={t.id}>
      <SelectButton entity={t} selected={selected} />{' '}
      <Link
        className="tree-link"
        href={href(`/teams/${encodeURIComponent(t.id)}`)}
        aria-label={`${t.name}: metrics`}
      >
        metrics
      </Link>
      <ul>
        {[...model.services, ...model.products]
          .filter((x) => x.parent === t.id && shown(x))
          .map((x) => (
            <li key={`${x.kind}:${x.id}`}>
              <SelectButton entity={x} selected={selected} />
            </li>
          ))}
      </ul>
    </li>
  );
  const stream = (v: OrgEntity) => (
    <li key={v.id}>
      <SelectButton entity={v} selected={selected} />
      <ul>{model.teams.filter((t) => t.parent === v.id && shown(t)).map(team)}</ul>
    </li>
  );
  const portfolios = new Set(model.portfolios.map((p) => p.id));
  const streams = new Set(model.valueStreams.map((v) => v.id));
  const looseStreams = model.valueStreams.filter(
    (v) => shown(v) && (v.parent == null || !portfolios.has(v.parent)),
  );
  const looseTeams = model.teams.filter((t) => shown(t) && (t.parent == null || !streams.has(t.parent)));
  if (model.portfolios.length === 0 && model.valueStreams.length === 0 && model.teams.length === 0)
    return <Empty>No organisation yet: add a portfolio, or import your organisation file.</Empty>;
  return (
    <ul className="tree" data-testid="org-tree">
      {model.portfolios.filter(shown).map((p) => (
        <li key={p.id}>
          <SelectButton entity={p} selected={selected} />
          <ul>{model.valueStreams.filter((v) => v.parent === p.id && shown(v)).map(stream)}</ul>
        </li>
      ))}
      {looseStreams.length > 0 && (
        <li>
          <span className="muted">Value streams without a portfolio</span>
          <ul>{looseStreams.map(stream)}</ul>
        </li>
      )}
      {looseTeams.length > 0 && (
        <li>
          <span className="muted">Teams without a value stream</span>
          <ul>{looseTeams.map(team)}</ul>
        </li>
      )}
    </ul>
  );
}

/** The message of an edit that failed, for an alert. */
function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error
    ? error.message
    : 'The change could not be saved.';
}

function EntityEditor({ model, selected }: { model: OrgModel; selected: { kind: OrgKind; id: string } }) {
  const entity = listOf(model, selected.kind).find((e) => e.id === selected.id);
  const [name, setName] = useState(entity?.name ?? '');
  const [parent, setParent] = useState(entity?.parent ?? '');
  const [effectiveAt, setEffectiveAt] = useState('');
  const [extra, setExtra] = useState(entity?.email ?? entity?.repository ?? entity?.description ?? '');
  const edit = useEdit((body: Record<string, unknown>) =>
    apiSend<OrgEntity>('PATCH', `/org/${COLLECTION[selected.kind]}/${encodeURIComponent(selected.id)}`, body),
  );
  const ids = { name: useId(), parent: useId(), at: useId(), extra: useId() };
  if (entity === undefined)
    return (
      <section className="card">
        <h2>Edit</h2>
        <p className="muted">
          There is no {KIND_LABEL[selected.kind].toLowerCase()} “{selected.id}”.
        </p>
      </section>
    );
  const parentKind = PARENT_KIND[entity.kind];
  const movable = MOVABLE.includes(entity.kind);
  const moving = parentKind !== undefined && (parent || null) !== (entity.parent ?? null);
  const extraField =
    entity.kind === 'person'
      ? 'email'
      : entity.kind === 'service'
        ? 'repository'
        : entity.kind === 'product'
          ? 'description'
          : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (name !== entity.name) body.name = name;
    if (moving) {
      body.parent = parent === '' ? null : parent;
      if (movable && effectiveAt !== '') body.effectiveAt = effectiveAt;
    }
    if (extraField !== null && extra !== (entity[extraField] ?? ''))
      body[extraField] = extra === '' ? null : extra;
    if (Object.keys(body).length > 0) edit.mutate(body);
  };
  const parents =
    parentKind === undefined ? [] : listOf(model, parentKind).filter((p) => p.archived === null);
  const changes = model.changes.filter((c) => c.kind === entity.kind && c.target === entity.id);
  return (
    <section className="card" aria-labelledby="editor-title" data-testid="entity-editor">
      <header>
        <h2 id="editor-title">
          {KIND_LABEL[entity.kind]} {entity.name}
        </h2>
        {entity.archived !== null && (
          <span className="badge archived">
            archived {formatDate(entity.archived.at)} by {entity.archived.by}
          </span>
        )}
      </header>
      <form className="edit-form" onSubmit={submit}>
        <label className="field" htmlFor={ids.name}>
          Name
          <input id={ids.name} type="text" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        {parentKind !== undefined && (
          <label className="field" htmlFor={ids.parent}>
            {entity.kind === 'team'
              ? 'Value stream'
              : entity.kind === 'valueStream'
                ? 'Portfolio'
                : 'Owning team'}
            <select id={ids.parent} value={parent ?? ''} onChange={(e) => setParent(e.target.value)}>
              {entity.kind !== 'service' && <option value="">(none)</option>}
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id})
                </option>
              ))}
            </select>
          </label>
        )}
        {movable && moving && (
          <label className="field" htmlFor={ids.at}>
            Moved as of (empty: now)
            <input
              id={ids.at}
              type="date"
              value={effectiveAt}
              onChange={(e) => setEffectiveAt(e.target.value)}
            />
          </label>
        )}
        {extraField !== null && (
          <label className="field" htmlFor={ids.extra}>
            {extraField === 'email' ? 'Email' : extraField === 'repository' ? 'Repository' : 'Description'}
            <input id={ids.extra} type="text" value={extra} onChange={(e) => setExtra(e.target.value)} />
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={edit.isPending}>
            Save
          </button>
          <button
            type="button"
            className="button"
            disabled={edit.isPending}
            onClick={() => edit.mutate({ archived: entity.archived === null })}
          >
            {entity.archived === null ? 'Archive' : 'Restore'}
          </button>
        </div>
        {movable && moving && (
          <p className="muted small">
            Work completed before the move stays counted where {entity.name} was; metrics by scope follow the
            move from that date on.
          </p>
        )}
        {edit.isError && (
          <p className="form-error" role="alert">
            {errorText(edit.error)}
          </p>
        )}
        {edit.isSuccess && (
          <p className="form-ok" role="status">
            Saved.
          </p>
        )}
      </form>
      {(entity.history?.length ?? 0) > 0 && (
        <div className="history" data-testid="entity-history">
          <h3>Where it was</h3>
          <ol>
            {entity.history?.map((h) => (
              <li key={h.to}>
                In <strong>{h.parent ?? '(none)'}</strong>{' '}
                {h.from === null ? 'until' : `from ${formatDate(h.from)} until`} {formatDate(h.to)}{' '}
                <span className="muted">
                  (moved by {h.movedBy}, {formatDateTime(h.movedAt)})
                </span>
              </li>
            ))}
            <li>
              In <strong>{entity.parent ?? '(none)'}</strong> since {formatDate(entity.history?.at(-1)?.to)}
            </li>
          </ol>
        </div>
      )}
      {changes.length > 0 && (
        <div className="history">
          <h3>Edits</h3>
          <ul>
            {changes.map((c) => (
              <li key={`${c.at}:${c.summary}`}>
                {formatDateTime(c.at)} · {c.actor}: {c.summary}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function AddEntity({ model }: { model: OrgModel }) {
  const [kind, setKind] = useState<OrgKind>('team');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const add = useEdit((body: Record<string, unknown>) =>
    apiSend<OrgEntity>('POST', `/org/${COLLECTION[kind]}`, body),
  );
  const ids = { kind: useId(), id: useId(), name: useId(), parent: useId() };
  const parentKind = PARENT_KIND[kind];
  const parents =
    parentKind === undefined ? [] : listOf(model, parentKind).filter((p) => p.archived === null);
  return (
    <section className="card" aria-labelledby="add-title">
      <header>
        <h2 id="add-title">Add</h2>
      </header>
      <form
        className="edit-form"
        data-testid="add-entity"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            { id, name, ...(parentKind === undefined || parent === '' ? {} : { parent }) },
            {
              onSuccess: (entity) => {
                setId('');
                setName('');
                updateSearch({ select: `${entity.kind}:${entity.id}` }, { replace: true });
              },
            },
          );
        }}
      >
        <label className="field" htmlFor={ids.kind}>
          Kind
          <select
            id={ids.kind}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as OrgKind);
              setParent('');
            }}
          >
            {(Object.keys(KIND_LABEL) as OrgKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={ids.id}>
          Id
          <input id={ids.id} type="text" value={id} onChange={(e) => setId(e.target.value)} required />
        </label>
        <label className="field" htmlFor={ids.name}>
          Name
          <input id={ids.name} type="text" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        {parentKind !== undefined && (
          <label className="field" htmlFor={ids.parent}>
            {KIND_LABEL[parentKind]}
            <select
              id={ids.parent}
              value={parent}
              onChange={(e) => setParent(e.target.value)}
              required={kind === 'service'}
            >
              <option value="">{kind === 'service' ? 'Choose a team' : '(none)'}</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id})
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={add.isPending}>
            Add {KIND_LABEL[kind].toLowerCase()}
          </button>
        </div>
        {add.isError && (
          <p className="form-error" role="alert">
            {errorText(add.error)}
          </p>
        )}
      </form>
    </section>
  );
}

function PeopleSection({
  model,
  selected,
  showArchived,
}: {
  model: OrgModel;
  selected: { kind: OrgKind; id: string } | null;
  showArchived: boolean;
}) {
  const people = useMemo(
    () => model.people.filter((p) => showArchived || p.archived === null),
    [model.people, showArchived],
  );
  return (
    <section className="card section" aria-labelledby="people-title">
      <header>
        <h2 id="people-title">People</h2>
        <p className="card-desc">
          People appear only as holders of roles; their roles are on the <Link href="/roles">Roles</Link>{' '}
          screen.
        </p>
      </header>
      <DataTable
        testId="people-table"
        rows={people}
        rowKey={(p) => p.id}
        initialSort={{ id: 'name', direction: 'asc' }}
        columns={[
          {
            id: 'name',
            header: 'Name',
            sort: (p) => p.name,
            cell: (p) => <SelectButton entity={p} selected={selected} />,
          },
          { id: 'email', header: 'Email', sort: (p) => p.email ?? null, cell: (p) => p.email ?? '—' },
        ]}
      />
    </section>
  );
}

function UnregisteredProducts({ model }: { model: OrgModel }) {
  const add = useEdit((product: string) =>
    apiSend<OrgEntity>('POST', '/org/products', { id: product, name: product }),
  );
  return (
    <section className="card section" aria-labelledby="unregistered-title">
      <header>
        <h2 id="unregistered-title">Products named on work items</h2>
        <p className="card-desc">Work items name these products, which the organisation does not have yet.</p>
      </header>
      <ul className="plain">
        {model.unregisteredProducts.slice(0, 20).map((p) => (
          <li key={p.product}>
            <span className="mono">{p.product}</span> · {formatCount(p.items)} items{' '}
            <button type="button" className="button small" onClick={() => add.mutate(p.product)}>
              Add as product
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChangesSection({ model }: { model: OrgModel }) {
  return (
    <section className="card section" aria-labelledby="changes-title">
      <header>
        <h2 id="changes-title">Latest edits</h2>
        <p className="card-desc">Who changed what, through this screen, the API or the command line.</p>
      </header>
      {model.changes.length === 0 ? (
        <p className="muted">No edits yet.</p>
      ) : (
        <DataTable
          testId="changes-table"
          rows={model.changes}
          rowKey={(c) => `${c.at}:${c.target}:${c.summary}`}
          columns={[
            { id: 'at', header: 'When', cell: (c) => formatDateTime(c.at) },
            { id: 'actor', header: 'Who', cell: (c) => c.actor },
            { id: 'summary', header: 'What', cell: (c) => c.summary },
          ]}
        />
      )}
    </section>
  );
}
