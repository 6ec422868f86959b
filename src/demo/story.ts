/**
 * What the demo organisation's data is planted to show, with the ids and dates involved, so tests,
 * docs and the UI's guided tour can point at it. The patterns are real in the generated histories
 * (durations, queues, deployment days), not labels on the data: metrics computed from the records
 * find them.
 */
import { isoWeekday } from '../domain/index.js';
import { formatDay, historyStartDay, parseDay } from './options.js';
import { GITHUB, GITLAB, JIRA, STRETCHED_PERSON, UNMAPPED_STATUS, UNMAPPED_TYPE } from './organisation.js';

/** The AI assistant is rolled out on the Monday on or before the day 39 weeks (273 days) before `until`. */
export const AI_ROLLOUT_WEEKS_BEFORE_UNTIL = 39;
/** From the roll-out on, the AI team's remaining work (and so its queues) takes this share of the time. */
export const AI_SPEED_FACTOR = 0.45;

export const DEMO_STORY = {
  portfolios: ['pf-retail', 'pf-platform'],
  valueStreams: ['vs-webshop', 'vs-mobile', 'vs-payments', 'vs-platform'],
  sources: [JIRA.id, GITHUB.id, GITLAB.id],
  /**
   * (1) A value stream whose lead time goes mostly to ideation (a long "Awaiting Approval") and
   * release: a weekly change-approval board (CAB) on Thursdays. Items wait in "Awaiting CAB" for
   * the next board; its production deployments happen only on Thursdays, 14:00 UTC.
   */
  changeApprovalBoard: {
    valueStream: 'vs-webshop',
    teams: ['t-checkout', 't-catalog', 't-search'],
    services: ['svc-checkout-web', 'svc-cart-api', 'svc-catalog-api', 'svc-search'],
    source: JIRA.id,
    approvalStatus: 'Awaiting Approval',
    cabStatus: 'Awaiting CAB',
    /** ISO weekday, 1 = Monday: Thursday. */
    deploymentWeekday: 4,
    deploymentHourUtc: 14,
  },
  /** (2) The team everyone sends work to: far more in progress, long waits, low flow efficiency. */
  overloadedTeam: 't-payments-api',
  /** (3) A team whose flow time halves after an AI coding assistant is rolled out. */
  aiAssistant: {
    team: 't-devex',
    weeksBeforeUntil: AI_ROLLOUT_WEEKS_BEFORE_UNTIL,
    speedFactor: AI_SPEED_FACTOR,
  },
  /**
   * (4) Holidays: little work gets done from 24 December to 1 January, less from 19 to 23 December
   * and 2 to 6 January (also a change freeze: no deployments from 19 December to 6 January), and
   * about half as much in August.
   */
  holidays: {
    /** Days as MM-DD, inclusive. */
    changeFreeze: { from: '12-19', to: '01-06' },
    christmasBreak: { from: '12-24', to: '01-01' },
    reducedMonth: 'August',
  },
  /** (5) The defect share of the Mobile App's new work rises from about 10% to about 40% over the two years. */
  risingDefects: { valueStream: 'vs-mobile', defectShareAtStart: 0.1, defectShareAtEnd: 0.4 },
  /** Role network gaps and overload. */
  stretchedProductOwner: {
    person: STRETCHED_PERSON,
    teams: ['t-ios', 't-catalog', 't-search', 't-mobile-bff', 't-android'],
    valueStreams: ['vs-mobile', 'vs-webshop'],
  },
  teamWithoutProductOwner: 't-ledger',
  valueStreamWithoutSecurityLead: 'vs-platform',
  /** Left out of the Jira mapping on purpose, on a small number of items. */
  unmapped: { source: JIRA.id, status: UNMAPPED_STATUS, type: UNMAPPED_TYPE },
} as const;

export type DemoStory = typeof DEMO_STORY;

/** The story with the dates of one history. */
export interface DatedDemoStory extends DemoStory {
  /** First day of the history (`YYYY-MM-DD`, the same date two years before `until`). */
  readonly historyStart: string;
  /** The day the history ends (exclusive). */
  readonly until: string;
  /** The AI assistant roll-out day (a Monday). */
  readonly aiRollout: string;
}

/** The AI assistant roll-out day for a history ending on `until` (`YYYY-MM-DD`). */
export function aiRolloutDate(until: string): string {
  return formatDay(aiRolloutDay(parseDay(until, 'until')));
}

/** Day number of the roll-out for a history ending on day `untilDay`. */
export function aiRolloutDay(untilDay: number): number {
  const target = untilDay - AI_ROLLOUT_WEEKS_BEFORE_UNTIL * 7;
  return target - isoWeekday(target);
}

/** The story, with its dates, for a history ending on `until` (`YYYY-MM-DD`). */
export function describeDemoStory(until: string): DatedDemoStory {
  const untilDay = parseDay(until, 'until');
  return {
    ...DEMO_STORY,
    historyStart: formatDay(historyStartDay(untilDay)),
    until: formatDay(untilDay),
    aiRollout: formatDay(aiRolloutDay(untilDay)),
  };
}
