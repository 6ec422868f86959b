/**
 * `flowlens.yaml`: the sources Flowlens syncs (kind, base URL, scope, team, credentials by
 * environment variable name) and the webhook secrets. Read with `yaml`, validated with zod; every
 * error names the file, the line and the field. Credentials are never in the file: it names the
 * environment variables that hold them, and they are read when a command needs them.
 *
 * Where: `--config <path>`, else `$FLOWLENS_CONFIG`, else `flowlens.yaml` in the data directory
 * (`$FLOWLENS_HOME`, default `~/.flowlens`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Document, isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { authConfigSchema } from '../auth/oidc-config.js';
import { FlowlensError } from '../domain/index.js';
import { resolveDataHome } from '../store/index.js';
import { isPrivateAddress } from './http.js';

export const CONFIG_FILE_NAME = 'flowlens.yaml';

type Env = Readonly<Record<string, string | undefined>>;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = z
  .string()
  .regex(
    ENV_NAME,
    'is not an environment variable name (put the secret in the environment, and its name here)',
  );
const id = z.string().min(1, 'must not be empty').max(4096);
const httpUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'is not an http(s) URL')
  .transform((value) => value.replace(/\/+$/, ''));

/** A rule that puts some of a source's items in another team; the first rule that matches wins. */
const teamRule = z
  .object({
    team: id,
    label: id.optional(),
    component: id.optional(),
    project: id.optional(),
    repo: id.optional(),
  })
  .strict()
  .refine(
    (rule) =>
      [rule.label, rule.component, rule.project, rule.repo].filter((v) => v !== undefined).length === 1,
    { message: 'give exactly one of label, component, project or repo (what the rule matches)' },
  );

const httpOptions = z
  .object({
    /** Seconds before a request is given up and retried. */
    timeoutSeconds: z.number().positive().max(600).default(30),
    /** Attempts per request after the first, for 5xx, resets, timeouts and rate limits. */
    maxRetries: z.number().int().min(0).max(20).default(6),
    /** The longest single wait for a rate limit before the sync stops with an error. */
    maxWaitSeconds: z.number().positive().max(86_400).default(900),
  })
  .strict();

const common = {
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'must be letters, digits, ".", "_" or "-" (at most 64), e.g. jira-pay',
    ),
  team: id.optional(),
  teams: z.array(teamRule).optional(),
  /** Admin allow-list: permit a base URL on localhost or a private network (refused otherwise). */
  allowPrivateNetwork: z.boolean().default(false),
  pageSize: z.number().int().min(1).max(1000).optional(),
  /** How far back each incremental sync looks again, to catch updates near the cursor. */
  overlapMinutes: z.number().min(0).max(1440).default(5),
  http: httpOptions.default({ timeoutSeconds: 30, maxRetries: 6, maxWaitSeconds: 900 }),
};

const jiraSource = z
  .object({
    ...common,
    kind: z.literal('jira'),
    /** The `source` of the records (default `jira:<name>`). */
    source: id.optional(),
    url: httpUrl,
    /** `cloud`: REST v3 with an email and an API token; `datacenter`: REST v2, a personal access token. */
    deployment: z.enum(['cloud', 'datacenter']).default('cloud'),
    projects: z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'is not a Jira project key'))
      .min(1)
      .optional(),
    jql: z.string().min(1).optional(),
    credentials: z.object({ user: envName.optional(), token: envName }).strict(),
  })
  .strict()
  .refine((s) => (s.projects === undefined) !== (s.jql === undefined), {
    message: 'give exactly one of projects (keys) or jql (the issues to sync)',
    path: ['projects'],
  })
  .refine((s) => s.deployment !== 'cloud' || s.credentials.user !== undefined, {
    message:
      'Jira Cloud needs credentials.user (the variable holding the account e-mail) and credentials.token',
    path: ['credentials', 'user'],
  });

const repoName = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'is not owner/repo');
const githubRepo = z.union([
  repoName,
  z.object({ repo: repoName, service: id.optional(), team: id.optional() }).strict(),
]);

const githubSource = z
  .object({
    ...common,
    kind: z.literal('github'),
    url: httpUrl.default('https://api.github.com'),
    repos: z.array(githubRepo).min(1),
    /** The service the repositories' deployments belong to (default: the repository name). */
    service: id.optional(),
    deployments: z.boolean().default(true),
    releases: z.boolean().default(true),
    /** An Actions workflow whose successful runs are deployments, e.g. deploy.yml. */
    deployWorkflow: z.string().min(1).optional(),
    deployEnvironment: id.default('production'),
    /** Labels that are statuses while an issue is open, e.g. ["in progress", "in review"]. */
    statusLabels: z.array(id).default([]),
    /** A GitHub Projects (v2) board whose Status field is the issues' status. */
    project: z
      .object({
        owner: id,
        number: z.number().int().positive(),
        statusField: id.default('Status'),
        ownerType: z.enum(['organization', 'user']).default('organization'),
      })
      .strict()
      .optional(),
    credentials: z.object({ token: envName }).strict(),
  })
  .strict();

