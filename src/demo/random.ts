/** The demo generator's randomness lives in the domain now (the forecasts use it too). */
export { hashUnit, Random } from '../domain/random.js';
