/**
 * Kysely's view of the database: one interface per table. Instants are epoch milliseconds,
 * JSON columns are text, booleans are 0/1 (see tables.ts). Generated ids are numbers.
 */
import type { Generated } from 'kysely';

interface Bookkeeping {
  created_batch: number;
  updated_batch: number;
}

export interface PortfolioTable extends Bookkeeping {
  id: string;
  name: string;
}
export interface ValueStreamTable extends Bookkeeping {
  id: string;
  name: string;
  portfolio: string | null;
}
export interface TeamTable extends Bookkeeping {
  id: string;
  name: string;
  value_stream: string | null;
}
export interface PersonTable extends Bookkeeping {
  id: string;
  name: string;
  email: string | null;
}
export interface ServiceTable extends Bookkeeping {
  id: string;
  team: string;
  name: string | null;
  repository: string | null;
}
export interface RoleTable extends Bookkeeping {
  key: string;
  person: string;
  role: string;
  value_stream: string | null;
  team: string | null;
  from_at: number | null;
  to_at: number | null;
}
export interface MappingTable extends Bookkeeping {
  source: string;
  /** '' for the mapping of the whole source; a team id for that team's override. */
  team: string;
  statuses: string;
  types: string;
  environments: string | null;
}
export interface WorkItemTable extends Bookkeeping {
  source: string;
  id: string;
  type: string;
  status: string;
  created_at: number;
  title: string | null;
  team: string | null;
  parent: string | null;
  url: string | null;
  labels: string | null;
  estimate: number | null;
  product: string | null;
  /** The item's immutable id at its source (migration 0012); unique per source where set. */
  source_id: Generated<string | null>;
}
export interface TransitionTable extends Bookkeeping {
  source: string;
  item: string;
  at: number;
  from_status: string;
  to_status: string;
  /** '' when the transition has no id. */
  id: string;
  by: string | null;
}
export interface ChangeTable extends Bookkeeping {
  source: string;
  id: string;
  created_at: number;
  first_commit_at: number | null;
  merged_at: number | null;
  items: string | null;
  repository: string | null;
  author: string | null;
  reviewed: number | null;
}
export interface DeploymentTable extends Bookkeeping {
  source: string;
  id: string;
  service: string;
  environment: string;
  at: number;
  status: string;
  changes: string | null;
}
export interface IncidentTable extends Bookkeeping {
  source: string;
  id: string;
  service: string;
  opened_at: number;
  resolved_at: number | null;
  caused_by: string | null;
  severity: string | null;
}

/** `failed`: the file could not be read as a whole (e.g. an unknown CSV column); see `failure`. */
export type ImportFileStatus = 'running' | 'done' | 'rejected' | 'failed';

export interface ImportFileTable {
  id: Generated<number>;
  /** Absolute path, or a name such as `-` (standard input) or an upload's name. */
  path: string;
  /** Size, modification time and a hash of the first 64 KiB: identifies the same file on a re-run. */
  fingerprint: string;
  format: string;
  strict: number;
  status: ImportFileStatus;
  started_at: number;
  finished_at: number | null;
  /** Bytes of the file whose records are committed (the resume point). */
  committed_bytes: number;
  /** Last line (1-based) whose record is committed. */
  committed_line: number;
  records: number;
  rejected: number;
  /** JSON: per kind, `{inserted, updated, unchanged}`. */
  counts: string;
}

export interface ImportBatchTable {
  id: Generated<number>;
  file_id: number;
  committed_at: number;
  first_line: number;
  last_line: number;
  end_offset: number;
  records: number;
  rejected: number;
  counts: string;
}

export interface ImportErrorTable {
  id: Generated<number>;
  file_id: number;
  line: number;
  field: string;
  message: string;
}

/** Facts of one work item (migration 0002), derived by src/engine from its history. */
export interface ItemFactsTable {
  source: string;
  item: string;
  team: string | null;
  raw_type: string;
  flow_type: string;
  type_mapped: number;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  current_status: string;
  current_state: string;
  current_stage: string;
  lead_ms: number | null;
  flow_ms: number | null;
  active_ms: number | null;
  span_statuses: string;
  history: Uint8Array;
  flags: number;
  out_of_order: number;
}

