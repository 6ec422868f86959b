/**
 * The demo organisation: two portfolios, four value streams, twelve teams, sixty people holding the
 * DVS roles, sixteen services and three tools with their own status vocabularies. The structure is
 * fixed (the seed only changes the work that flows through it), so the story's ids are stable.
 */
import type { FlowState, FlowType, RoleName, Stage } from '../domain/index.js';

export type SourceKey = 'jira' | 'github' | 'gitlab';

export interface DemoSource {
  readonly key: SourceKey;
  /** The `source` of the records. */
  readonly id: string;
  readonly statuses: Readonly<Record<string, { readonly stage: Stage; readonly state: FlowState }>>;
  readonly types: Readonly<Record<string, FlowType>>;
  readonly environments: Readonly<Record<string, string>>;
  /** The raw environment names its deployments use. */
  readonly productionEnvironment: string;
  readonly stagingEnvironment: string;
  /** The id prefix of its deployments: `<prefix>-<n>`. */
  readonly deploymentPrefix: string;
}

const s = (stage: Stage, state: FlowState) => ({ stage, state });

/** A Jira Scrum project shared by the web-shop and mobile teams (with Jira's deployment and PR panels). */
export const JIRA: DemoSource = {
  key: 'jira',
  id: 'jira:SHOP',
  statuses: {
    Funnel: s('ideate', 'new'),
    Analysis: s('ideate', 'active'),
    'Awaiting Approval': s('ideate', 'waiting'),
    Ready: s('create', 'waiting'),
    'In Progress': s('create', 'active'),
    'Code Review': s('create', 'active'),
    QA: s('release', 'active'),
    'Awaiting CAB': s('release', 'waiting'),
    'Ready for Release': s('release', 'waiting'),
    Released: s('operate', 'done'),
    "Won't Do": s('ideate', 'cancelled'),
  },
  types: { Story: 'feature', Bug: 'defect', 'Tech Debt': 'debt', Vulnerability: 'risk', Epic: 'feature' },
  environments: { prod: 'production', 'production-eu': 'production', staging: 'staging', uat: 'staging' },
  productionEnvironment: 'production-eu',
  stagingEnvironment: 'staging',
  deploymentPrefix: 'shop-deploy',
};

/** A GitHub Projects Kanban board; types are labels. */
export const GITHUB: DemoSource = {
  key: 'github',
  id: 'github:acme/payments',
  statuses: {
    triage: s('ideate', 'new'),
    backlog: s('ideate', 'waiting'),
    todo: s('create', 'waiting'),
    'in progress': s('create', 'active'),
    blocked: s('create', 'waiting'),
    'in review': s('create', 'active'),
    done: s('operate', 'done'),
    'closed-not-planned': s('ideate', 'cancelled'),
  },
  types: { enhancement: 'feature', bug: 'defect', security: 'risk', chore: 'debt' },
  environments: { production: 'production', staging: 'staging' },
  productionEnvironment: 'production',
  stagingEnvironment: 'staging',
  deploymentPrefix: 'gha-run',
};

/** A GitLab project with scoped workflow labels as statuses. */
export const GITLAB: DemoSource = {
  key: 'gitlab',
  id: 'gitlab:platform/infra',
  statuses: {
    opened: s('ideate', 'new'),
    'workflow::refinement': s('ideate', 'active'),
    'workflow::ready': s('create', 'waiting'),
    'workflow::in dev': s('create', 'active'),
    'workflow::blocked': s('create', 'waiting'),
    'workflow::in review': s('create', 'active'),
    'workflow::verification': s('release', 'active'),
    closed: s('operate', 'done'),
    'workflow::cancelled': s('ideate', 'cancelled'),
  },
  types: {
    'type::feature': 'feature',
    'type::bug': 'defect',
    'type::security': 'risk',
    'type::maintenance': 'debt',
  },
  environments: { 'production-eu': 'production', 'production-us': 'production', staging: 'staging' },
  productionEnvironment: 'production-eu',
  stagingEnvironment: 'staging',
  deploymentPrefix: 'pipeline',
};

