/**
 * The mapping editor of one source: every raw status and type seen (unmapped first) with its item
 * counts, edited in a table — stage and state, flow type —, the environments of its deployments,
 * and a team's override of it; before saving, a preview of how the organisation's headline metrics
 * change over the selected period; saving creates a version (who, when, what changed) and the
 * source's facts are recomputed in the background with the progress shown; any version can be
 * restored.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import {
  apiSend,
  type Headline,
  type MappingContent,
  type MappingPreview,
  type MappingVersion,
  type SaveResult,
  type SourceDetail,
  type StatusClass,
  useEdit,
  useJob,
  useMappingSource,
} from '../api/org';
import { FLOW_TYPES, type FlowState, type FlowType, STAGES, STATES } from '../api/types';
import { JobProgress } from '../components/JobProgress';
import { Breadcrumbs } from '../components/Layout';
import { QueryView } from '../components/States';
import {
  capitalize,
  flowTypeName,
  formatCount,
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatPeriod,
} from '../lib/format';
import { updateSearch, useLocation } from '../lib/router';
import { useHref, usePeriod } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

const EMPTY: MappingContent = { statuses: {}, types: {}, environments: null };
const ENVIRONMENT_NAMES = ['production', 'staging', 'test', 'development'] as const;

const errorText = (error: unknown) =>
  error instanceof ApiError || error instanceof Error ? error.message : 'The change could not be saved.';

/** JSON with sorted keys: two mappings compare equal whatever their key order. */
function canonical(mapping: MappingContent): string {
  const sorted = (o: object | null) =>
    o === null
      ? null
      : Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const environments =
    mapping.environments === null || Object.keys(mapping.environments).length === 0
      ? null
      : mapping.environments;
  return JSON.stringify([sorted(mapping.statuses), sorted(mapping.types), sorted(environments)]);
}

export default function MappingSourcePage({ params }: { params: Record<string, string> }) {
  const source = params.source as string;
  const { search } = useLocation();
  const team = search.get('team');
  useTitle(`Mapping of ${source}`);
  const detail = useMappingSource(source, team);
  const href = useHref();
  // Kept here: the editor is made anew once a save has changed the mapping.
  const [jobId, setJobId] = useState<number | null>(null);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Mappings', href: href('/mappings') }, { label: source }]} />
      <div className="page-head">
        <div>
          <h1>
            Mapping of <span className="mono">{source}</span>
            {team !== null && <> for team {team}</>}
          </h1>
          <p className="page-sub">
            {detail.data === undefined
              ? 'Its raw statuses, types and environments.'
              : `${formatCount(detail.data.items)} items · ${detail.data.statuses.filter((s) => !s.mapped).length} unmapped statuses · ${
                  detail.data.types.filter((t) => !t.mapped).length
                } unmapped types`}
          </p>
        </div>
      </div>
      <JobStatus id={jobId} />
      <QueryView query={detail} what="the mapping" height={400}>
        {(data) => (
          <Editor
            key={`${source}:${team ?? ''}:${canonical(data.mapping ?? EMPTY)}`}
            detail={data}
            onJob={setJobId}
          />
        )}
      </QueryView>
    </>
  );
}

