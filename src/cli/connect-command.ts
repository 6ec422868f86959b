/**
 * `flowlens connect jira|github|gitlab|git …`: checks the credentials and scope against the server,
 * writes the source into flowlens.yaml, and proposes a status/type mapping marked "to review".
 */
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { type ConnectResult, connectSource, resolveConfigPath } from '../connectors/index.js';
import { FlowlensError } from '../domain/index.js';
import { type CliIo, formatCount, writeLine } from './io.js';
import { withStore } from './with-store.js';

interface CommonFlags {
  readonly name: string;
  readonly team?: string;
  readonly config?: string;
  readonly db?: string;
  readonly json?: boolean;
  readonly mapping?: boolean;
  readonly allowPrivateNetwork?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerConnectCommand(program: Command, io: CliIo): void {
  const connect = program
    .command('connect')
    .description('add a source to flowlens.yaml: check it against its server and propose its mapping')
    .addHelpText(
      'after',
      `
Credentials are given by the name of the environment variable that holds them (--token-env), never
by value: the configuration and the database only ever hold the variable's name.

Examples:
  export JIRA_EMAIL=ana@acme.com JIRA_TOKEN=…
  flowlens connect jira --name jira-pay --url https://acme.atlassian.net --project PAY \\
    --user-env JIRA_EMAIL --token-env JIRA_TOKEN --team t-payments
  flowlens connect github --name gh-pay --repo acme/pay-api --token-env GITHUB_TOKEN --deploy-workflow deploy.yml
  flowlens connect gitlab --name gl-shop --group shop --token-env GITLAB_TOKEN
  flowlens connect git --name api --path ~/src/api --tag-pattern 'v*'`,
    );

  const common = (command: Command) =>
    command
      .requiredOption('--name <name>', 'the source\'s name in flowlens.yaml (letters, digits, ".", "_", "-")')
      .option('--team <team>', 'the team the source belongs to')
      .option(
        '--config <path>',
        'the configuration file (default: $FLOWLENS_CONFIG, else flowlens.yaml in $FLOWLENS_HOME)',
      )
      .option('--db <path-or-url>', 'database for the proposed mapping')
      .option('--no-mapping', 'do not propose a mapping')
      .option(
        '--allow-private-network',
        'the server is on localhost or a private network (refused otherwise)',
      )
      .option('--json', 'print the result as one JSON document');

  common(
    connect
      .command('jira')
      .description('a Jira Cloud site or Data Center server')
      .requiredOption('--url <url>', 'the site, e.g. https://acme.atlassian.net')
      .option(
        '--deployment <kind>',
        'cloud (REST v3, e-mail + API token) or datacenter (REST v2, personal access token)',
        'cloud',
      )
      .option('--project <key>', 'a project key (repeat for more)', collect)
      .option('--jql <jql>', 'the issues to sync, as JQL (instead of --project)')
      .option('--user-env <VAR>', 'the variable holding the account e-mail (Cloud) or user name')
      .requiredOption('--token-env <VAR>', 'the variable holding the API token or personal access token'),
  ).action(
    async (
      flags: CommonFlags & {
        url: string;
        deployment: string;
        project?: string[];
        jql?: string;
        userEnv?: string;
        tokenEnv: string;
      },
    ) => {
      await run(io, flags, {
        kind: 'jira',
        name: flags.name,
        url: flags.url,
        deployment: flags.deployment,
        ...(flags.project === undefined ? {} : { projects: flags.project }),
        ...(flags.jql === undefined ? {} : { jql: flags.jql }),
        credentials: {
          ...(flags.userEnv === undefined ? {} : { user: flags.userEnv }),
          token: flags.tokenEnv,
        },
        ...teamAndNetwork(flags),
      });
    },
  );

  common(
    connect
      .command('github')
      .description('GitHub or GitHub Enterprise repositories')
      .requiredOption('--repo <owner/repo>', 'a repository (repeat for more)', collect)
      .requiredOption('--token-env <VAR>', 'the variable holding the token')
      .option('--url <url>', 'the API, for GitHub Enterprise (default https://api.github.com)')
      .option('--deploy-workflow <file>', 'an Actions workflow whose runs are deployments, e.g. deploy.yml')
      .option('--deploy-environment <env>', 'the environment of those runs (default production)')
      .option(
        '--status-label <label>',
        'a label that is a status while an issue is open (repeat for more)',
        collect,
      )
      .option('--project-board <owner/number>', "a Projects board whose Status field is the issues' status"),
  ).action(
    async (
      flags: CommonFlags & {
        repo: string[];
        tokenEnv: string;
        url?: string;
        deployWorkflow?: string;
        deployEnvironment?: string;
        statusLabel?: string[];
        projectBoard?: string;
      },
    ) => {
      const board =
        flags.projectBoard === undefined ? undefined : /^([^/]+)\/(\d+)$/.exec(flags.projectBoard);
      if (board === null)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `--project-board: "${flags.projectBoard}" is not owner/number, e.g. acme/3`,
        );
      await run(io, flags, {
        kind: 'github',
        name: flags.name,
        ...(flags.url === undefined ? {} : { url: flags.url }),
        repos: flags.repo,
        ...(flags.deployWorkflow === undefined ? {} : { deployWorkflow: flags.deployWorkflow }),
        ...(flags.deployEnvironment === undefined ? {} : { deployEnvironment: flags.deployEnvironment }),
        ...(flags.statusLabel === undefined ? {} : { statusLabels: flags.statusLabel }),
        ...(board === undefined ? {} : { project: { owner: board[1], number: Number(board[2]) } }),
        credentials: { token: flags.tokenEnv },
        ...teamAndNetwork(flags),
      });
    },
  );

