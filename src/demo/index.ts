export type { DemoRecord } from './generator.js';
export { generateDemoOrganisation } from './generator.js';
export type { DemoOptions, DemoScale, ResolvedDemoOptions } from './options.js';
export {
  DEFAULT_DEMO_SEED,
  DEMO_SCALES,
  formatDay,
  HISTORY_YEARS,
  historyStartDay,
  itemsOfScale,
  MAX_DEMO_ITEMS,
  parseDemoOptions,
  resolveDemoOptions,
} from './options.js';
export type { DatedDemoStory, DemoStory } from './story.js';
export {
  AI_ROLLOUT_WEEKS_BEFORE_UNTIL,
  AI_SPEED_FACTOR,
  aiRolloutDate,
  DEMO_STORY,
  describeDemoStory,
} from './story.js';