export const SOURCES: readonly DemoSource[] = [JIRA, GITHUB, GITLAB];

/** The raw status and type left out of the Jira mapping on purpose (data quality shows them). */
export const UNMAPPED_STATUS = 'Parked';
export const UNMAPPED_TYPE = 'Spike';

/** The raw type of each flow type, per source. */
export const RAW_TYPES: Readonly<Record<SourceKey, Readonly<Record<FlowType, string>>>> = {
  jira: { feature: 'Story', defect: 'Bug', risk: 'Vulnerability', debt: 'Tech Debt' },
  github: { feature: 'enhancement', defect: 'bug', risk: 'security', debt: 'chore' },
  gitlab: {
    feature: 'type::feature',
    defect: 'type::bug',
    risk: 'type::security',
    debt: 'type::maintenance',
  },
};

export interface DemoValueStream {
  readonly id: string;
  readonly name: string;
  readonly portfolio: string;
  /** Change failure rate the deployments of its teams are drawn with. */
  readonly changeFailureRate: number;
  /** Share of production deployments that fail (and are retried). */
  readonly deploymentFailureRate: number;
  /** Median hours to resolve an incident. */
  readonly recoveryHours: number;
  readonly subjects: readonly string[];
}

export const PORTFOLIOS = [
  { id: 'pf-retail', name: 'Retail & Digital' },
  { id: 'pf-platform', name: 'Platform & Payments' },
] as const;

export const VALUE_STREAMS: readonly DemoValueStream[] = [
  {
    id: 'vs-webshop',
    name: 'Web Shop',
    portfolio: 'pf-retail',
    changeFailureRate: 0.2,
    deploymentFailureRate: 0.1,
    recoveryHours: 20,
    subjects: [
      'checkout',
      'basket',
      'product page',
      'search results',
      'promo codes',
      'delivery options',
      'wish list',
      'order history',
      'guest checkout',
      'product filters',
      'recommendations',
      'gift cards',
    ],
  },
  {
    id: 'vs-mobile',
    name: 'Mobile App',
    portfolio: 'pf-retail',
    changeFailureRate: 0.1,
    deploymentFailureRate: 0.05,
    recoveryHours: 8,
    subjects: [
      'login screen',
      'push notifications',
      'offline mode',
      'order tracking',
      'biometric sign-in',
      'app onboarding',
      'deep links',
      'dark mode',
      'in-app chat',
      'loyalty card',
    ],
  },
  {
    id: 'vs-payments',
    name: 'Payments',
    portfolio: 'pf-platform',
    changeFailureRate: 0.06,
    deploymentFailureRate: 0.04,
    recoveryHours: 1.5,
    subjects: [
      'card authorisation',
      'refunds',
      '3-D Secure flow',
      'payout batching',
      'chargebacks',
      'SEPA mandates',
      'webhook retries',
      'currency conversion',
      'settlement report',
      'fraud rules',
    ],
  },
  {
    id: 'vs-platform',
    name: 'Cloud Platform',
    portfolio: 'pf-platform',
    changeFailureRate: 0.04,
    deploymentFailureRate: 0.03,
    recoveryHours: 1,
    subjects: [
      'Kubernetes upgrade',
      'CI runner pool',
      'Terraform modules',
      'alerting rules',
      'log retention',
      'service templates',
      'secrets rotation',
      'build cache',
      'developer portal',
      'cost dashboards',
    ],
  },
];

/** Working hours (medians) a team's items spend in each part of the flow. */
export interface FlowProfile {
  /** New, before anyone looks at it (Funnel, triage, opened). */
  readonly funnel: number;
  /** Analysed or refined (ideate, active). */
  readonly analysis: number;
  /** Waiting for approval or in the backlog (ideate, waiting). */
  readonly approval: number;
  /** Ready, waiting for someone to start (create, waiting). */
  readonly ready: number;
  readonly dev: number;
  readonly review: number;
  /** QA or verification (active). */
  readonly qa: number;
  readonly blockedChance: number;
  readonly blocked: number;
  readonly reviewLoopChance: number;
  readonly qaFailChance: number;
}

