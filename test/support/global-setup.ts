/**
 * Vitest global setup: one PostgreSQL server for the whole run, its admin URL handed to the tests
 * with `provide` (read with `inject('pgAdminUrl')`). With FLOWLENS_TEST_PG_URL set, that server is
 * used instead and left running. Without PostgreSQL the run fails: the store suite runs on both
 * stores or not at all.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgresStore } from '../../src/store/index.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server; tests create their own databases through it. */
    pgAdminUrl: string;
    /**
     * A database with the current schema, never connected to during the tests: a test database is
     * a copy of it (`CREATE DATABASE … TEMPLATE`), which is faster than migrating each one.
     */
    pgTemplateDatabase: string;
  }
}

let server: PostgresServer | null = null;
let template: { adminUrl: string; name: string } | null = null;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.FLOWLENS_TEST_PG_URL;
  let adminUrl: string;
  if (external !== undefined && external !== '') {
    adminUrl = external;
  } else {
    server = await startPostgresServer();
    adminUrl = server.adminUrl;
  }
  const name = `flowlens_test_template_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  template = { adminUrl, name };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openPostgresStore(url.toString());
  await store.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplateDatabase', name);
}

export async function teardown(): Promise<void> {
  if (template !== null && server === null) {
    // Someone else's server: leave it as it was.
    await adminQuery(template.adminUrl, `DROP DATABASE IF EXISTS ${template.name}`).catch(() => undefined);
  }
  template = null;
  await server?.stop();
  server = null;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
