/**
 * Recomputing facts in the background after a mapping change (docs/organisation.md, "The mapping
 * editor"): saving a mapping queues its source's items (migration 0002's triggers); a job refreshes
 * the engine — one refresh at a time, after any under way — and reports its progress. The engine
 * applies the recomputed facts all at once at the end, so metrics switch to the new mapping when
 * the job is done, never halfway.
 */
import { formatInstant } from '../contract/index.js';
import type { MetricsEngine } from '../engine/index.js';

export type RecomputeState = 'queued' | 'running' | 'done' | 'failed';

export interface RecomputeJobView {
  readonly id: number;
  readonly source: string;
  readonly team: string | null;
  /** Why: "version 4 saved", "version 2 restored". */
  readonly reason: string;
  readonly state: RecomputeState;
  /** Items recomputed so far, of `total` queued (the total is known once the job runs). */
  readonly done: number;
  readonly total: number | null;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

interface Job {
  id: number;
  source: string;
  team: string | null;
  reason: string;
  state: RecomputeState;
  done: number;
  total: number | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  finished: Promise<void>;
}

const KEEP = 50;

/** The recompute jobs of one server. */
export class RecomputeJobs {
  private readonly jobs: Job[] = [];
  private next = 1;

  constructor(
    private readonly engine: MetricsEngine,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Starts a job (it runs after the refreshes already asked for) and returns it. */
  start(source: string, team: string | null, reason: string): RecomputeJobView {
    const job: Job = {
      id: this.next++,
      source,
      team,
      reason,
      state: 'queued',
      done: 0,
      total: null,
      queuedAt: this.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
      finished: Promise.resolve(),
    };
    let started = false;
    job.finished = this.engine
      .refresh({
        atomic: true,
        onProgress: (done, total) => {
          if (!started) {
            started = true;
            job.state = 'running';
            job.startedAt ??= this.now();
          }
          job.done = done;
          job.total = total;
        },
      })
      .then(
        (report) => {
          job.state = 'done';
          job.startedAt ??= this.now();
          job.done = report.computed + report.removed;
          job.total = Math.max(job.total ?? 0, job.done);
          job.finishedAt = this.now();
        },
        (error: unknown) => {
          job.state = 'failed';
          job.error = 'the facts could not be recomputed; the server log has the details';
          job.finishedAt = this.now();
          this.onError(error);
        },
      );
    this.jobs.unshift(job);
    if (this.jobs.length > KEEP) this.jobs.length = KEEP;
    return view(job);
  }

  /** The latest jobs, newest first (of a source, when given). */
  list(source?: string): RecomputeJobView[] {
    return this.jobs.filter((j) => source === undefined || j.source === source).map(view);
  }

  get(id: number): RecomputeJobView | undefined {
    const job = this.jobs.find((j) => j.id === id);
    return job === undefined ? undefined : view(job);
  }

  /** Waits for a job to end (tests, and `flowlens start` when it stops). */
  async wait(id: number): Promise<RecomputeJobView | undefined> {
    const job = this.jobs.find((j) => j.id === id);
    if (job === undefined) return undefined;
    await job.finished;
    return view(job);
  }

  /** Waits for every job. */
  async idle(): Promise<void> {
    await Promise.all(this.jobs.map((j) => j.finished));
  }
}

function view(job: Job): RecomputeJobView {
  const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));
  return {
    id: job.id,
    source: job.source,
    team: job.team,
    reason: job.reason,
    state: job.state,
    done: job.done,
    total: job.total,
    queuedAt: formatInstant(job.queuedAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    error: job.error,
  };
}