/** Items whose facts must be recomputed (kept by triggers, migration 0002). */
export interface FactsPendingTable {
  source: string;
  item: string;
}

/** The facts version (migration 0003): one row, replaced by every write of stored facts. */
export interface FactsVersionTable {
  id: number;
  store_id: string;
  version: string;
}

/** Where the next sync of a source's resource starts (migration 0004); `cursor` is JSON. */
export interface SyncCursorTable {
  source: string;
  resource: string;
  cursor: string;
  updated_at: number;
}

/** `running` (or killed), `done`, `failed`, `needs-attention` (credentials refused), `degraded` (rate-limited). */
export type SyncRunStatus = 'running' | 'done' | 'failed' | 'needs-attention' | 'degraded';

/** One sync of one source (migration 0004); `summary` is JSON. */
export interface SyncRunTable {
  id: Generated<number>;
  source: string;
  started_at: number;
  finished_at: number | null;
  status: SyncRunStatus;
  message: string | null;
  summary: string | null;
}

/** A webhook delivery accepted (migration 0004): `stored`, `ignored` or `quarantined` (see `reason`). */
export interface WebhookDeliveryTable {
  provider: string;
  delivery_id: string;
  event: string;
  received_at: number;
  status: string;
  records: number;
  reason: string | null;
  payload: string | null;
}

/** A mapping proposed by `flowlens connect` and not reviewed yet (migration 0004); team '' = whole source. */
export interface MappingReviewTable {
  source: string;
  team: string;
  proposed_at: number;
  proposed_by: string;
  batch_id: number;
}

/** A past parent of a team, value stream or service (migration 0005): it belonged there until `to_at`. */
export interface OrgHistoryTable {
  /** `team` (parent: a value stream), `valueStream` (a portfolio) or `service` (a team). */
  kind: string;
  id: string;
  parent: string | null;
  to_at: number;
  moved_at: number;
  moved_by: string;
}

/** An archived entity (migration 0005): hidden from lists and role coverage, its history kept. */
export interface OrgArchivedTable {
  kind: string;
  id: string;
  archived_at: number;
  archived_by: string;
}

/** A product owned by a team (migration 0005). */
export interface ProductTable {
  id: string;
  name: string;
  team: string | null;
  description: string | null;
  created_at: number;
  updated_at: number;
}

/** An organisation-wide setting (migration 0005); `value` is JSON. */
export interface OrgSettingTable {
  key: string;
  value: string;
  updated_at: number;
  updated_by: string;
}

/** A saved version of a mapping (migration 0005); team '' = the whole source. */
export interface MappingVersionTable {
  source: string;
  team: string;
  version: number;
  saved_at: number;
  saved_by: string;
  note: string | null;
  statuses: string | null;
  types: string | null;
  environments: string | null;
  removed: number;
  changes: string;
  restored_from: number | null;
}

/** One edit made through the API or the command line (migration 0005). */
export interface OrgChangeTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  kind: string;
  target: string;
  summary: string;
  details: string | null;
}

/** A dated note on a scope (migration 0006); scope_id '' for the organisation. */
export interface AnnotationTable {
  id: Generated<number>;
  scope_kind: string;
  scope_id: string;
  at: number;
  title: string;
  description: string | null;
  created_at: number;
  created_by: string;
}

/** An improvement item made from an insight (migration 0010), and its tracker issue when written back. */
export interface ImprovementTable {
  id: Generated<number>;
  rule: string;
  scope_kind: string;
  scope_id: string;
  team: string;
  type: string;
  item_source: string;
  item_id: string;
  title: string;
  /** JSON: the insight (title, explanation, evidence, action) and its period. */
  evidence: string;
  created_at: number;
  created_by: string;
  tracker: string | null;
  tracker_key: string | null;
  tracker_url: string | null;
}

