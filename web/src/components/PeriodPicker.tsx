/**
 * The period picker: the last 30, 90 or 365 days, a calendar quarter, or custom dates. The choice
 * is written to the URL (`from`, `to`, `range`), which every screen reads.
 */
import { useEffect, useId, useState } from 'react';
import { formatPeriod } from '../lib/format';
import {
  addDays,
  daysBetween,
  isDay,
  MAX_DAYS,
  type Period,
  presetPeriod,
  RANGE_LABELS,
  RANGES,
  type RangeKey,
  recentQuarters,
} from '../lib/period';
import { updateSearch } from '../lib/router';

function apply(period: Period) {
  updateSearch({ from: period.from, to: period.to, range: period.range });
}

export function PeriodPicker({ period, end }: { period: Period | null; end: string | null }) {
  const id = useId();
  const [customFrom, setCustomFrom] = useState('');
  const [customLast, setCustomLast] = useState('');
  // The custom form opens without changing the URL; Apply writes the dates.
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (period === null) return;
    setCustomFrom(period.from);
    setCustomLast(addDays(period.to, -1));
  }, [period]);
  if (period === null) return <div className="period-picker" aria-busy="true" />;
  const anchor = end ?? period.to;
  const quarters = recentQuarters(anchor, 8);
  const customTo = isDay(customLast) ? addDays(customLast, 1) : '';
  const customValid =
    isDay(customFrom) &&
    isDay(customLast) &&
    customFrom < customTo &&
    daysBetween(customFrom, customTo) <= MAX_DAYS;
  const choose = (range: RangeKey) => {
    if (range === 'custom') setEditing(true);
    else {
      setEditing(false);
      apply(presetPeriod(range, anchor));
    }
  };
  return (
    <div className="period-picker">
      <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
        <legend className="visually-hidden">Period</legend>
        <div className="segmented">
          {RANGES.map((range) => (
            <button
              key={range}
              type="button"
              aria-pressed={editing ? range === 'custom' : period.range === range}
              onClick={() => choose(range)}
              data-range={range}
            >
              {range === 'quarter' || range === 'custom'
                ? RANGE_LABELS[range]
                : RANGE_LABELS[range].replace('Last ', '')}
            </button>
          ))}
        </div>
      </fieldset>
      {period.range === 'quarter' && !editing && (
        <label className="visually-hidden" htmlFor={`${id}-q`}>
          Quarter
        </label>
      )}
      {period.range === 'quarter' && !editing && (
        <select
          id={`${id}-q`}
          value={quarters.find((q) => q.from === period.from && q.to === period.to)?.from ?? ''}
          onChange={(event) => {
            const quarter = quarters.find((q) => q.from === event.target.value);
            if (quarter !== undefined) apply({ from: quarter.from, to: quarter.to, range: 'quarter' });
          }}
        >
          {!quarters.some((q) => q.from === period.from && q.to === period.to) && (
            <option value="">Choose…</option>
          )}
          {quarters.map((q) => (
            <option key={q.from} value={q.from}>
              {q.label}
            </option>
          ))}
        </select>
      )}
      {(period.range === 'custom' || editing) && (
        <form
          className="custom-range"
          onSubmit={(event) => {
            event.preventDefault();
            if (!customValid) return;
            setEditing(false);
            apply({ from: customFrom, to: customTo, range: 'custom' });
          }}
        >
          <label className="field">
            From
            <input
              type="date"
              value={customFrom}
              max={customLast || undefined}
              onChange={(e) => setCustomFrom(e.target.value)}
              required
            />
          </label>
          <label className="field">
            To (inclusive)
            <input
              type="date"
              value={customLast}
              min={customFrom || undefined}
              onChange={(e) => setCustomLast(e.target.value)}
              required
            />
          </label>
          <button type="submit" className="button primary" disabled={!customValid}>
            Apply
          </button>
        </form>
      )}
      <span className="period-label" data-testid="period-label" aria-live="polite">
        {formatPeriod(period.from, period.to)}
      </span>
    </div>
  );
}
