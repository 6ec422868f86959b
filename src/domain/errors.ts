/**
 * Typed errors with stable codes. They know nothing of HTTP or exit codes: the edges (CLI, server)
 * map each code to their own status once. Never decide anything by matching message text.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_CONFIG'
  | 'NOT_FOUND'
  /** What is to be created exists already, or an edit clashes with what is there. */
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_TOO_NEW'
  | 'MIGRATION_FAILED'
  | 'IMPORT_FAILED'
  /** A connector's source (Jira, GitHub, GitLab, git) failed or refused a request. */
  | 'SOURCE_FAILED';

export class FlowlensError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options?: { details?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlowlensError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isFlowlensError(error: unknown): error is FlowlensError {
  return error instanceof FlowlensError;
}
