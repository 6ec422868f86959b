/**
 * Connectors: Jira, GitHub, GitLab and local git turned into interchange records, handed to the
 * importer (they never write work-item data themselves); the configuration file; `flowlens sync`
 * and `flowlens connect`; webhook deliveries.
 */
export type {
  FlowlensConfig,
  LoadedConfig,
  SourceConfig,
  SourceKind,
  WebhookProvider,
} from './config.js';
export {
  CONFIG_FILE_NAME,
  configSchema,
  loadConfig,
  parseConfig,
  recordSourceOf,
  resolveConfigPath,
  sourceSchema,
  writeSource,
} from './config.js';
export type { ConnectOptions, ConnectResult, MappingReview } from './connect.js';
export {
  acceptMappings,
  connectSource,
  importProposal,
  mappingsToReview,
  parseSourceSettings,
} from './connect.js';
export { createConnector } from './connectors.js';
export type { HttpPolicy, HttpStats, RequestSpec, SourceErrorReason, WaitInfo } from './http.js';
export { DEFAULT_POLICY, HttpClient, isPrivateAddress, isSourceError, SourceError } from './http.js';
export type { SourceSyncStatus, SourceSyncSummary, SyncOptions, SyncProgress, SyncSummary } from './sync.js';
export { chooseSources, syncSources } from './sync.js';
export type {
  CheckResult,
  Connector,
  ConnectorContext,
  Env,
  MappingProposal,
  OutRecord,
  Page,
  Resource,
} from './types.js';
export type { WebhookContext, WebhookOutcome } from './webhooks.js';
export { eventOf, isHandledEvent, translateWebhook, UnexpectedPayload } from './webhooks.js';
export type { CreatedIssue, TrackerIssue, TrackerTarget } from './write-back.js';
export { createTrackerIssue } from './write-back.js';