/** How a service reaches production. */
export type Cadence =
  | { readonly kind: 'cab' }
  | { readonly kind: 'weekly'; readonly weekday: number; readonly hour: number }
  | { readonly kind: 'continuous' };

export interface DemoService {
  readonly id: string;
  readonly name: string;
  readonly team: string;
  /** The repository its changes live in, as `owner/name`. */
  readonly repo: string;
  readonly weight: number;
  readonly cadence: Cadence;
}

export interface DemoTeam {
  readonly id: string;
  readonly name: string;
  readonly valueStream: string;
  readonly source: SourceKey;
  /** Relative share of the organisation's work items. */
  readonly weight: number;
  readonly profile: FlowProfile;
}

const WEBSHOP_PROFILE: FlowProfile = {
  funnel: 60,
  analysis: 16,
  approval: 150,
  ready: 14,
  dev: 22,
  review: 6,
  qa: 30,
  blockedChance: 0.05,
  blocked: 24,
  reviewLoopChance: 0.55,
  qaFailChance: 0.15,
};

const MOBILE_PROFILE: FlowProfile = {
  funnel: 40,
  analysis: 8,
  approval: 6,
  ready: 30,
  dev: 24,
  review: 6,
  qa: 10,
  blockedChance: 0.08,
  blocked: 24,
  reviewLoopChance: 0.55,
  qaFailChance: 0.12,
};

const PAYMENTS_PROFILE: FlowProfile = {
  funnel: 16,
  analysis: 0,
  approval: 40,
  ready: 32,
  dev: 20,
  review: 5,
  qa: 0,
  blockedChance: 0.12,
  blocked: 24,
  reviewLoopChance: 0.6,
  qaFailChance: 0,
};

/** Everyone sends work to the Payments API team: long queues, much blocking, slow reviews. */
const OVERLOADED_PROFILE: FlowProfile = {
  funnel: 16,
  analysis: 0,
  approval: 170,
  ready: 130,
  dev: 24,
  review: 16,
  qa: 0,
  blockedChance: 0.5,
  blocked: 80,
  reviewLoopChance: 0.65,
  qaFailChance: 0,
};

const PLATFORM_PROFILE: FlowProfile = {
  funnel: 24,
  analysis: 6,
  approval: 0,
  ready: 40,
  dev: 20,
  review: 5,
  qa: 5,
  blockedChance: 0.1,
  blocked: 20,
  reviewLoopChance: 0.6,
  qaFailChance: 0.1,
};

