/** The four DORA keys with their tiers. */
import type { MetricsDocument } from '../api/types';
import { formatCount, formatDuration, formatPercent, formatPerWeek } from '../lib/format';
import { TierBadge } from './Badges';

export function DoraPanel({ dora, compact = false }: { dora: MetricsDocument['dora']; compact?: boolean }) {
  const items = [
    {
      key: 'deploymentFrequency',
      name: compact ? 'Deployments' : 'Deployment frequency',
      value: formatPerWeek(dora.deploymentFrequency.perWeek),
      detail: `${formatCount(dora.deploymentFrequency.count)} production deployments`,
      tier: dora.deploymentFrequency.tier,
    },
    {
      key: 'leadTimeForChanges',
      name: 'Lead time for changes',
      value: formatDuration(dora.leadTimeForChanges.median),
      detail: `median of ${formatCount(dora.leadTimeForChanges.count)} changes`,
      tier: dora.leadTimeForChanges.tier,
    },
    {
      key: 'changeFailureRate',
      name: 'Change failure rate',
      value: formatPercent(dora.changeFailureRate.value),
      detail: 'deployments causing an incident',
      tier: dora.changeFailureRate.tier,
    },
    {
      key: 'recoveryTime',
      name: 'Recovery time',
      value: formatDuration(dora.recoveryTime.median),
      detail: `median of ${formatCount(dora.recoveryTime.count)} failed deployments`,
      tier: dora.recoveryTime.tier,
    },
  ];
  return (
    <div className={`dora-grid${compact ? '' : ' wide dora-panel'}`}>
      {items.map((item) => (
        <div className="dora-item" key={item.key}>
          <span className="dora-name">{item.name}</span>
          <span className="dora-value">
            <span data-metric={item.key}>{item.value}</span> <TierBadge tier={item.tier} />
          </span>
          {!compact && <span className="tile-sub">{item.detail}</span>}
        </div>
      ))}
    </div>
  );
}
