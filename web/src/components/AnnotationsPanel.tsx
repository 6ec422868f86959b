/**
 * Annotations of a scope, on its team and value stream pages: the dated notes its charts show in the
 * period (its own and those of the scopes inside it), a form to add one, removing one, and the
 * measured impact of each (the same metrics in equal windows before and after, with 95 % bootstrap
 * intervals and a verdict that says when the data is too thin to tell).
 */
import { useId, useState } from 'react';
import {
  type Annotation,
  addAnnotation,
  type ImpactDocument,
  type ImpactMetric,
  type MetricImpact,
  removeAnnotation,
  useAnnotationImpact,
  useAnnotations,
} from '../api/annotations';
import { ApiError } from '../api/client';
import { useEdit } from '../api/org';
import type { ScopeQuery } from '../api/types';
import { formatDate } from '../lib/format';
import { QueryView } from './States';

const DAY_MS = 86_400_000;

const METRIC_LABELS: Record<ImpactMetric, string> = {
  flowTimeP50: 'Median flow time',
  flowTimeP85: 'Flow time, 85th percentile',
  efficiency: 'Flow efficiency',
  velocityPerWeek: 'Velocity',
  changeFailureRate: 'Change failure rate',
  defectShare: 'Defect share',
};
const METRIC_ORDER = Object.keys(METRIC_LABELS) as ImpactMetric[];

/** A value of an impact metric as the API's sentences write it. */
function formatValue(metric: ImpactMetric, value: number | null, change = false): string {
  if (value === null) return '—';
  const sign = change ? (value > 0 ? '+' : value < 0 ? '−' : '') : value < 0 ? '−' : '';
  const v = Math.abs(value);
  switch (metric) {
    case 'flowTimeP50':
    case 'flowTimeP85':
      return `${sign}${(v / DAY_MS).toFixed(1)} days`;
    case 'velocityPerWeek':
      return `${sign}${v.toFixed(1)} a week`;
    default:
      return change ? `${sign}${(v * 100).toFixed(1)} points` : `${sign}${(v * 100).toFixed(1)} %`;
  }
}

function scopeLabel(scope: ScopeQuery): string {
  if (scope.team !== undefined) return `team ${scope.team}`;
  if (scope.valueStream !== undefined) return `value stream ${scope.valueStream}`;
  if (scope.portfolio !== undefined) return `portfolio ${scope.portfolio}`;
  return 'organisation';
}

const sameScope = (a: ScopeQuery, b: ScopeQuery) =>
  a.team === b.team && a.valueStream === b.valueStream && a.portfolio === b.portfolio;

const errorText = (error: unknown) =>
  error instanceof ApiError || error instanceof Error ? error.message : 'The change could not be saved.';

/** The last day of the period (YYYY-MM-DD), the form's default date. */
function lastDay(period: { readonly to: string }): string {
  return new Date(Date.parse(period.to) - DAY_MS).toISOString().slice(0, 10);
}

export function AnnotationsPanel({
  scope,
  scopeName,
  period,
}: {
  scope: ScopeQuery;
  /** "this team", "this value stream". */
  scopeName: string;
  period: { readonly from: string; readonly to: string };
}) {
  const list = useAnnotations(scope, period);
  const [open, setOpen] = useState<number | null>(null);
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId} data-testid="annotations">
      <header>
        <div>
          <h2 id={headingId}>Annotations</h2>
          <p>
            Dated notes on {scopeName} and what it contains (a roll-out, a process change, a team split),
            drawn on its charts; open one to see the metrics before and after it.
          </p>
        </div>
      </header>
      <div className="card">
        <QueryView query={list} what="the annotations" height={80}>
          {(d) =>
            d.annotations.length === 0 ? (
              <p className="muted">No annotations in this period.</p>
            ) : (
              <ul className="plain annotation-list">
                {d.annotations.map((a) => (
                  <AnnotationRow
                    key={a.id}
                    annotation={a}
                    own={sameScope(a.scope, scope)}
                    open={open === a.id}
                    onToggle={() => setOpen(open === a.id ? null : a.id)}
                  />
                ))}
              </ul>
            )
          }
        </QueryView>
        <AddAnnotation scope={scope} defaultDate={lastDay(period)} />
      </div>
    </section>
  );
}

