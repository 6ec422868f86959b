/** Small labelled badges: DORA tiers, states, flow types. */
import type { FlowState, FlowType, Tier } from '../api/types';
import { capitalize, flowTypeName } from '../lib/format';

export function TierBadge({ tier }: { tier: Tier }) {
  if (tier === null) return <span className="badge">No data</span>;
  return <span className={`badge tier-${tier}`}>{capitalize(tier)}</span>;
}

export function StateBadge({ state, label }: { state: FlowState | string; label?: string }) {
  return (
    <span className="badge" style={{ color: `var(--c-${state})` }}>
      <span className="dot" aria-hidden="true" />
      <span style={{ color: 'var(--text)' }}>{label ?? state}</span>
    </span>
  );
}

export function FlowTypeBadge({ type }: { type: FlowType }) {
  return (
    <span className="badge" style={{ color: `var(--c-${type})` }}>
      <span className="dot" aria-hidden="true" />
      <span style={{ color: 'var(--text)' }}>{flowTypeName(type).replace(/s$/, '')}</span>
    </span>
  );
}
