/** A recomputation of facts after a mapping change: its state and progress, as a bar and in words. */
import type { RecomputeJob } from '../api/org';
import { formatCount } from '../lib/format';

export function JobProgress({ job }: { job: RecomputeJob }) {
  const total = job.total ?? 0;
  const percent = total === 0 ? (job.state === 'done' ? 100 : 0) : Math.round((job.done / total) * 100);
  const label =
    job.state === 'queued'
      ? 'Waiting to recompute'
      : job.state === 'running'
        ? `Recomputing facts: ${formatCount(job.done)} of ${formatCount(total)} items`
        : job.state === 'done'
          ? `Recomputed ${formatCount(job.done)} items; the metrics use the new mapping`
          : `Failed: ${job.error ?? 'see the server log'}`;
  return (
    <div className={`job job-${job.state}`} data-job={job.id} data-state={job.state}>
      <progress max={100} value={percent} aria-label={`${job.source}: ${label}`} />
      <span>
        {job.source}
        {job.team === null ? '' : ` (${job.team})`} · {job.reason} · {label}
      </span>
    </div>
  );
}
