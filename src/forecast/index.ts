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
