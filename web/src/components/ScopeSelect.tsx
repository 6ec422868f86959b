/** A labelled list of every scope of the organisation (whole organisation, portfolios, value streams, teams), in tree order. */
import { useId } from 'react';
import { ORGANISATION, parseScopeKey, type Scope, type ScopeOption, scopeKey } from '../lib/scope';

export function ScopeSelect({
  label,
  value,
  options,
  onChange,
  style,
}: {
  label: string;
  value: Scope;
  options: readonly ScopeOption[];
  onChange: (scope: Scope) => void;
  style?: React.CSSProperties;
}) {
  const id = useId();
  return (
    <label className="field" htmlFor={id} style={style}>
      {label}
      <select
        id={id}
        value={scopeKey(value)}
        onChange={(e) => onChange(parseScopeKey(e.target.value) ?? ORGANISATION)}
      >
        {options.map((o) => (
          <option key={scopeKey(o.scope)} value={scopeKey(o.scope)}>
            {'\u00a0\u00a0'.repeat(o.depth)}
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
