/**
 * The options many commands share, declared once: `--db` (which database), `--actor` (who an edit
 * is recorded as in the audit trail) and `--json` (one JSON document on stdout instead of text),
 * and the printing of a result in either form. A command adds its own options first and the shared
 * ones last, so `--help` lists them in that order everywhere.
 */
import type { Command } from 'commander';
import { type CliIo, writeLine } from './io.js';

export const DB_OPTION = ['--db <path-or-url>', 'database: a SQLite file path or a postgres:// URL'] as const;
export const ACTOR_OPTION = [
  '--actor <name>',
  'who makes the change, for the audit trail (default "local")',
] as const;
export const JSON_DESCRIPTION = 'print one JSON document';

/** The flags the shared options set. */
export interface SharedFlags {
  readonly db?: string;
  readonly actor?: string;
  readonly json?: boolean;
}

/** Adds `--db` and `--json` to a command that reads the store. */
export function readOptions(command: Command, json: string = JSON_DESCRIPTION): Command {
  return command.option(...DB_OPTION).option('--json', json);
}

/** Adds `--actor`, `--db` and `--json` to a command that changes the store. */
export function editOptions(command: Command, json: string = JSON_DESCRIPTION): Command {
  return readOptions(command.option(...ACTOR_OPTION), json);
}

/** Prints `value` as one indented JSON document when `json` is set; otherwise runs `text`. */
export function printResult(io: CliIo, json: boolean | undefined, value: unknown, text: () => void): void {
  if (json === true) writeLine(io.stdout, JSON.stringify(value, null, 2));
  else text();
}