  common(
    connect
      .command('gitlab')
      .description('GitLab.com or self-managed GitLab projects')
      .option('--url <url>', 'the server (default https://gitlab.com)')
      .option('--group <group>', 'every project of a group (and its subgroups)')
      .option('--project <path>', 'a project, e.g. shop/api (repeat for more)', collect)
      .requiredOption('--token-env <VAR>', 'the variable holding the access token')
      .option('--status-label-prefix <prefix>', 'scoped labels that are statuses, e.g. workflow::'),
  ).action(
    async (
      flags: CommonFlags & {
        url?: string;
        group?: string;
        project?: string[];
        tokenEnv: string;
        statusLabelPrefix?: string;
      },
    ) => {
      await run(io, flags, {
        kind: 'gitlab',
        name: flags.name,
        ...(flags.url === undefined ? {} : { url: flags.url }),
        ...(flags.group === undefined ? {} : { group: flags.group }),
        ...(flags.project === undefined ? {} : { projects: flags.project }),
        ...(flags.statusLabelPrefix === undefined ? {} : { statusLabelPrefix: flags.statusLabelPrefix }),
        credentials: { token: flags.tokenEnv },
        ...teamAndNetwork(flags),
      });
    },
  );

  common(
    connect
      .command('git')
      .description('a local git clone (commits as changes, tags as deployments)')
      .requiredOption('--path <path>', 'the clone')
      .option('--branch <branch>', 'the branch whose history is read (default HEAD)')
      .option('--tag-pattern <glob>', 'tags that are production deployments, e.g. "v*"')
      .option('--environment <env>', 'the environment of those deployments (default production)'),
  ).action(
    async (
      flags: CommonFlags & { path: string; branch?: string; tagPattern?: string; environment?: string },
    ) => {
      await run(io, flags, {
        kind: 'git',
        name: flags.name,
        path: flags.path,
        ...(flags.branch === undefined ? {} : { branch: flags.branch }),
        ...(flags.tagPattern === undefined ? {} : { tagPattern: flags.tagPattern }),
        ...(flags.environment === undefined ? {} : { environment: flags.environment }),
        ...(flags.team === undefined ? {} : { team: flags.team }),
      });
    },
  );
}

function teamAndNetwork(flags: CommonFlags): Record<string, unknown> {
  return {
    ...(flags.team === undefined ? {} : { team: flags.team }),
    ...(flags.allowPrivateNetwork === true ? { allowPrivateNetwork: true } : {}),
  };
}

async function run(io: CliIo, flags: CommonFlags, settings: Record<string, unknown>): Promise<void> {
  const configPath = resolveConfigPath(flags.config, io.env);
  let result: ConnectResult;
  try {
    result = await withStore(io, flags.db, (store) =>
      connectSource(store, settings, { env: io.env, configPath, mapping: flags.mapping !== false }),
    );
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues
        .map((i) => `${i.path.join('.') || settings.kind}: ${i.message}`)
        .join('; ');
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `the ${String(settings.kind)} source is not valid: ${problems}`,
      );
    }
    throw error;
  }
  if (flags.json === true) {
    writeLine(
      io.stdout,
      JSON.stringify(
        {
          source: result.source.name,
          kind: result.source.kind,
          config: result.configPath,
          account: result.check.account,
          scope: result.check.scope,
          mappings: result.mappings.map((m) => ({ ...m.proposal, added: m.added, toReview: m.added > 0 })),
        },
        null,
        2,
      ),
    );
    return;
  }
  writeLine(io.stdout, `Connected ${result.source.name} (${result.source.kind}) as ${result.check.account}:`);
  for (const line of result.check.scope) writeLine(io.stdout, `  ${line}`);
  writeLine(io.stdout, `Wrote the source to ${result.configPath}.`);
  for (const { proposal, added } of result.mappings) {
    if (added === 0) {
      writeLine(io.stdout, `Mapping of ${proposal.source}: already complete, nothing proposed.`);
      continue;
    }
    writeLine(
      io.stdout,
      `Proposed a mapping of ${proposal.source} (${formatCount(added)} entries: ${Object.keys(proposal.statuses).length} statuses, ` +
        `${Object.keys(proposal.types).length} types, ${Object.keys(proposal.environments).length} environments) — to review:`,
    );
    for (const [status, meaning] of Object.entries(proposal.statuses))
      writeLine(io.stdout, `  status ${JSON.stringify(status)} → ${meaning.stage}/${meaning.state}`);
    for (const [type, flow] of Object.entries(proposal.types))
      writeLine(io.stdout, `  type ${JSON.stringify(type)} → ${flow}`);
    for (const [env, name] of Object.entries(proposal.environments))
      writeLine(io.stdout, `  environment ${JSON.stringify(env)} → ${name}`);
  }
  if (result.mappings.some((m) => m.added > 0))
    writeLine(
      io.stdout,
      'Review it with `flowlens mapping show <source>`; accept it with `flowlens mapping accept <source>`, or import a corrected mapping record.',
    );
  writeLine(io.stdout, `Next: \`flowlens sync ${result.source.name}\`.`);
}
