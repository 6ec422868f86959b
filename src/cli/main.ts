/**
 * The `flowlens` command line. `runCli` is the whole program with its input and output injected;
 * `entry.ts` runs it on the real process.
 */
import { Command, CommanderError } from 'commander';
import { isFlowlensError } from '../domain/index.js';
import { registerAnnotateCommand } from './annotate-command.js';
import { registerAuditCommand } from './audit-command.js';
import { registerBackupCommands } from './backup-command.js';
import { registerConnectCommand } from './connect-command.js';
import { registerDbCommand } from './db-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerForecastCommand } from './forecast-command.js';
import { registerImportCommand } from './import-command.js';
import { registerImproveCommand } from './improve-command.js';
import { registerInsightsCommand } from './insights-command.js';
import type { CliIo } from './io.js';
import { writeLine } from './io.js';
import { registerMappingCommand } from './mapping-command.js';
import { registerMappingEditorCommands } from './mapping-editor-command.js';
import { registerMetricsCommand } from './metrics-command.js';
import { registerOrgCommand } from './org-command.js';
import { registerPredictabilityCommand } from './predictability-command.js';
import { registerRolesCommand } from './roles-command.js';
import { registerSettingsCommand } from './settings-command.js';
import { registerStartCommand } from './start-command.js';
import { registerSyncCommand } from './sync-command.js';
import { registerTokenCommand } from './token-command.js';
import { registerUserCommand } from './user-command.js';
import { registerWebhooksCommand } from './webhooks-command.js';

export const VERSION = '0.1.0';

/** Runs the CLI; resolves with the exit code (0 ok, 1 failure or rejected input, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('flowlens')
    .description('Flowlens: value stream management — flow and DORA metrics from idea to operation.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Data is kept in $FLOWLENS_HOME (default ~/.flowlens) in the embedded SQLite database flowlens.db;
set FLOWLENS_DB or pass --db postgres://user@host/db to use PostgreSQL instead.`,
    );
  registerImportCommand(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  registerMetricsCommand(program, io);
  registerForecastCommand(program, io);
  registerPredictabilityCommand(program, io);
  registerAnnotateCommand(program, io);
  registerInsightsCommand(program, io);
  registerImproveCommand(program, io);
  registerDemoCommand(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  registerStartCommand(program, io);
  registerDbCommand(program, io);
  registerBackupCommands(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  registerConnectCommand(program, io);
  registerSyncCommand(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  registerWebhooksCommand(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  registerMappingCommand(program, io);
  registerMappingEditorCommands(program, io);
  registerOrgCommand(program, io);
  registerRolesCommand(program, io);
  registerSettingsCommand(program, io);
  registerTokenCommand(program, io);
  registerUserCommand(program, io);
  registerAuditCommand(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (isFlowlensError(error)) {
      writeLine(io.stderr, `flowlens: ${error.message}`);
      return error.code === 'INVALID_ARGUMENT' ? 2 : 1;
    }
    writeLine(io.stderr, `flowlens: unexpected error: ${(error as Error).message}`);
    if (io.env.FLOWLENS_DEBUG !== undefined) writeLine(io.stderr, (error as Error).stack ?? '');
    else writeLine(io.stderr, 'Set FLOWLENS_DEBUG=1 for the stack trace, and please report it.');
    return 1;
  }
}
