/**
 * Validation of one decoded interchange record, with errors that name the field, show the value and
 * say what is wrong: `transition.at: "yesterday" is not an ISO 8601 timestamp with offset`.
 */
import type { z } from 'zod';
import { RECORD_KINDS, type RecordKind } from '../domain/index.js';
import { RECORD_SCHEMAS, type ValidRecord } from './records.js';

/** One problem with one record: the dotted field path (with the kind in front) and a message. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly record: ValidRecord }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const KIND_SET: ReadonlySet<string> = new Set(RECORD_KINDS);
const MAX_SHOWN_VALUE = 60;

/** Validates a decoded JSON value (or a CSV row turned into an object) as an interchange record. */
export function validateRecord(value: unknown): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('record', `${describeValue(value)} is not a JSON object`);
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind === undefined) return fail('kind', `is required (one of ${RECORD_KINDS.join(', ')})`);
  if (typeof kind !== 'string' || !KIND_SET.has(kind)) {
    return fail('kind', `${describeValue(kind)} is not one of ${RECORD_KINDS.join(', ')}`);
  }
  const schema: z.ZodType<ValidRecord> = RECORD_SCHEMAS[kind as RecordKind];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, record: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => toFieldError(kind, value, issue)) };
}

/** Formats a field error as `kind.field: message`. */
export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${error.message}`;
}

function toFieldError(kind: string, record: object, issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.map(String);
  const field = [kind, ...path].join('.');
  const value = valueAt(record, issue.path);
  const isMissing = value === undefined;
  if (isMissing || issue.message.startsWith('exactly one of')) return { field, message: issue.message };
  return { field, message: `${describeValue(value)} ${issue.message}` };
}

function valueAt(record: object, path: readonly PropertyKey[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Shows a value the way it appeared in the file, shortened to a readable length. */
export function describeValue(value: unknown): string {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return shown.length > MAX_SHOWN_VALUE ? `${shown.slice(0, MAX_SHOWN_VALUE - 1)}…` : shown;
}

function fail(field: string, message: string): ValidationResult {
  return { ok: false, errors: [{ field, message }] };
}