export const TEAMS: readonly DemoTeam[] = [
  {
    id: 't-checkout',
    name: 'Checkout',
    valueStream: 'vs-webshop',
    source: 'jira',
    weight: 1,
    profile: WEBSHOP_PROFILE,
  },
  {
    id: 't-catalog',
    name: 'Catalog',
    valueStream: 'vs-webshop',
    source: 'jira',
    weight: 0.9,
    profile: WEBSHOP_PROFILE,
  },
  {
    id: 't-search',
    name: 'Search & Discovery',
    valueStream: 'vs-webshop',
    source: 'jira',
    weight: 0.8,
    profile: WEBSHOP_PROFILE,
  },
  {
    id: 't-ios',
    name: 'iOS App',
    valueStream: 'vs-mobile',
    source: 'jira',
    weight: 0.9,
    profile: MOBILE_PROFILE,
  },
  {
    id: 't-android',
    name: 'Android App',
    valueStream: 'vs-mobile',
    source: 'jira',
    weight: 0.9,
    profile: MOBILE_PROFILE,
  },
  {
    id: 't-mobile-bff',
    name: 'Mobile Backend',
    valueStream: 'vs-mobile',
    source: 'jira',
    weight: 0.8,
    profile: MOBILE_PROFILE,
  },
  {
    id: 't-payments-api',
    name: 'Payments API',
    valueStream: 'vs-payments',
    source: 'github',
    weight: 1.5,
    profile: OVERLOADED_PROFILE,
  },
  {
    id: 't-fraud',
    name: 'Fraud Detection',
    valueStream: 'vs-payments',
    source: 'github',
    weight: 0.8,
    profile: PAYMENTS_PROFILE,
  },
  {
    id: 't-ledger',
    name: 'Ledger',
    valueStream: 'vs-payments',
    source: 'github',
    weight: 0.7,
    profile: PAYMENTS_PROFILE,
  },
  {
    id: 't-infra',
    name: 'Infrastructure',
    valueStream: 'vs-platform',
    source: 'gitlab',
    weight: 1,
    profile: PLATFORM_PROFILE,
  },
  {
    id: 't-devex',
    name: 'Developer Experience',
    valueStream: 'vs-platform',
    source: 'gitlab',
    weight: 1,
    profile: PLATFORM_PROFILE,
  },
  {
    id: 't-observability',
    name: 'Observability',
    valueStream: 'vs-platform',
    source: 'gitlab',
    weight: 0.7,
    profile: PLATFORM_PROFILE,
  },
];

const CAB: Cadence = { kind: 'cab' };
const CONTINUOUS: Cadence = { kind: 'continuous' };

export const SERVICES: readonly DemoService[] = [
  {
    id: 'svc-checkout-web',
    name: 'Checkout web',
    team: 't-checkout',
    repo: 'acme/checkout-web',
    weight: 0.6,
    cadence: CAB,
  },
  {
    id: 'svc-cart-api',
    name: 'Cart API',
    team: 't-checkout',
    repo: 'acme/cart-api',
    weight: 0.4,
    cadence: CAB,
  },
  {
    id: 'svc-catalog-api',
    name: 'Catalog API',
    team: 't-catalog',
    repo: 'acme/catalog-api',
    weight: 1,
    cadence: CAB,
  },
  { id: 'svc-search', name: 'Search', team: 't-search', repo: 'acme/search', weight: 1, cadence: CAB },
  {
    id: 'svc-ios-app',
    name: 'iOS app',
    team: 't-ios',
    repo: 'acme/ios-app',
    weight: 1,
    cadence: { kind: 'weekly', weekday: 1, hour: 13 },
  },
  {
    id: 'svc-android-app',
    name: 'Android app',
    team: 't-android',
    repo: 'acme/android-app',
    weight: 1,
    cadence: { kind: 'weekly', weekday: 2, hour: 13 },
  },
  {
    id: 'svc-mobile-bff',
    name: 'Mobile BFF',
    team: 't-mobile-bff',
    repo: 'acme/mobile-bff',
    weight: 1,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-payments-api',
    name: 'Payments API',
    team: 't-payments-api',
    repo: 'acme/payments-api',
    weight: 0.7,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-payment-gateway',
    name: 'Payment gateway',
    team: 't-payments-api',
    repo: 'acme/payment-gateway',
    weight: 0.3,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-fraud-scoring',
    name: 'Fraud scoring',
    team: 't-fraud',
    repo: 'acme/fraud-scoring',
    weight: 1,
    cadence: CONTINUOUS,
  },
  { id: 'svc-ledger', name: 'Ledger', team: 't-ledger', repo: 'acme/ledger', weight: 1, cadence: CONTINUOUS },
  {
    id: 'svc-k8s-platform',
    name: 'Kubernetes platform',
    team: 't-infra',
    repo: 'platform/k8s-platform',
    weight: 0.6,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-terraform-modules',
    name: 'Terraform modules',
    team: 't-infra',
    repo: 'platform/terraform-modules',
    weight: 0.4,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-ci-runners',
    name: 'CI runners',
    team: 't-devex',
    repo: 'platform/ci-runners',
    weight: 0.5,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-developer-portal',
    name: 'Developer portal',
    team: 't-devex',
    repo: 'platform/developer-portal',
    weight: 0.5,
    cadence: CONTINUOUS,
  },
  {
    id: 'svc-monitoring',
    name: 'Monitoring',
    team: 't-observability',
    repo: 'platform/monitoring',
    weight: 1,
    cadence: CONTINUOUS,
  },
];

