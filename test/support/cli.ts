/** Runs the CLI in-process with its output captured, as a user would see it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

/** A writable that keeps what is written. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

let home: string | undefined;
/** A data directory of the test process's own, so no test writes to the user's ~/.flowlens. */
function testHome(): string {
  home ??= mkdtempSync(join(tmpdir(), 'flowlens-home-'));
  return home;
}

/** `flowlens <args>`: the exit code and what it printed. */
export async function cli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, env: { FLOWLENS_HOME: testHome(), ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
