/**
 * `flowlens user add|list|passwd|disable|enable|unlock`: local accounts (src/auth/users.ts). A new
 * password is taken from the environment variable named by `--password-env`, or generated and
 * printed once; it is never a command-line argument (which other users of the machine could see in
 * the process list).
 */
import type { Command } from 'commander';
import { generatePassword } from '../auth/passwords.js';
import { createUser, listUsers, type UserInfo, updateUser } from '../auth/users.js';
import { FlowlensError } from '../domain/index.js';
import { type CliIo, writeLine } from './io.js';
import { editOptions } from './options.js';
import { withStore } from './with-store.js';

interface UserFlags {
  readonly role?: string;
  readonly valueStream?: string;
  readonly passwordEnv?: string;
  readonly sso?: boolean;
  readonly actor?: string;
  readonly db?: string;
  readonly json?: boolean;
}

/** The options every `user` subcommand ends with. */
const common = (command: Command) => editOptions(command, 'print JSON');

/** The password to set: from the named variable, or a generated one (to print once). */
function passwordFrom(io: CliIo, variable: string | undefined): { password: string; generated: boolean } {
  if (variable === undefined) return { password: generatePassword(), generated: true };
  const value = io.env[variable];
  if (value === undefined || value === '')
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--password-env: the environment variable ${variable} is not set; export it with the password, or leave --password-env out to have one generated`,
    );
  return { password: value, generated: false };
}

function line(user: UserInfo): string {
  const state = user.disabled
    ? 'disabled'
    : user.lockedUntil !== null
      ? `locked until ${user.lockedUntil}`
      : 'active';
  return `${user.name.padEnd(24)} ${user.role.padEnd(7)} ${state.padEnd(10)} ${(user.valueStream ?? 'all value streams').padEnd(20)} ${user.sso ? 'single sign-on' : 'password'}; created ${user.createdAt.slice(0, 10)}`;
}

export function registerUserCommand(program: Command, io: CliIo): void {
  const user = program
    .command('user')
    .description('accounts: add, list, passwd, disable, enable, unlock')
    .addHelpText(
      'after',
      `
Roles: viewer (reads), editor (also changes data), admin (also accounts, tokens, settings).
Five wrong passwords in a row lock an account for 15 minutes; \`flowlens user unlock\` ends it.

Examples:
  flowlens user add alice --role editor
  FLOWLENS_PW='correct horse battery' flowlens user add bob --role viewer --value-stream vs-payments --password-env FLOWLENS_PW
  flowlens user passwd alice
  flowlens user disable bob`,
    );
  common(
    user
      .command('add <name>')
      .description('create an account; prints a generated password once unless --password-env or --sso')
      .requiredOption('--role <role>', 'viewer, editor or admin')
      .option('--value-stream <id>', 'restrict the account to this value stream')
      .option('--password-env <variable>', 'take the password from this environment variable')
      .option('--sso', 'no password: the account signs in with single sign-on only'),
  ).action(async (name: string, flags: UserFlags) =>
    withStore(io, flags.db, async (store) => {
      const secret = flags.sso === true ? null : passwordFrom(io, flags.passwordEnv);
      const created = await createUser(store, {
        name,
        password: secret?.password ?? null,
        role: flags.role ?? '',
        valueStream: flags.valueStream ?? null,
        actor: flags.actor ?? 'local',
      });
      if (flags.json === true) {
        writeLine(
          io.stdout,
          JSON.stringify(
            { ...created, ...(secret?.generated ? { password: secret.password } : {}) },
            null,
            2,
          ),
        );
        return;
      }
      writeLine(io.stdout, `Created the ${created.role} user "${created.name}".`);
      if (secret?.generated === true)
        writeLine(io.stdout, `Password (shown only this once): ${secret.password}`);
    }),
  );
  common(user.command('list').description('list the accounts')).action(async (flags: UserFlags) =>
    withStore(io, flags.db, async (store) => {
      const users = await listUsers(store);
      if (flags.json === true) writeLine(io.stdout, JSON.stringify({ users }, null, 2));
      else if (users.length === 0)
        writeLine(io.stdout, 'No accounts. `flowlens start` creates the first administrator.');
      else for (const u of users) writeLine(io.stdout, line(u));
    }),
  );
  common(
    user
      .command('passwd <name>')
      .description(
        "set a user's password (ends their sessions); prints a generated one unless --password-env",
      )
      .option('--password-env <variable>', 'take the password from this environment variable'),
  ).action(async (name: string, flags: UserFlags) =>
    withStore(io, flags.db, async (store) => {
      const secret = passwordFrom(io, flags.passwordEnv);
      const updated = await updateUser(store, name, { password: secret.password }, flags.actor ?? 'local');
      if (flags.json === true) {
        writeLine(
          io.stdout,
          JSON.stringify({ ...updated, ...(secret.generated ? { password: secret.password } : {}) }, null, 2),
        );
        return;
      }
      writeLine(io.stdout, `Changed the password of "${updated.name}"; their sessions have ended.`);
      if (secret.generated) writeLine(io.stdout, `Password (shown only this once): ${secret.password}`);
    }),
  );
  for (const [command, description, change, done] of [
    ['disable', 'disable an account: it cannot sign in, its sessions end', { disabled: true }, 'Disabled'],
    ['enable', 'enable a disabled account', { disabled: false }, 'Enabled'],
    ['unlock', 'end the lockout after repeated wrong passwords', { unlock: true }, 'Unlocked'],
  ] as const)
    common(user.command(`${command} <name>`).description(description)).action(
      async (name: string, flags: UserFlags) =>
        withStore(io, flags.db, async (store) => {
          const updated = await updateUser(store, name, change, flags.actor ?? 'local');
          if (flags.json === true) writeLine(io.stdout, JSON.stringify(updated, null, 2));
          else writeLine(io.stdout, `${done} the user "${updated.name}".`);
        }),
    );
  common(
    user
      .command('role <name> <role>')
      .description("change a user's role")
      .option('--value-stream <id>', 'restrict the account to this value stream ("all": no restriction)'),
  ).action(async (name: string, role: string, flags: UserFlags) =>
    withStore(io, flags.db, async (store) => {
      const updated = await updateUser(
        store,
        name,
        {
          role,
          ...(flags.valueStream === undefined
            ? {}
            : { valueStream: flags.valueStream === 'all' ? null : flags.valueStream }),
        },
        flags.actor ?? 'local',
      );
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(updated, null, 2));
      else writeLine(io.stdout, line(updated));
    }),
  );
}
