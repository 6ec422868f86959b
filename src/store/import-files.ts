/**
 * The import log's file entries, written through Kysely so that both stores share them: a file's
 * import is registered once, found again to resume after an interruption, or logged as rejected.
 */
import type { Kysely } from 'kysely';
import type { LineError } from './batch.js';
import type { Database } from './schema.js';
import { type ImportFileInfo, parseCounts, type StartedFile } from './store.js';

/** Finds the unfinished import of the same file, or registers a new one. Shared by both stores. */
export async function startImportFile(db: Kysely<Database>, info: ImportFileInfo): Promise<StartedFile> {
  const unfinished = await db
    .selectFrom('import_files')
    .selectAll()
    .where('path', '=', info.path)
    .where('fingerprint', '=', info.fingerprint)
    .where('status', '=', 'running')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (unfinished !== undefined) {
    return {
      fileId: Number(unfinished.id),
      resume: {
        committedBytes: Number(unfinished.committed_bytes),
        committedLine: Number(unfinished.committed_line),
        records: Number(unfinished.records),
        rejected: Number(unfinished.rejected),
        counts: parseCounts(unfinished.counts),
      },
    };
  }
  const inserted = await db
    .insertInto('import_files')
    .values(newFileRow(info, 'running'))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { fileId: Number(inserted.id), resume: null };
}

/** Logs a file that `--strict` rejected as a whole, with its errors. Shared by both stores. */
export async function rejectImportFile(
  db: Kysely<Database>,
  info: ImportFileInfo,
  rejected: { count: number; lines: number; errors: readonly LineError[] },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('import_files')
      .values({
        ...newFileRow(info, 'rejected'),
        finished_at: info.startedAt,
        committed_line: 0,
        rejected: rejected.count,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const fileId = Number(row.id);
    for (let i = 0; i < rejected.errors.length; i += 500) {
      await trx
        .insertInto('import_errors')
        .values(
          rejected.errors
            .slice(i, i + 500)
            .map((e) => ({ file_id: fileId, line: e.line, field: e.field, message: e.message })),
        )
        .execute();
    }
    return fileId;
  });
}

function newFileRow(info: ImportFileInfo, status: 'running' | 'rejected') {
  return {
    path: info.path,
    fingerprint: info.fingerprint,
    format: info.format,
    strict: info.strict ? 1 : 0,
    status,
    started_at: info.startedAt,
    finished_at: null,
    committed_bytes: 0,
    committed_line: 0,
    records: 0,
    rejected: 0,
    counts: '{}',
  };
}

/** Marks a file's import as failed. Shared by both stores. */
export async function failImportFile(
  db: Kysely<Database>,
  fileId: number,
  finishedAt: number,
): Promise<void> {
  await db
    .updateTable('import_files')
    .set({ status: 'failed', finished_at: finishedAt })
    .where('id', '=', fileId)
    .execute();
}
