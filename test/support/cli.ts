/** Runs the CLI in-process with its output captured, as a user would see it. */
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

/** `flowlens <args>`: the exit code and what it printed. */
export async function cli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
