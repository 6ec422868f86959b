/**
 * The audit trail under /api/v1 (admin only; src/auth/access-policy.ts lists `/api/v1/audit` as an
 * admin route family): `GET /audit` pages through the entries newest first with filters, `GET
 * /audit/verify` checks the whole hash chain (and, given one, that it still contains a head
 * recorded earlier) and names the first broken entry.
 */
import type { FastifyInstance } from 'fastify';
import { listAudit, parseHead, verifyAudit } from '../audit/log.js';
import { parseDateParam } from '../engine/index.js';
import type { Store } from '../store/index.js';
import {
  arrayOf,
  boolean,
  errors,
  instant,
  integer,
  MAX_PARAM,
  nullableString,
  object,
  string,
} from './schemas.js';

const anyJson = (description: string) => ({ description });

const hash = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex.' };

const entry = object(
  {
    seq: { type: 'integer', minimum: 1, description: 'Position in the chain: 1, 2, 3… without gaps.' },
    at: instant,
    atMs: { type: 'integer', description: 'The same instant in epoch milliseconds (it is what is hashed).' },
    actor: {
      type: 'string',
      description: 'Who: a user, `token:<name>`, `local`, `sync:<source>`, `webhook:<provider>`.',
    },
    action: {
      type: 'string',
      description: '`<kind>.<verb>`: `team.create`, `mapping.save-mapping`, `import.batch`, `login`…',
    },
    kind: string,
    target: string,
    summary: string,
    before: anyJson('The changed thing before the change (JSON), or null.'),
    after: anyJson('The changed thing after the change (JSON), or null.'),
    prevHash: hash,
    hash,
  },
  'One change: who, what, when, before and after, chained to the entry before it.',
);

const head = { ...object({ seq: integer, hash }), type: ['object', 'null'] };

const verifyReport = object(
  {
    ok: { ...boolean, description: 'The chain is intact (and contains the expected head, when given).' },
    entries: integer,
    checked: { ...integer, description: 'Entries found intact from the first on.' },
    head: {
      ...head,
      description: 'The last intact entry: record it elsewhere, pass it later as expectHead.',
    },
    broken: {
      ...object({
        seq: integer,
        reason: { type: 'string', enum: ['hash-mismatch', 'prev-hash-mismatch', 'seq-gap'] },
        message: string,
      }),
      type: ['object', 'null'],
      description: 'The first entry that breaks the chain, or null.',
    },
    anchor: {
      ...object({ seq: integer, hash, ok: boolean, problem: nullableString }),
      type: ['object', 'null'],
      description: 'The check of expectHead, or null when none was given.',
    },
  },
  'The verification of the whole chain.',
);

const text = { type: 'string', minLength: 1, maxLength: MAX_PARAM };

export function registerAuditRoutes(api: FastifyInstance, context: { readonly store: Store }): void {
  const { store } = context;

  api.get(
    '/audit',
    {
      schema: {
        summary: 'Audit trail entries, newest first',
        description:
          'Every change (edits, mapping versions, settings, import batches, annotations, logins, tokens), ' +
          'newest first, `limit` at a time; pass `nextBeforeSeq` as `before` for the next page. Admin only.',
        tags: ['audit'],
        querystring: {
          type: 'object',
          properties: {
            kind: {
              ...text,
              description: 'Only this kind: team, role, mapping, settings, import, annotation, user, token…',
            },
            actor: { ...text, description: 'Only this actor.' },
            action: { ...text, description: 'Only this action.' },
            target: { ...text, description: 'Only this target.' },
            from: {
              ...text,
              description: 'Entries at or after: YYYY-MM-DD or an ISO 8601 timestamp with offset.',
            },
            to: { ...text, description: 'Entries before: YYYY-MM-DD or an ISO 8601 timestamp with offset.' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
            before: { type: 'integer', minimum: 1, description: 'Only entries with a smaller seq (paging).' },
          },
          additionalProperties: false,
        },
        response: {
          200: object({
            entries: arrayOf(entry),
            nextBeforeSeq: {
              type: ['integer', 'null'],
              description: 'The `before` of the next page; null on the last.',
            },
          }),
          ...errors(400, 401, 403, 500),
        },
      },
    },
    async (request) => {
      const q = request.query as {
        kind?: string;
        actor?: string;
        action?: string;
        target?: string;
        from?: string;
        to?: string;
        limit: number;
        before?: number;
      };
      return listAudit(store, {
        limit: q.limit,
        ...(q.kind === undefined ? {} : { kind: q.kind }),
        ...(q.actor === undefined ? {} : { actor: q.actor }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.target === undefined ? {} : { target: q.target }),
        ...(q.from === undefined ? {} : { fromMs: parseDateParam('from', q.from) }),
        ...(q.to === undefined ? {} : { toMs: parseDateParam('to', q.to) }),
        ...(q.before === undefined ? {} : { beforeSeq: q.before }),
      });
    },
  );

  api.get(
    '/audit/verify',
    {
      schema: {
        summary: 'Verify the audit trail',
        description:
          'Recomputes every entry’s hash and link. `ok: false` names the first broken entry: a hash mismatch ' +
          'means it was edited, a broken link or a gap that entries were deleted or inserted. Given `expectHead` ' +
          '(a `seq:hash` recorded earlier), also checks that the chain still contains it, which detects entries ' +
          'removed from the end. Admin only.',
        tags: ['audit'],
        querystring: {
          type: 'object',
          properties: {
            expectHead: {
              type: 'string',
              maxLength: 100,
              description: 'A head recorded earlier: `<seq>:<sha-256 hex>`.',
            },
          },
          additionalProperties: false,
        },
        response: { 200: verifyReport, ...errors(400, 401, 403, 500) },
      },
    },
    async (request) => {
      const { expectHead } = request.query as { expectHead?: string };
      return verifyAudit(
        store,
        expectHead === undefined ? {} : { expectHead: parseHead('expectHead', expectHead) },
      );
    },
  );
}
