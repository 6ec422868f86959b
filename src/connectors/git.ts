/**
 * git connector, for teams without a tracker: a local clone read with the `git` binary.
 *
 * - `commits`: the branch's first-parent history, oldest first. A merge commit is one change
 *   (created at its earliest merged commit, merged when it landed); a commit made on the branch
 *   itself is a change of its own. Work item keys in the messages link the change to items.
 * - `tags`: tags matching `tagPattern` are successful deployments to `environment` (production by
 *   default), each shipping the changes since the previous matching tag.
 *
 * The cursor is the last commit read, and the tags already turned into deployments; when history
 * was rewritten (the cursor is no longer an ancestor), the branch is read again from the start.
 */
import { execFile } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GitSourceConfig } from './config.js';
import { recordSourceOf } from './config.js';
import { SourceError } from './http.js';
import { defined, iso, ms } from './shared.js';
import type {
  CheckResult,
  Connector,
  ConnectorContext,
  MappingProposal,
  OutRecord,
  Page,
  Resource,
} from './types.js';

const run = promisify(execFile);
const FIELD = '\u001f';
const RECORD = '\u001e';
const PAGE_SIZE = 500;

interface GitCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly authorEmail: string;
  readonly authoredAt: string;
  readonly committedAt: string;
  readonly message: string;
}