const gitlabSource = z
  .object({
    ...common,
    kind: z.literal('gitlab'),
    url: httpUrl.default('https://gitlab.com'),
    group: id.optional(),
    projects: z.array(z.string().min(1)).min(1).optional(),
    service: id.optional(),
    /** Scoped-label prefix whose labels are statuses while an issue is open, e.g. "workflow::". */
    statusLabelPrefix: z.string().min(1).optional(),
    statusLabels: z.array(id).default([]),
    credentials: z.object({ token: envName }).strict(),
  })
  .strict()
  .refine((s) => (s.group === undefined) !== (s.projects === undefined), {
    message: 'give exactly one of group or projects (the projects to sync)',
    path: ['projects'],
  });

const gitSource = z
  .object({
    ...common,
    kind: z.literal('git'),
    /** The `source` of the records (default `git:<name>`). */
    source: id.optional(),
    /** A local clone (the sync reads it; run `git fetch` yourself, or from cron). */
    path: z.string().min(1),
    branch: z.string().min(1).default('HEAD'),
    /** Tags matching this glob are production deployments (e.g. "v*"); none when absent. */
    tagPattern: z.string().min(1).optional(),
    environment: id.default('production'),
    service: id.optional(),
    /** Pattern of work item keys in commit messages (a regular expression), default Jira-style keys. */
    itemPattern: z.string().min(1).default('\\b[A-Z][A-Z0-9_]+-\\d+\\b'),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('kind', [jiraSource, githubSource, gitlabSource, gitSource]);

const webhookSecret = z.object({ secretEnv: envName }).strict();

export const configSchema = z
  .object({
    sources: z.array(sourceSchema).default([]),
    /** Sign-in: OpenID Connect single sign-on (src/auth/oidc-config.ts, docs/security.md). */
    auth: authConfigSchema.optional(),
    webhooks: z
      .object({
        github: webhookSecret.optional(),
        gitlab: webhookSecret.optional(),
        jira: webhookSecret.optional(),
        /** Largest webhook body in bytes (default 5 MiB). */
        maxBodyBytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(5 * 1024 * 1024),
      })
      .strict()
      .default({ maxBodyBytes: 5 * 1024 * 1024 }),
    /**
     * Gap detection (src/connectors/reconcile.ts): when `flowlens start` finds that the previous run
     * was killed, or was down longer than `gapMinutes`, it runs a reconcile poll of the sources that
     * receive webhooks (`onStart: false` turns that off; `flowlens sync --reconcile` runs it by hand).
     */
    reconcile: z
      .object({
        gapMinutes: z.number().min(0).max(10_080).default(5),
        onStart: z.boolean().default(true),
        /** Also poll periodically while serving: `30m`, `6h`, `1d` (at least 1m); none when absent. */
        every: z
          .string()
          .regex(/^[1-9]\d{0,4}(m|h|d)$/, 'is not a duration such as 30m, 6h or 1d (at least 1m)')
          .optional(),
      })
      .strict()
      .default({ gapMinutes: 5, onStart: true }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.sources.forEach((source, i) => {
      const before = seen.get(source.name);
      if (before !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'name'],
          message: `"${source.name}" is already the name of sources[${before}]; names must be unique`,
        });
      seen.set(source.name, i);
      // SSRF (docs/hostile-input.md, case 24): a base URL that names a loopback, link-local or
      // private address is refused here, when the file is read, unless an administrator allows it.
      // (A host name that resolves to such an address is refused when it is first called.)
      if ('url' in source && !source.allowPrivateNetwork) {
        const host = new URL(source.url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
        if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, 'url'],
            message: `${source.url} is a loopback, link-local or private address; Flowlens calls such addresses only when the source sets allowPrivateNetwork: true (an administrator's decision)`,
          });
      }
    });
  });

export type FlowlensConfig = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type JiraSourceConfig = Extract<SourceConfig, { kind: 'jira' }>;
export type GithubSourceConfig = Extract<SourceConfig, { kind: 'github' }>;
export type GitlabSourceConfig = Extract<SourceConfig, { kind: 'gitlab' }>;
export type GitSourceConfig = Extract<SourceConfig, { kind: 'git' }>;
export type SourceKind = SourceConfig['kind'];
export type WebhookProvider = 'github' | 'gitlab' | 'jira';

