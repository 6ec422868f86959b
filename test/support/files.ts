/** Writing input files for the importer. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes NDJSON: objects are serialised, strings are written as they are (for bad lines). */
export function writeNdjson(dir: string, name: string, lines: readonly (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    lines.map((line) => `${typeof line === 'string' ? line : JSON.stringify(line)}\n`).join(''),
  );
  return path;
}

/** Writes a text file as it is. */
export function writeText(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
