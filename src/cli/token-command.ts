/**
 * `flowlens token create|list|revoke`: API tokens for scripts and CI (src/auth/tokens.ts). `create`
 * prints the token once — only its SHA-256 is stored, so it cannot be shown again; the audit trail
 * records who created or revoked which token, never the secret.
 */
import type { Command } from 'commander';
import { parseExpiry } from '../auth/names.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/tokens.js';
import { type CliIo, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface TokenFlags {
  readonly name?: string;
  readonly role?: string;
  readonly valueStream?: string;
  readonly expires?: string;
  readonly actor?: string;
  readonly db?: string;
  readonly json?: boolean;
}

export function registerTokenCommand(program: Command, io: CliIo): void {
  const token = program
    .command('token')
    .description('API tokens for scripts and CI: create (shown once), list, revoke')
    .addHelpText(
      'after',
      `
A token is sent as "Authorization: Bearer <token>". viewer: reads; editor: also changes data;
admin: also manages accounts, tokens and settings. --value-stream restricts it to one value stream.

Examples:
  flowlens token create --name ci-import --role editor --expires 90d
  flowlens token create --name payments-board --role viewer --value-stream vs-payments
  flowlens token revoke ci-import`,
    );
  token
    .command('create')
    .description('create a token and print it, once')
    .requiredOption('--name <name>', 'a unique name (letters, digits, . _ @ + -)')
    .requiredOption('--role <role>', 'viewer, editor or admin')
    .option('--value-stream <id>', 'restrict the token to this value stream')
    .option('--expires <when>', 'a duration (30d, 12h, 90m, 2w) or a date (2026-12-31); default: never')
    .option('--actor <name>', 'who creates it, for the audit trail (default "local")')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .action(async (flags: TokenFlags) =>
      withStore(io, flags.db, async (store) => {
        const now = Date.now();
        const created = await createApiToken(store, {
          name: flags.name ?? '',
          role: flags.role ?? '',
          valueStream: flags.valueStream ?? null,
          expiresAt: flags.expires === undefined ? null : parseExpiry(flags.expires, now),
          actor: flags.actor ?? 'local',
          now,
        });
        if (flags.json === true) {
          writeLine(io.stdout, JSON.stringify({ token: created.token, ...created.info }, null, 2));
          return;
        }
        const info = created.info;
        writeLine(io.stdout, created.token);
        writeLine(
          io.stderr,
          `Created the ${info.role} token "${info.name}"${info.valueStream === null ? '' : ` for value stream ${info.valueStream}`}` +
            `${info.expiresAt === null ? ', never expiring' : `, expiring ${info.expiresAt}`}. It is shown only this once: ` +
            'store it now. Send it as "Authorization: Bearer <token>".',
        );
      }),
    );
  token
    .command('list')
    .description('list the tokens (never their secrets)')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .action(async (flags: TokenFlags) =>
      withStore(io, flags.db, async (store) => {
        const tokens = await listApiTokens(store);
        if (flags.json === true) {
          writeLine(io.stdout, JSON.stringify({ tokens }, null, 2));
          return;
        }
        if (tokens.length === 0) {
          writeLine(io.stdout, 'No tokens. Create one with `flowlens token create --name N --role viewer`.');
          return;
        }
        for (const t of tokens)
          writeLine(
            io.stdout,
            `${t.name.padEnd(24)} ${t.role.padEnd(7)} ${t.state.padEnd(8)} ${(t.valueStream ?? 'all value streams').padEnd(20)} ` +
              `created ${t.createdAt.slice(0, 10)} by ${t.createdBy}; expires ${t.expiresAt ?? 'never'}; last used ${t.lastUsedAt ?? 'never'}; id ${t.id}`,
          );
      }),
    );
  token
    .command('revoke <id-or-name>')
    .description('revoke a token: it stops working at once')
    .option('--actor <name>', 'who revokes it, for the audit trail (default "local")')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .action(async (idOrName: string, flags: TokenFlags) =>
      withStore(io, flags.db, async (store) => {
        const info = await revokeApiToken(store, idOrName, flags.actor ?? 'local');
        if (flags.json === true) writeLine(io.stdout, JSON.stringify(info, null, 2));
        else writeLine(io.stdout, `Revoked the token "${info.name}" (${info.revokedAt}).`);
      }),
    );
}