function Editor({ detail, onJob }: { detail: SourceDetail; onJob: (id: number) => void }) {
  const original = detail.mapping ?? EMPTY;
  const [draft, setDraft] = useState<MappingContent>(original);
  const [note, setNote] = useState('');
  const dirty = canonical(draft) !== canonical(original);
  const isTeam = detail.team !== null;
  const base = isTeam ? (detail.sourceMapping ?? EMPTY) : EMPTY;
  // A template type (not `string`), so the paths built on it are checked against the documented ones.
  const path = `/mappings/${encodeURIComponent(detail.source)}` as const;
  // The recomputation is handed to the page as soon as the answer arrives: once the mapping has
  // changed, this editor is made anew and a callback of its own would not run any more.
  const started = (result: SaveResult) => {
    if (result.job !== null) onJob(result.job.id);
    return result;
  };
  const save = useEdit(async (body: Record<string, unknown>) =>
    started(await apiSend<SaveResult>('PUT', path, body)),
  );
  const restore = useEdit(async (version: number) =>
    started(
      await apiSend<SaveResult>(
        'POST',
        `${path}/versions/${version}/restore`,
        isTeam ? { team: detail.team } : {},
      ),
    ),
  );
  const removeOverride = useEdit(async () =>
    started(
      await apiSend<SaveResult>('DELETE', `${path}/overrides/${encodeURIComponent(detail.team ?? '')}`),
    ),
  );
  const effectiveStatus = (raw: string): StatusClass | null =>
    draft.statuses[raw] ?? base.statuses[raw] ?? null;
  const effectiveType = (raw: string): FlowType | null => draft.types[raw] ?? base.types[raw] ?? null;
  const setStatus = (raw: string, value: StatusClass | null) => {
    const statuses = { ...draft.statuses };
    if (value === null) delete statuses[raw];
    else statuses[raw] = value;
    setDraft({ ...draft, statuses });
  };
  const setType = (raw: string, value: FlowType | null) => {
    const types = { ...draft.types };
    if (value === null) delete types[raw];
    else types[raw] = value;
    setDraft({ ...draft, types });
  };
  const setEnvironment = (raw: string, value: string | null) => {
    const environments = { ...(draft.environments ?? {}) };
    if (value === null) delete environments[raw];
    else environments[raw] = value;
    setDraft({ ...draft, environments: Object.keys(environments).length === 0 ? null : environments });
  };
  const body = () => ({
    ...(isTeam ? { team: detail.team } : {}),
    statuses: draft.statuses,
    types: draft.types,
    environments: isTeam ? null : draft.environments,
    ...(note.trim() === '' ? {} : { note: note.trim() }),
  });
  const teamSelectId = useId();
  const noteId = useId();
  const overrides = detail.teams.filter((t) => t.override);
  return (
    <>
      <div className="filters">
        <label className="field" htmlFor={teamSelectId}>
          Editing
          <select
            id={teamSelectId}
            value={detail.team ?? ''}
            onChange={(e) => updateSearch({ team: e.target.value || null })}
          >
            <option value="">The source’s mapping</option>
            {detail.teams.map((t) => (
              <option key={t.team} value={t.team}>
                Team {t.team}’s override{t.override ? '' : ' (none yet)'} · {formatCount(t.items)} items
              </option>
            ))}
          </select>
        </label>
        {isTeam && (
          <p className="muted small" style={{ maxWidth: 520 }}>
            An override changes only this team’s items, entry by entry: what it does not name follows the
            source’s mapping. Use it for a team whose “Review” is active work where the others’ waits.
          </p>
        )}
      </div>

      <section className="card" aria-labelledby="statuses-title">
        <header>
          <h2 id="statuses-title">Statuses</h2>
          <p className="card-desc">
            Every raw status seen, unmapped first. “Items” passed through it; “now” are in it.
          </p>
        </header>
        <div className="table-wrap">
          <table data-testid="statuses-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col" className="num">
                  Now
                </th>
                <th scope="col">Stage</th>
                <th scope="col">State</th>
                {isTeam && <th scope="col">Override</th>}
              </tr>
            </thead>
            <tbody>
              {detail.statuses.map((s) => {
                const current = effectiveStatus(s.raw);
                const changed =
                  JSON.stringify(draft.statuses[s.raw] ?? null) !==
                  JSON.stringify(original.statuses[s.raw] ?? null);
                return (
                  <tr
                    key={s.raw}
                    data-raw={s.raw}
                    className={changed ? 'edited' : current === null ? 'unmapped' : undefined}
                  >
                    <th scope="row">
                      {s.raw} {current === null && <span className="badge warn">unmapped</span>}
                    </th>
                    <td className="num">{formatCount(s.items)}</td>
                    <td className="num">{formatCount(s.current)}</td>
                    <td>
                      <select
                        aria-label={`Stage of ${s.raw}`}
                        value={current?.stage ?? ''}
                        onChange={(e) =>
                          setStatus(
                            s.raw,
                            e.target.value === ''
                              ? null
                              : {
                                  stage: e.target.value as StatusClass['stage'],
                                  state: current?.state ?? 'waiting',
                                },
                          )
                        }
                      >
                        <option value="">— unmapped —</option>
                        {STAGES.map((stage) => (
                          <option key={stage} value={stage}>
                            {capitalize(stage)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`State of ${s.raw}`}
                        value={current?.state ?? ''}
                        disabled={current === null}
                        onChange={(e) =>
                          setStatus(s.raw, {
                            stage: current?.stage ?? 'create',
                            state: e.target.value as FlowState,
                          })
                        }
                      >
                        {current === null && <option value="">—</option>}
                        {STATES.map((state) => (
                          <option key={state} value={state}>
                            {state}
                          </option>
                        ))}
                      </select>
                    </td>
                    {isTeam && (
                      <td>
                        {draft.statuses[s.raw] === undefined ? (
                          <span className="muted">source’s</span>
                        ) : (
                          <button
                            type="button"
                            className="button small"
                            onClick={() => setStatus(s.raw, null)}
                          >
                            Use the source’s
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid two">
        <section className="card section" aria-labelledby="types-title">
          <header>
            <h2 id="types-title">Types</h2>
            <p className="card-desc">Every raw type seen, unmapped first: its flow item type.</p>
          </header>
          <div className="table-wrap">
            <table data-testid="types-table">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">
                    Items
                  </th>
                  <th scope="col">Flow type</th>
                </tr>
              </thead>
              <tbody>
                {detail.types.map((t) => {
                  const current = effectiveType(t.raw);
                  const changed = (draft.types[t.raw] ?? null) !== (original.types[t.raw] ?? null);
                  return (
                    <tr
                      key={t.raw}
                      data-raw={t.raw}
                      className={changed ? 'edited' : current === null ? 'unmapped' : undefined}
                    >
                      <th scope="row">
                        {t.raw} {current === null && <span className="badge warn">unmapped</span>}
                      </th>
                      <td className="num">{formatCount(t.items)}</td>
                      <td>
                        <select
                          aria-label={`Flow type of ${t.raw}`}
                          value={current ?? ''}
                          onChange={(e) =>
                            setType(t.raw, e.target.value === '' ? null : (e.target.value as FlowType))
                          }
                        >
                          <option value="">— unmapped (feature) —</option>
                          {FLOW_TYPES.map((f) => (
                            <option key={f} value={f}>
                              {capitalize(flowTypeName(f).replace(/s$/, ''))}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        {!isTeam && (
          <section className="card section" aria-labelledby="environments-title">
            <header>
              <h2 id="environments-title">Environments</h2>
              <p className="card-desc">
                Which raw environments of this source’s deployments are production (DORA counts production
                only). Unnamed, “production” and “prod” are production.
              </p>
            </header>
            {detail.environments.length === 0 ? (
              <p className="muted">This source has no deployments.</p>
            ) : (
              <div className="table-wrap">
                <table data-testid="environments-table">
                  <thead>
                    <tr>
                      <th scope="col">Environment</th>
                      <th scope="col" className="num">
                        Deployments
                      </th>
                      <th scope="col">Is</th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.environments.map((e) => {
                      const named = draft.environments?.[e.raw] ?? null;
                      return (
                        <tr key={e.raw} data-raw={e.raw}>
                          <th scope="row">{e.raw}</th>
                          <td className="num">{formatCount(e.deployments)}</td>
                          <td>
                            <select
                              aria-label={`What ${e.raw} is`}
                              value={named ?? ''}
                              onChange={(event) =>
                                setEnvironment(e.raw, event.target.value === '' ? null : event.target.value)
                              }
                            >
                              <option value="">
                                by its name (
                                {['production', 'prod'].includes(e.raw.toLowerCase())
                                  ? 'production'
                                  : 'not production'}
                                )
                              </option>
                              {ENVIRONMENT_NAMES.map((n) => (
                                <option key={n} value={n}>
                                  {n}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )}
      </div>

      <section className="card section save-bar" aria-labelledby="save-title">
        <header>
          <h2 id="save-title">Preview and save</h2>
          <p className="card-desc">
            {dirty ? 'You have changes that are not saved.' : 'No changes yet: edit the tables above.'}
          </p>
        </header>
        <Preview source={detail.source} team={detail.team} draft={draft} dirty={dirty} />
        <div className="edit-form inline">
          <label className="field" htmlFor={noteId}>
            Note (why)
            <input
              id={noteId}
              type="text"
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              disabled={!dirty || save.isPending}
              onClick={() => save.mutate(body())}
            >
              Save as a new version
            </button>
            <button type="button" className="button" disabled={!dirty} onClick={() => setDraft(original)}>
              Discard changes
            </button>
          </div>
        </div>
        {save.isError && (
          <p className="form-error" role="alert">
            {errorText(save.error)}
          </p>
        )}
      </section>

      {!isTeam && overrides.length > 0 && (
        <section className="card section" aria-labelledby="overrides-title">
          <header>
            <h2 id="overrides-title">Team overrides</h2>
          </header>
          <ul className="plain">
            {overrides.map((o) => (
              <li key={o.team}>
                <a
                  href={`?team=${encodeURIComponent(o.team)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    updateSearch({ team: o.team });
                  }}
                >
                  Team {o.team}
                </a>{' '}
                · {formatCount(o.items)} items
              </li>
            ))}
          </ul>
        </section>
      )}
      {isTeam && detail.mapping !== null && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => removeOverride.mutate(undefined)}
            disabled={removeOverride.isPending}
          >
            Remove team {detail.team}’s override
          </button>
        </p>
      )}

      <Versions versions={detail.versions} onRestore={(v) => restore.mutate(v)} busy={restore.isPending} />
      {restore.isError && (
        <p className="form-error" role="alert">
          {errorText(restore.error)}
        </p>
      )}
    </>
  );
}

/** The recomputation a save started, followed until it is done; then every answer is refetched. */
function JobStatus({ id }: { id: number | null }) {
  const job = useJob(id);
  const client = useQueryClient();
  const state = job.data?.state;
  useEffect(() => {
    if (state === 'done') void client.invalidateQueries();
  }, [state, client]);
  if (id === null || job.data === undefined) return null;
  return (
    <div className="jobs" data-testid="save-job" aria-live="polite">
      <JobProgress job={job.data} />
    </div>
  );
}

function Preview({
  source,
  team,
  draft,
  dirty,
}: {
  source: string;
  team: string | null;
  draft: MappingContent;
  dirty: boolean;
}) {
  const { period } = usePeriod();
  const [shown, setShown] = useState<MappingPreview | null>(null);
  // Nothing is saved by a preview: nothing to refetch after it.
  const preview = useMutation({
    mutationFn: () =>
      apiSend<MappingPreview>('POST', `/mappings/${encodeURIComponent(source)}/preview`, {
        ...(team === null ? {} : { team }),
        mapping: team === null ? draft : { ...draft, environments: null },
        ...(period === null ? {} : { from: period.from, to: period.to }),
      }),
  });
  const key = useMemo(() => canonical(draft), [draft]);
  // A preview of another draft is not this one's.
  useEffect(() => {
    if (key !== '') setShown(null);
  }, [key]);
  return (
    <div className="preview">
      <button
        type="button"
        className="button"
        disabled={!dirty || preview.isPending || period === null}
        onClick={() => preview.mutate(undefined, { onSuccess: setShown })}
      >
        {preview.isPending ? 'Computing the preview…' : 'Preview the metrics'}
      </button>
      {preview.isError && (
        <p className="form-error" role="alert">
          {errorText(preview.error)}
        </p>
      )}
      {shown !== null && <PreviewTable preview={shown} />}
    </div>
  );
}

function PreviewTable({ preview }: { preview: MappingPreview }) {
  const rows: [string, string, (h: Headline) => string][] = [
    ['velocity', 'Velocity (items completed)', (h) => formatCount(h.velocity.total)],
    ['flowTime', 'Flow time, median', (h) => formatDuration(h.flowTime.median)],
    ['flowTimeP85', 'Flow time, 85th percentile', (h) => formatDuration(h.flowTime.p85)],
    ['leadTime', 'Lead time, median', (h) => formatDuration(h.leadTime.median)],
    ['efficiency', 'Flow efficiency', (h) => formatPercent(h.efficiency)],
    ['load', 'Load (average work in progress)', (h) => formatDecimal(h.load.average)],
    ...(['ideate', 'create', 'release', 'operate', 'unmapped'] as const).map(
      (stage): [string, string, (h: Headline) => string] => [
        `stage-${stage}`,
        `Share of lead time in ${stage}`,
        (h) => formatPercent(h.stages[stage] ?? (stage === 'unmapped' ? 0 : null)),
      ],
    ),
  ];
  const { before, after } = preview.organisation;
  return (
    <div className="table-wrap">
      <table data-testid="preview-table">
        <caption>
          The whole organisation, {formatPeriod(preview.period.from, preview.period.to)}: now, and with this
          mapping once saved and recomputed
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Now
            </th>
            <th scope="col" className="num">
              With this mapping
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, label, show]) => {
            const now = show(before);
            const next = show(after);
            return (
              <tr key={id} data-preview={id} className={now === next ? undefined : 'edited'}>
                <th scope="row">{label}</th>
                <td className="num" data-side="before">
                  {now}
                </td>
                <td className="num" data-side="after">
                  {next}
                </td>
              </tr>
            );
          })}
          <tr data-preview="unmapped-items">
            <th scope="row">Items of this source in an unmapped status</th>
            <td className="num">{formatCount(preview.unmappedItems.before)}</td>
            <td className="num">{formatCount(preview.unmappedItems.after)}</td>
          </tr>
          <tr data-preview="deployments">
            <th scope="row">Production deployments of this source</th>
            <td className="num">{formatCount(preview.productionDeployments.before)}</td>
            <td className="num">{formatCount(preview.productionDeployments.after)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function describe(value: MappingVersion['changes'][number]['before']): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return value;
  return `${value.stage} / ${value.state}`;
}

function Versions({
  versions,
  onRestore,
  busy,
}: {
  versions: readonly MappingVersion[];
  onRestore: (version: number) => void;
  busy: boolean;
}) {
  return (
    <section className="card section" aria-labelledby="versions-title">
      <header>
        <h2 id="versions-title">Versions</h2>
        <p className="card-desc">
          Every saved version: who saved it, when, and what changed. Restoring saves it again.
        </p>
      </header>
      {versions.length === 0 ? (
        <p className="muted">
          No version saved yet: the mapping in force was imported. Saving keeps it as version 1.
        </p>
      ) : (
        <ol className="versions" data-testid="versions" reversed>
          {versions.map((v) => (
            <li key={v.version} data-version={v.version} data-current={v.current ? 'true' : undefined}>
              <div className="version-head">
                <strong>Version {v.version}</strong>
                {v.current && <span className="badge ok">in force</span>}
                <span className="muted">
                  {formatDateTime(v.savedAt)} by {v.savedBy}
                </span>
                <span>{v.removed ? 'override removed' : v.summary}</span>
                {v.restoredFrom !== null && <span className="muted">restores version {v.restoredFrom}</span>}
                {v.note !== null && <span className="muted">“{v.note}”</span>}
                {!v.current && (
                  <button
                    type="button"
                    className="button small"
                    disabled={busy}
                    onClick={() => onRestore(v.version)}
                  >
                    Restore version {v.version}
                  </button>
                )}
              </div>
              {v.changes.length > 0 && (
                <details>
                  <summary>
                    {v.changes.length} {v.changes.length === 1 ? 'change' : 'changes'}
                  </summary>
                  <ul>
                    {v.changes.map((c) => (
                      <li key={`${c.kind}:${c.raw}`}>
                        {c.kind} “{c.raw}”: {describe(c.before)} → {describe(c.after)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