/** A role held by a person; `from` and `to` are days relative to the start of the history. */
export interface DemoRole {
  readonly role: RoleName;
  readonly valueStream?: string;
  readonly team?: string;
  readonly from: number;
  readonly to?: number;
}

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly DemoRole[];
}

const vs = (role: RoleName, valueStream: string, from = -400, to?: number): DemoRole =>
  to === undefined ? { role, valueStream, from } : { role, valueStream, from, to };
const team = (role: RoleName, teamId: string, from = -400, to?: number): DemoRole =>
  to === undefined ? { role, team: teamId, from } : { role, team: teamId, from, to };
const person = (name: string, ...roles: DemoRole[]): DemoPerson => ({
  id: `p-${name
    .toLowerCase()
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '-')}`,
  name,
  roles,
});

/** The product owner stretched over five teams in two value streams. */
export const STRETCHED_PERSON = 'p-samuel-turner';

export const PEOPLE: readonly DemoPerson[] = [
  // Web Shop
  person('Ingrid Halvorsen', vs('product-manager', 'vs-webshop', -620)),
  person('Tomás Ferreira', vs('architect', 'vs-webshop', -540)),
  person('Priya Raman', vs('business-analyst', 'vs-webshop', -300)),
  person('Chloé Martin', vs('ux-lead', 'vs-webshop', -480)),
  person('Daniel Kowalski', vs('security-lead', 'vs-webshop', -365)),
  person('Aisha Bello', vs('dvs-facilitator', 'vs-webshop', -200)),
  person('Marcus Lindqvist', vs('qa-lead', 'vs-webshop', -700)),
  person('Elena Petrova', vs('adoption-lead', 'vs-webshop', 90)),
  // Mobile App
  person('Kenji Watanabe', vs('product-manager', 'vs-mobile', -450)),
  person('Sofia Rossi', vs('architect', 'vs-mobile', -390)),
  person("Liam O'Connor", vs('business-analyst', 'vs-mobile', -250), vs('adoption-lead', 'vs-mobile', 400)),
  person('Mei Chen', vs('ux-lead', 'vs-mobile', -520)),
  person('Hannah Schmidt', vs('security-lead', 'vs-mobile', -180)),
  person('Oluwaseun Adeyemi', vs('dvs-facilitator', 'vs-mobile', -330)),
  person('Ravi Patel', vs('qa-lead', 'vs-mobile', -410)),
  person('Laura Gómez', vs('adoption-lead', 'vs-mobile', -300, 400)),
  // Payments
  person('Fatima El Amrani', vs('product-manager', 'vs-payments', -800, 300)),
  person('Jonas Becker', vs('product-manager', 'vs-payments', 300)),
  person('Arjun Mehta', vs('architect', 'vs-payments', -600)),
  person('Claire Dubois', vs('business-analyst', 'vs-payments', -280)),
  person('Noah Williams', vs('ux-lead', 'vs-payments', -150)),
  person('Yara Haddad', vs('security-lead', 'vs-payments', -500)),
  person('Sebastian Novak', vs('dvs-facilitator', 'vs-payments', -220)),
  person('Grace Kim', vs('qa-lead', 'vs-payments', -340)),
  person('Mateo Silva', vs('adoption-lead', 'vs-payments', 120)),
  // Cloud Platform: no security lead.
  person('Anna Nowak', vs('product-manager', 'vs-platform', -380)),
  person('Erik Johansson', vs('architect', 'vs-platform', -700)),
  person('Zainab Hussain', vs('business-analyst', 'vs-platform', -90)),
  person('Lucas Moreau', vs('ux-lead', 'vs-platform', 30)),
  person('Peter Hansen', vs('dvs-facilitator', 'vs-platform', -420, 150)),
  person('Nora Virtanen', vs('dvs-facilitator', 'vs-platform', 150)),
  person('Omar Farouk', vs('qa-lead', 'vs-platform', -260)),
  person('Isabel Cruz', vs('adoption-lead', 'vs-platform', -60)),
  // Value-stream architects, one per portfolio.
  person(
    'Helena Sørensen',
    vs('value-stream-architect', 'vs-webshop', -365),
    vs('value-stream-architect', 'vs-mobile', -365),
  ),
  person(
    'David Okafor',
    vs('value-stream-architect', 'vs-payments', -240),
    vs('value-stream-architect', 'vs-platform', -240),
  ),
  // Product owners. Samuel Turner took on team after team; Ledger has none.
  person('Julia Wagner', team('product-owner', 't-checkout', -500)),
  person(
    'Samuel Turner',
    team('product-owner', 't-ios', -300),
    team('product-owner', 't-catalog', 60),
    team('product-owner', 't-search', 180),
    team('product-owner', 't-mobile-bff', 330),
    team('product-owner', 't-android', 450),
  ),
  person(
    'Emma Johnson',
    team('product-owner', 't-android', -500, 450),
    team('product-owner', 't-catalog', -420, 60),
  ),
  person('Rahul Verma', team('product-owner', 't-payments-api', -380)),
  person('Inês Carvalho', team('product-owner', 't-fraud', -210)),
  person('Viktor Ivanov', team('product-owner', 't-infra', -330)),
  person('Amelia Clarke', team('product-owner', 't-devex', -150)),
  person('Felix Braun', team('product-owner', 't-observability', -90)),
  // Team architects (tech leads).
  person('Leon Hoffmann', team('architect', 't-checkout', -450)),
  person('Marta Kowalczyk', team('architect', 't-catalog', -380)),
  person('Yusuf Demir', team('architect', 't-search', -300)),
  person('Hana Sato', team('architect', 't-ios', -520)),
  person('Diego Alvarez', team('architect', 't-android', -410)),
  person('Nina Popescu', team('architect', 't-mobile-bff', -160)),
  person('Ethan Brooks', team('architect', 't-payments-api', -600)),
  person('Leila Karimi', team('architect', 't-fraud', -240)),
  person('Tobias Meyer', team('architect', 't-ledger', -700)),
  person('Sven Eriksson', team('architect', 't-infra', -330)),
  person('Maya Levi', team('architect', 't-devex', -120)),
  person('Kofi Mensah', team('architect', 't-observability', -60)),
  // Team-level analysts, QA, UX and adoption.
  person('Rosa Jiménez', team('business-analyst', 't-checkout', -200)),
  person('Pavel Horák', team('qa-lead', 't-payments-api', -150)),
  person('Amira Nasser', team('business-analyst', 't-fraud', 45)),
  person('Jin Park', team('ux-lead', 't-ios', -330), team('ux-lead', 't-android', -330)),
  person('Olivia Bennett', team('adoption-lead', 't-devex', 420)),
];

/** Verbs of work item titles, per flow type. */
export const TITLE_VERBS: Readonly<Record<FlowType, readonly string[]>> = {
  feature: ['Add', 'Support', 'Improve', 'Redesign', 'Introduce', 'Personalise', 'Speed up'],
  defect: [
    'Fix crash in',
    'Fix wrong totals in',
    'Fix timeout in',
    'Fix layout of',
    'Fix flaky',
    'Fix missing data in',
  ],
  risk: [
    'Patch vulnerable dependency in',
    'Harden input validation of',
    'Rotate credentials of',
    'Add audit logging to',
    'Close CVE in',
  ],
  debt: ['Refactor', 'Remove dead code from', 'Upgrade libraries of', 'Split up', 'Add tests for'],
};