export function createGitConnector(config: GitSourceConfig, context: ConnectorContext): Connector {
  const path = resolve(config.path);
  const source = recordSourceOf(config);
  const service = config.service ?? config.name;
  const repository = basename(path);
  const stats = { calls: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, notModified: 0 };
  const keys = new RegExp(config.itemPattern, 'g');
  void context;

  const git = async (args: readonly string[], what: string): Promise<string> => {
    try {
      const { stdout } = await run('git', ['-C', path, ...args], {
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
      });
      return stdout;
    } catch (error) {
      const e = error as { code?: string | number; stderr?: string; message: string };
      const why =
        e.code === 'ENOENT'
          ? 'the git binary was not found on PATH'
          : (e.stderr ?? e.message).trim().split('\n')[0];
      throw new SourceError('http', `${config.name}: git ${what} in ${path}: ${why}`, {
        source: config.name,
        url: path,
        page: what,
      });
    }
  };

  const parseLog = (text: string): GitCommit[] =>
    text
      .split(RECORD)
      .map((r) => r.replace(/^\n/, ''))
      .filter((r) => r.trim() !== '')
      .map((r) => {
        const [sha = '', parents = '', authorEmail = '', authoredAt = '', committedAt = '', message = ''] =
          r.split(FIELD);
        return {
          sha,
          parents: parents.split(' ').filter(Boolean),
          authorEmail,
          authoredAt,
          committedAt,
          message: message.trim(),
        };
      });

  const LOG_FORMAT = ['%H', '%P', '%ae', '%aI', '%cI', '%B'].join(FIELD) + RECORD;

  const itemsIn = (text: string): string[] => [...new Set([...text.matchAll(keys)].map((m) => m[0]))].sort();

  const changeRecord = async (commit: GitCommit): Promise<OutRecord> => {
    let first = ms(commit.authoredAt) ?? 0;
    let text = commit.message;
    if (commit.parents.length > 1) {
      const merged = parseLog(
        await git(
          ['log', `--format=${LOG_FORMAT}`, `${commit.parents[0]}..${commit.sha}`, '--'],
          `log of merge ${commit.sha.slice(0, 12)}`,
        ),
      );
      for (const c of merged) {
        const at = ms(c.authoredAt);
        if (at !== null && at < first) first = at;
        text += `\n${c.message}`;
      }
    }
    return defined({
      kind: 'change',
      source,
      id: commit.sha,
      createdAt: iso(first),
      firstCommitAt: iso(first),
      mergedAt: commit.committedAt,
      items: itemsIn(text),
      repository,
      author: commit.authorEmail || undefined,
    });
  };

  const commits: Resource = {
    name: 'commits',
    async *pages(stored) {
      const cursor = (stored ?? {}) as { head?: string | null };
      const head = (
        await git(['rev-parse', '--verify', `${config.branch}^{commit}`], `rev-parse ${config.branch}`)
      ).trim();
      let base = cursor.head ?? null;
      if (base !== null) {
        const ancestor = await run('git', ['-C', path, 'merge-base', '--is-ancestor', base, head]).then(
          () => true,
          () => false,
        );
        if (!ancestor) base = null;
      }
      const range = base === null ? head : `${base}..${head}`;
      const shas = (
        await git(['rev-list', '--first-parent', '--reverse', range], `rev-list ${config.branch}`)
      )
        .split('\n')
        .filter(Boolean);
      if (shas.length === 0) {
        yield { records: [], cursor: { head }, label: 'commits, up to date', done: 0, total: 0 };
        return;
      }
      for (let start = 0; start < shas.length; start += PAGE_SIZE) {
        const slice = shas.slice(start, start + PAGE_SIZE);
        const log = parseLog(
          await git(
            ['log', '--no-walk=unsorted', `--format=${LOG_FORMAT}`, ...slice, '--'],
            `log of ${slice.length} commits`,
          ),
        );
        const records: OutRecord[] = [];
        for (const commit of log) records.push(await changeRecord(commit));
        yield {
          records,
          cursor: { head: slice.at(-1) },
          label: `commits ${start + 1}–${start + slice.length}`,
          done: start + slice.length,
          total: shas.length,
        };
      }
    },
  };

  const tags: Resource = {
    name: 'tags',
    async *pages(stored) {
      const known = ((stored ?? {}) as { tags?: Record<string, string> }).tags ?? {};
      const listing = await git(
        [
          'for-each-ref',
          '--sort=creatordate',
          `--format=%(refname:short)${FIELD}%(objectname)${FIELD}%(*objectname)${FIELD}%(creatordate:iso-strict)`,
          `refs/tags/${config.tagPattern}`,
        ],
        'tags',
      );
      const all = listing
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [name = '', object = '', peeled = '', date = ''] = line.split(FIELD);
          return { name, commit: peeled || object, date };
        });
      const records: OutRecord[] = [];
      if (config.team !== undefined)
        records.push({
          kind: 'service',
          id: service,
          team: config.team,
          name: repository,
          repository: source,
        });
      const seen: Record<string, string> = {};
      for (const [i, tag] of all.entries()) {
        seen[tag.name] = tag.commit;
        if (known[tag.name] === tag.commit) continue;
        const previous = all[i - 1];
        const range = previous === undefined ? tag.commit : `${previous.commit}..${tag.commit}`;
        const shipped = (await git(['rev-list', '--first-parent', range], `rev-list of tag ${tag.name}`))
          .split('\n')
          .filter(Boolean);
        records.push({
          kind: 'deployment',
          source,
          id: `${config.name}@${tag.name}`,
          service,
          environment: config.environment,
          at: tag.date,
          status: 'success',
          changes: shipped,
        });
      }
      const page: Page = {
        records,
        cursor: { tags: seen },
        label: `${all.length} tags`,
        done: all.length,
        total: all.length,
      };
      yield page;
    },
  };

  return {
    config,
    stats,
    async resources() {
      return config.tagPattern === undefined ? [commits] : [commits, tags];
    },
    async check(): Promise<CheckResult> {
      const version = (await git(['--version'], 'version')).trim();
      const head = (
        await git(['rev-parse', '--verify', `${config.branch}^{commit}`], `rev-parse ${config.branch}`)
      ).trim();
      const count = (await git(['rev-list', '--first-parent', '--count', head], 'count')).trim();
      const scope = [`${path} ${config.branch} at ${head.slice(0, 12)}: ${count} first-parent commits`];
      if (config.tagPattern !== undefined) {
        const matching = (await git(['tag', '--list', config.tagPattern], 'tags'))
          .split('\n')
          .filter(Boolean);
        scope.push(`tags ${config.tagPattern}: ${matching.length}`);
      }
      return { account: version, scope };
    },
    async proposeMappings(): Promise<MappingProposal[]> {
      return [{ source, statuses: {}, types: {}, environments: { [config.environment]: 'production' } }];
    },
  };
}