export interface LoadedConfig {
  /** The file read (absolute), or where it would be. */
  readonly path: string;
  readonly exists: boolean;
  readonly config: FlowlensConfig;
}

/** Where the configuration file is: `--config`, `$FLOWLENS_CONFIG`, or `$FLOWLENS_HOME/flowlens.yaml`. */
export function resolveConfigPath(flag: string | undefined, env: Env): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = env.FLOWLENS_CONFIG;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(resolveDataHome(env), CONFIG_FILE_NAME);
}

/** Reads and validates the configuration; a file that does not exist is an empty configuration. */
export function loadConfig(flag: string | undefined, env: Env): LoadedConfig {
  const path = resolveConfigPath(flag, env);
  if (!existsSync(path)) return { path, exists: false, config: configSchema.parse({}) };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FlowlensError(
      'INVALID_CONFIG',
      `${path}: cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return { path, exists: true, config: parseConfig(text, path) };
}

/** Parses and validates configuration text; errors name `file:line: field: message`. */
export function parseConfig(text: string, path: string): FlowlensConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = lines.linePos(first.pos[0]).line;
    throw new FlowlensError(
      'INVALID_CONFIG',
      `${path}:${line}: not valid YAML: ${first.message.split('\n')[0]}`,
    );
  }
  const value = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FlowlensError(
      'INVALID_CONFIG',
      `${path}:1: the configuration must be a mapping with "sources:"`,
    );
  }
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 10).map((issue) => {
    const at = lineOf(doc, lines, issue.path);
    const field = formatPath(issue.path) || '(top level)';
    return `${path}${at === null ? '' : `:${at}`}: ${field}: ${describeIssue(issue, value)}`;
  });
  const more = result.error.issues.length > 10 ? `\n…and ${result.error.issues.length - 10} more` : '';
  throw new FlowlensError('INVALID_CONFIG', `${messages.join('\n')}${more}`, {
    details: result.error.issues,
  });
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'custom' || (issue.code === 'invalid_union' && issue.path.at(-1) === undefined))
    return issue.message;
  let value: unknown = root;
  for (const key of issue.path)
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  if (value === undefined) return issue.code === 'invalid_type' ? 'is required' : issue.message;
  if (issue.path.at(-1) === 'kind' || (issue.code as string) === 'invalid_union_discriminator')
    return `${JSON.stringify(value)} is not one of jira, github, gitlab, git`;
  return `${JSON.stringify(value)?.slice(0, 60)} ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | null {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length) as (string | number)[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range !== undefined) return lines.linePos(node.range[0]).line;
  }
  return null;
}

/** The value of an environment variable a configuration names, or a clear error. */
export function secretFrom(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new FlowlensError(
      'INVALID_CONFIG',
      `${what}: the environment variable ${name} is not set; export it (the configuration names it, it never holds the secret itself)`,
    );
  return value;
}

/** The `source` of a configured source's records. */
export function recordSourceOf(source: SourceConfig, repo?: string): string {
  switch (source.kind) {
    case 'jira':
      return source.source ?? `jira:${source.name}`;
    case 'github':
      return `github:${repo ?? source.name}`;
    case 'gitlab':
      return `gitlab:${repo ?? source.name}`;
    case 'git':
      return source.source ?? `git:${source.name}`;
  }
}

/** Adds or replaces a source in the file, keeping its other content and comments; creates the file. */
export function writeSource(path: string, source: Record<string, unknown>): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const doc = parseDocument(
    text === '' ? '# Flowlens configuration: see docs/connectors.md\nsources: []\n' : text,
  );
  if (doc.errors.length > 0)
    throw new FlowlensError('INVALID_CONFIG', `${path}: not valid YAML; fix it before adding a source`);
  if (!isMap(doc.contents))
    throw new FlowlensError('INVALID_CONFIG', `${path}: the configuration must be a mapping`);
  let sources = doc.get('sources', true);
  if (!isSeq(sources)) {
    doc.set('sources', doc.createNode([]));
    sources = doc.get('sources', true);
  }
  if (!isSeq(sources)) throw new Error('unreachable: sources is a sequence');
  const node = doc.createNode(source);
  const at = sources.items.findIndex((item) => isMap(item) && item.get('name') === source.name);
  if (at === -1) sources.items.push(node as never);
  else sources.items[at] = node as never;
  const written = doc.toString({ lineWidth: 0 });
  // Validate what would be written before replacing the file.
  parseConfig(written, path);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, written, { mode: 0o600 });
  renameSync(temporary, path);
}

/** YAML text of a value (for messages and docs). */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}
