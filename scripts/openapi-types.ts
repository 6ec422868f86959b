/**
 * `npm run openapi:types`: writes `web/src/api/openapi.d.ts`, the TypeScript types of the API as
 * its OpenAPI document describes it. The server is built in memory (an empty in-memory SQLite
 * store, no web build, no listening socket), its document is fetched from
 * `GET /api/v1/openapi.json` like any client would, and openapi-typescript turns it into types.
 *
 * The web UI imports nothing from the server (ARCHITECTURE.md): its API types in web/src/api/ are
 * aliases of, or checked against, these generated types, so a server schema change that the UI
 * does not follow fails `npm run typecheck:web`. test/openapi-types.test.ts regenerates the file in
 * memory and fails when the committed one differs, naming this command.
 *
 * The output depends only on the route schemas: the document's `info` (which carries the version)
 * is not part of the types, and the routes are registered in a fixed order. It is formatted by the
 * project's Biome, so it passes `biome check` with the rest of the tree.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildServer } from '../src/server/index.js';
import { openSqliteStore } from '../src/store/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated types live (committed: the web build does not run the server). */
export const OPENAPI_TYPES_FILE = join(ROOT, 'web', 'src', 'api', 'openapi.d.ts');

/** The command that regenerates the file. */
export const REGENERATE_COMMAND = 'npm run openapi:types';

const HEADER = `/**
 * GENERATED FILE, DO NOT EDIT: the types of the Flowlens API, from the OpenAPI document the server
 * serves at GET /api/v1/openapi.json (the route schemas in src/server/), by openapi-typescript.
 * Regenerate with \`${REGENERATE_COMMAND}\` after changing a route schema; test/openapi-types.test.ts
 * fails while this file is stale, and web/src/api/*.ts alias or check their types against it.
 */
`;

/** The server's OpenAPI document, from a server built in memory over an empty store. */
export async function serverOpenApiDocument(): Promise<OpenAPI3> {
  const store = await openSqliteStore(':memory:');
  try {
    const app = await buildServer({ store, webRoot: null, auth: { mode: 'required' } });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      if (response.statusCode !== 200)
        throw new Error(
          `GET /api/v1/openapi.json answered ${response.statusCode} (${response.body.slice(0, 200)}); ` +
            'the server must serve its OpenAPI document without credentials: see src/auth/access-policy.ts',
        );
      return response.json() as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

/**
 * The contents of web/src/api/openapi.d.ts for the server as it is now (or for `document`).
 * Read-only properties and arrays, as the web UI's types always were; an array with minItems =
 * maxItems (an interval's two ends) is a tuple.
 */
export async function generateOpenApiTypes(document?: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document ?? (await serverOpenApiDocument()), {
    silent: true,
    immutable: true,
    arrayLength: true,
  });
  return formatLikeTheProject(HEADER + astToString(ast));
}

/**
 * The text as the project's formatter prints it (biome.json: two spaces, single quotes, 110
 * columns), so the committed file passes `biome check` like any other and its diffs read like code.
 */
function formatLikeTheProject(text: string): string {
  const biome = join(ROOT, 'node_modules', '.bin', 'biome');
  try {
    return execFileSync(biome, ['format', `--stdin-file-path=${relative(ROOT, OPENAPI_TYPES_FILE)}`], {
      cwd: ROOT,
      input: text,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `formatting the generated types with ${biome} failed (${stderr.trim() || String(error)}); ` +
        "run `npm install` so the project's Biome is there",
    );
  }
}

async function main(): Promise<void> {
  const text = await generateOpenApiTypes();
  writeFileSync(OPENAPI_TYPES_FILE, text);
  process.stdout.write(`wrote ${relative(process.cwd(), OPENAPI_TYPES_FILE)} (${text.length} characters)\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `openapi-types: ${error instanceof Error ? error.message : String(error)}\n` +
        'Fix the server so it builds (npx tsc -p tsconfig.json --noEmit names the problem), then run it again.\n',
    );
    process.exitCode = 1;
  });
}
