/** One horizontal bar of shares (flow distribution, stage breakdown), with a legend. */
import { formatPercent } from '../lib/format';

export interface Share {
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
}

export function ShareBar({
  shares,
  label,
  tall = false,
  legend = false,
  testId,
}: {
  shares: readonly Share[];
  label: string;
  tall?: boolean;
  legend?: boolean;
  testId?: string;
}) {
  const known = shares.filter((s) => s.value !== null && s.value > 0);
  const description = shares.map((s) => `${s.label} ${formatPercent(s.value)}`).join(', ');
  return (
    <div data-testid={testId}>
      <div className={`share-bar${tall ? ' tall' : ''}`} role="img" aria-label={`${label}: ${description}`}>
        {known.map((s) => (
          <span
            key={s.key}
            style={{ width: `${(s.value as number) * 100}%`, background: `var(--c-${s.key})` }}
            title={`${s.label}: ${formatPercent(s.value)}`}
          >
            {tall && (s.value as number) >= 0.08 ? formatPercent(s.value) : null}
          </span>
        ))}
      </div>
      {legend && (
        <ul className="legend">
          {shares.map((s) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: `var(--c-${s.key})` }} aria-hidden="true" />
              {s.label} <b data-share={s.key}>{formatPercent(s.value)}</b>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