/** A team's capacity-allocation target (migration 0006): shares that add up to 1. */
export interface AllocationTargetTable {
  team: string;
  feature: number;
  defect: number;
  debt_and_risk: number;
  updated_at: number;
  updated_by: string;
}

/** A local or single-sign-on account (migration 0007); password_hash null for single sign-on only. */
export interface UserTable {
  id: string;
  name: string;
  password_hash: string | null;
  role: string;
  value_stream: string | null;
  created_at: number;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  oidc_subject: string | null;
}

/** A browser session (migration 0007): only the SHA-256 of its id is stored. */
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** An API token (migration 0007): only the SHA-256 of its secret is stored. */
export interface ApiTokenTable {
  id: string;
  name: string;
  secret_hash: string;
  role: string;
  value_stream: string | null;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

/**
 * An entry of the append-only, hash-chained audit trail (migration 0008; src/audit). `seq` is 1, 2,
 * 3… without gaps; `hash` is the SHA-256 of the entry's canonical form, `prev_hash` the previous
 * entry's hash (64 zeros for the first).
 */
export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  kind: string;
  target: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** A work item deleted at its source (migration 0009): what was removed, when, how and why. */
export interface ItemTombstoneTable {
  source: string;
  id: string;
  deleted_at: number;
  via: string;
  reason: string;
  /** JSON: `{"workItem": <row>, "transitions": [<row>…]}`; null when the item was never stored. */
  record: string | null;
}

/** A sprint or planning interval (migration 0011); `items` is its membership history as JSON. */
export interface SprintTable extends Bookkeeping {
  source: string;
  id: string;
  name: string;
  start_at: number | null;
  end_at: number | null;
  team: string | null;
  state: string | null;
  completed_at: number | null;
  goal: string | null;
  items: string | null;
}

/** One stretch of a work item's membership of a sprint (migration 0011, kept by triggers on `sprints`). */
export interface SprintItemTable {
  source: string;
  sprint: string;
  item: string;
  added_at: number;
  /** Null while the item is still in the sprint. */
  removed_at: number | null;
}

/**
 * One `flowlens start` (migration 0013): its heartbeat, and when it stopped cleanly (null: it is
 * running, or it was killed); `reconcile` is the JSON of the reconcile poll its start ran, if any.
 */
export interface ServerRunTable {
  id: Generated<number>;
  started_at: number;
  heartbeat_at: number;
  stopped_at: number | null;
  pid: number;
  host: string;
  reconcile: string | null;
}

/** A former id of a renamed work item (migration 0012): records naming it land on `new_id`. */
export interface ItemAliasTable {
  source: string;
  old_id: string;
  new_id: string;
  source_id: string;
  renamed_at: number;
}

export interface Database {
  item_aliases: ItemAliasTable;
  server_runs: ServerRunTable;
  sprints: SprintTable;
  sprint_items: SprintItemTable;
  item_tombstones: ItemTombstoneTable;
  audit_log: AuditLogTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  annotations: AnnotationTable;
  improvements: ImprovementTable;
  allocation_targets: AllocationTargetTable;
  org_history: OrgHistoryTable;
  org_archived: OrgArchivedTable;
  products: ProductTable;
  org_settings: OrgSettingTable;
  mapping_versions: MappingVersionTable;
  org_changes: OrgChangeTable;
  sync_cursors: SyncCursorTable;
  sync_runs: SyncRunTable;
  webhook_deliveries: WebhookDeliveryTable;
  mapping_reviews: MappingReviewTable;
  facts_version: FactsVersionTable;
  item_facts: ItemFactsTable;
  facts_pending: FactsPendingTable;
  portfolios: PortfolioTable;
  value_streams: ValueStreamTable;
  teams: TeamTable;
  people: PersonTable;
  services: ServiceTable;
  roles: RoleTable;
  mappings: MappingTable;
  work_items: WorkItemTable;
  transitions: TransitionTable;
  changes: ChangeTable;
  deployments: DeploymentTable;
  incidents: IncidentTable;
  import_files: ImportFileTable;
  import_batches: ImportBatchTable;
  import_errors: ImportErrorTable;
}