function AnnotationRow({
  annotation: a,
  own,
  open,
  onToggle,
}: {
  annotation: Annotation;
  own: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const remove = useEdit((id: number) => removeAnnotation(id));
  return (
    <li data-annotation={a.id}>
      <div className="annotation-head">
        <time dateTime={a.at}>{formatDate(a.at)}</time> <strong>{a.title}</strong>
        {!own && <span className="muted"> · {scopeLabel(a.scope)}</span>}
        <span className="muted small"> · added by {a.createdBy}</span>
        <span className="annotation-actions">
          <button type="button" className="button small" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide impact' : 'Impact'}
          </button>
          <button
            type="button"
            className="button small"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Remove the annotation “${a.title}”?`)) remove.mutate(a.id);
            }}
          >
            Remove
          </button>
        </span>
      </div>
      {a.description !== null && <p className="annotation-desc">{a.description}</p>}
      {remove.isError && (
        <p className="form-error" role="alert">
          {errorText(remove.error)}
        </p>
      )}
      {open && <Impact id={a.id} />}
    </li>
  );
}

function Impact({ id }: { id: number }) {
  const impact = useAnnotationImpact(id);
  return (
    <QueryView query={impact} what="the impact" height={160}>
      {(d) => <ImpactTable document={d} />}
    </QueryView>
  );
}

function verdictClass(m: MetricImpact): string {
  return m.verdict === 'better' ? 'good' : m.verdict === 'worse' ? 'bad' : 'muted';
}

function ImpactTable({ document: d }: { document: ImpactDocument }) {
  const { counts } = d.impact;
  return (
    <div className="impact" data-testid="impact">
      <ul className="plain impact-summary" aria-label="Verdict">
        {d.impact.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="table-wrap">
        <table>
          <caption>
            {d.windowDays} days before ({formatDate(d.before.from)} –{' '}
            {formatDate(Date.parse(d.before.to) - 1)}, {counts.before.items} items,{' '}
            {counts.before.deployments} deployments) against {d.windowDays} days from the date (
            {formatDate(d.after.from)} – {formatDate(Date.parse(d.after.to) - 1)}, {counts.after.items} items,{' '}
            {counts.after.deployments} deployments)
          </caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Change</th>
              <th scope="col">95 % interval of the change</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {METRIC_ORDER.map((metric) => {
              const m = d.impact.metrics[metric];
              return (
                <tr key={metric} data-metric={metric}>
                  <th scope="row">{METRIC_LABELS[metric]}</th>
                  <td className="num">{formatValue(metric, m.before)}</td>
                  <td className="num">{formatValue(metric, m.after)}</td>
                  <td className="num">{formatValue(metric, m.change, true)}</td>
                  <td className="num">
                    {m.interval === null
                      ? '—'
                      : `${formatValue(metric, m.interval[0], true)} to ${formatValue(metric, m.interval[1], true)}`}
                  </td>
                  <td className={verdictClass(m)} data-verdict={m.verdict}>
                    {m.verdict}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function AddAnnotation({ scope, defaultDate }: { scope: ScopeQuery; defaultDate: string }) {
  const [at, setAt] = useState(defaultDate);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const add = useEdit(addAnnotation);
  const ids = { at: useId(), title: useId(), description: useId() };
  return (
    <form
      className="edit-form annotation-form"
      aria-label="Add an annotation"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          { scope, at, title, description: description.trim() === '' ? null : description },
          {
            onSuccess: () => {
              setTitle('');
              setDescription('');
            },
          },
        );
      }}
    >
      <label className="field" htmlFor={ids.at}>
        Date
        <input id={ids.at} type="date" value={at} onChange={(e) => setAt(e.target.value)} required />
      </label>
      <label className="field" htmlFor={ids.title}>
        Title
        <input
          id={ids.title}
          type="text"
          value={title}
          maxLength={200}
          placeholder="e.g. AI coding assistant rolled out"
          onChange={(e) => setTitle(e.target.value)}
          required
        />
      </label>
      <label className="field" htmlFor={ids.description}>
        Description (optional)
        <input
          id={ids.description}
          type="text"
          value={description}
          maxLength={4000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={add.isPending}>
          Add annotation
        </button>
      </div>
      {add.isError && (
        <p className="form-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
      {add.isSuccess && (
        <p className="form-ok" role="status">
          Added “{add.data.title}” on {formatDate(add.data.at)}.
        </p>
      )}
    </form>
  );
}
