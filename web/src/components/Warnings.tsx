/** The data-quality warnings of a scope, in a sentence each, with a link to the data-quality screen. */
import type { MetricsDocument } from '../api/types';
import { formatCount } from '../lib/format';
import { Link } from '../lib/router';

export function qualityWarnings(q: MetricsDocument['dataQuality']): string[] {
  const warnings: string[] = [];
  const unmappedStatusItems = q.unmappedStatuses.reduce((sum, s) => sum + s.items, 0);
  const unmappedTypeItems = q.unmappedTypes.reduce((sum, t) => sum + t.items, 0);
  if (q.unmappedStatuses.length > 0)
    warnings.push(
      `${formatCount(q.unmappedStatuses.length)} unmapped status${q.unmappedStatuses.length === 1 ? '' : 'es'} (${formatCount(unmappedStatusItems)} items)`,
    );
  if (q.unmappedTypes.length > 0)
    warnings.push(
      `${formatCount(q.unmappedTypes.length)} unmapped type${q.unmappedTypes.length === 1 ? '' : 's'} (${formatCount(unmappedTypeItems)} items)`,
    );
  const add = (n: number, one: string, many: string) => {
    if (n > 0) warnings.push(`${formatCount(n)} ${n === 1 ? one : many}`);
  };
  add(q.itemsWithoutTeam, 'item with no team', 'items with no team');
  add(q.unlinkedChanges.count, 'change linked to no item', 'changes linked to no item');
  add(q.unattributedIncidents.count, 'incident with no deployment', 'incidents with no deployment');
  add(q.deploymentsWithoutChanges.count, 'deployment listing no change', 'deployments listing no change');
  add(q.statusDisagreements, 'item whose status disagrees', 'items whose status disagrees');
  return warnings;
}

export function Warnings({
  quality,
  href,
  max = 3,
}: {
  quality: MetricsDocument['dataQuality'];
  href: string;
  max?: number;
}) {
  const warnings = qualityWarnings(quality);
  if (warnings.length === 0) return <p className="ok-note">✓ No data-quality warnings.</p>;
  return (
    <ul className="warnings" aria-label="Data-quality warnings" data-testid="warnings">
      {warnings.slice(0, max).map((w) => (
        <li key={w}>⚠ {w}</li>
      ))}
      <li>
        <Link href={href}>{warnings.length > max ? `${warnings.length - max} more — ` : ''}What to fix</Link>
      </li>
    </ul>
  );
}
