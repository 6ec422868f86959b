export type {
  ImpactMetric,
  ImpactOptions,
  ImpactReport,
  ImpactVerdict,
  ImpactWindow,
  MetricImpact,
} from './impact.js';
export { IMPACT_METRICS, measureImpact } from './impact.js';
export type {
  ForecastPercentile,
  HowManyForecast,
  HowManyInput,
  WhenForecast,
  WhenInput,
} from './monte-carlo.js';
export {
  DEFAULT_HORIZON_DAYS,
  DEFAULT_TRIALS,
  FORECAST_PERCENTILES,
  ForecastError,
  forecastHowMany,
  forecastWhen,
} from './monte-carlo.js';
export type {
  CompletionOf,
  PredictabilitySummary,
  SprintInput,
  SprintMembership,
  SprintOutcome,
} from './predictability.js';
export { PREDICTABILITY_BAND, sprintOutcome, summarisePredictability } from './predictability.js';
