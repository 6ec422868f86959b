/**
 * The web UI's generated API types are the server's: `web/src/api/openapi.d.ts` is regenerated in
 * memory from the OpenAPI document of a server built the way `npm run openapi:types` builds it,
 * and must equal the committed file byte for byte (the hand-written types of web/src/api/ are
 * aliases of it or checked against it by `npm run typecheck:web`, so a stale file would hide a
 * drift). Generating twice gives the same text, so the committed file does not churn.
 */
import { readFileSync } from 'node:fs';
import type { OpenAPI3 } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateOpenApiTypes,
  OPENAPI_TYPES_FILE,
  REGENERATE_COMMAND,
  serverOpenApiDocument,
} from '../scripts/openapi-types.js';

/** The first line where two texts differ (1-based), with both versions, or null when they are equal. */
function firstDifference(committed: string, generated: string): string | null {
  if (committed === generated) return null;
  const a = committed.split('\n');
  const b = generated.split('\n');
  for (let line = 0; line < Math.max(a.length, b.length); line++)
    if (a[line] !== b[line])
      return (
        `line ${line + 1}: the committed file has ${JSON.stringify(a[line] ?? '(end of file)')}, ` +
        `the server's schemas give ${JSON.stringify(b[line] ?? '(end of file)')}`
      );
  return 'the files differ only in their line endings';
}

describe('the generated API types of the web UI', () => {
  let doc: OpenAPI3;
  let generated: string;
  beforeAll(async () => {
    doc = await serverOpenApiDocument();
    generated = await generateOpenApiTypes(doc);
  });

  it('web/src/api/openapi.d.ts is what the server documents now', () => {
    let committed: string;
    try {
      committed = readFileSync(OPENAPI_TYPES_FILE, 'utf8');
    } catch {
      throw new Error(`${OPENAPI_TYPES_FILE} is missing: run \`${REGENERATE_COMMAND}\` and commit it`);
    }
    const difference = firstDifference(committed, generated);
    expect(
      difference,
      `web/src/api/openapi.d.ts is stale (${difference}): a route schema changed. Run \`${REGENERATE_COMMAND}\`, ` +
        'then `npm run typecheck:web` to see which web UI types no longer match, and commit both.',
    ).toBeNull();
  });

  it('covers every documented route, and generates the same text each time', async () => {
    const paths = Object.keys(doc.paths ?? {});
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) expect(generated).toContain(`readonly '${path}': {`);
    expect(generated.startsWith('/**\n * GENERATED FILE, DO NOT EDIT')).toBe(true);
    expect(generated).toContain(REGENERATE_COMMAND);
    expect(await generateOpenApiTypes()).toBe(generated);
  });
});
