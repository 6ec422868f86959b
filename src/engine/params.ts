/** Parameters shared by the command line and the API: dates of a period. */
import { parseInstant } from '../contract/index.js';
import { DAY_MS, daysFromCivil, FlowlensError } from '../domain/index.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A period bound: a date `YYYY-MM-DD` (00:00 UTC of that day) or an ISO 8601 timestamp with
 * offset. `label` names the parameter in the error (`--from`, `from`).
 */
export function parseDateParam(label: string, text: string): number {
  const date = DATE.exec(text);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const days = daysFromCivil(year, month, day);
    // Reject 2025-02-30 and the like: the day must round-trip.
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      const ms = days * DAY_MS;
      if (new Date(ms).toISOString().slice(0, 10) === text) return ms;
    }
  } else {
    const ms = parseInstant(text);
    if (ms !== null) return ms;
  }
  throw new FlowlensError(
    'INVALID_ARGUMENT',
    `${label}: ${JSON.stringify(text)} is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset`,
  );
}
