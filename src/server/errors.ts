/**
 * Errors as the API answers them: `{"error": {"code": …, "message": …}}` with the status of the
 * code, never a stack trace. FlowlensError codes map once, here: INVALID_ARGUMENT → 400,
 * NOT_FOUND → 404, CONFLICT → 409, a store fault (the database locked, the disk full, PostgreSQL out
 * of reach: src/store/health.ts) → 503 with Retry-After, anything else → 500 with a generic message
 * (the details go to the log).
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { isFlowlensError } from '../domain/index.js';
import {
  classifyStoreFault,
  RETRY_AFTER_SECONDS,
  type StoreFault,
  type StoreFaultReason,
  storeHealth,
} from '../store/index.js';
import { type ApiErrorCode, UNSUPPORTED_MEDIA_TYPE_MESSAGE } from './schemas.js';

/** An error the server itself raises, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string };
}

const FAULT_MESSAGES: Readonly<Record<StoreFaultReason, string>> = {
  'database-locked':
    'the database is locked by another process (a backup, a shell, a long import); nothing was changed',
  disk: 'the database cannot be written: the disk is full or failing; nothing was changed',
  'database-unavailable': 'the database cannot be reached; nothing was changed',
};

/**
 * A store fault (hostile-input.md §35, §36) as the API answers it: 503 with Retry-After, never a
 * 4xx, so senders and scripts retry; null when `error` is not one.
 */
export function storeFaultResponse(
  error: unknown,
): { status: 503; body: ErrorBody; retryAfterSeconds: number; fault: StoreFault } | null {
  const fault = classifyStoreFault(error);
  if (fault === null) return null;
  const retryAfterSeconds = RETRY_AFTER_SECONDS[fault.reason];
  return {
    status: 503,
    body: {
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: `${FAULT_MESSAGES[fault.reason]} (${fault.code}); retry in ${retryAfterSeconds} s`,
      },
    },
    retryAfterSeconds,
    fault,
  };
}

const INTERNAL_MESSAGE = 'unexpected error; the server log has the details';

/** The status and body an error is answered with. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  const body = (code: ApiErrorCode, message: string) => ({ error: { code, message } });
  if (error instanceof ApiError) return { status: error.statusCode, body: body(error.code, error.message) };
  const fault = storeFaultResponse(error);
  if (fault !== null) return { status: fault.status, body: fault.body };
  if (isFlowlensError(error)) {
    if (error.code === 'INVALID_ARGUMENT')
      return { status: 400, body: body('INVALID_ARGUMENT', apiParameterNames(error.message)) };
    if (error.code === 'NOT_FOUND') return { status: 404, body: body('NOT_FOUND', error.message) };
    if (error.code === 'CONFLICT') return { status: 409, body: body('CONFLICT', error.message) };
    // A tool's API failed a request made for the user (a write-back): its message names the tool,
    // the URL and the answer, never a credential.
    if (error.code === 'SOURCE_FAILED') return { status: 502, body: body('BAD_GATEWAY', error.message) };
    return { status: 500, body: body('INTERNAL', INTERNAL_MESSAGE) };
  }
  // Fastify's own client errors (bad URL, unsupported media type, body too large…): their
  // messages are written for clients and hold nothing internal.
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof fastifyError.code === 'string') {
    const code: ApiErrorCode =
      status === 404
        ? 'NOT_FOUND'
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : 'INVALID_ARGUMENT';
    return {
      status: status === 404 || status === 413 || status === 415 ? status : 400,
      body: body(code, clientMessage(fastifyError)),
    };
  }
  return { status: 500, body: body('INTERNAL', INTERNAL_MESSAGE) };
}

function clientMessage(error: Partial<FastifyError>): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `unsupported content type: ${UNSUPPORTED_MEDIA_TYPE_MESSAGE}`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is too large';
    default:
      return error.message ?? 'bad request';
  }
}

/** Fastify's error handler: logs what is unexpected and answers with the error body. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const fault = storeFaultResponse(error);
  if (fault !== null) {
    storeHealth.fault(fault.fault);
    request.log.warn({ code: fault.fault.code, reason: fault.fault.reason }, 'store fault: answered 503');
    reply
      .code(503)
      .header('retry-after', String(fault.retryAfterSeconds))
      .type('application/json; charset=utf-8')
      .send(fault.body);
    return;
  }
  const { status, body } = errorResponse(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * The command line and the API share the engine, whose messages name the command-line flags
 * (`--team`, `--value-stream`, `--from`); the API names its query parameters instead.
 */
export function apiParameterNames(message: string): string {
  return message.replace(/--(from|to|team|value-stream|portfolio)\b/g, (_, flag: string) =>
    flag === 'value-stream' ? 'valueStream' : flag,
  );
}

const PARAMETER_HELP: Record<string, string> = {
  from: 'a date YYYY-MM-DD or an ISO 8601 timestamp with offset',
  to: 'a date YYYY-MM-DD or an ISO 8601 timestamp with offset',
};

/** Fastify's schema error formatter: one 400 that names the parameter at fault. */
export function formatValidationErrors(errors: FastifySchemaValidationError[], part: string): Error {
  const first = errors[0];
  if (first === undefined) return new ApiError(400, 'INVALID_ARGUMENT', `invalid ${part}`);
  const where = part === 'params' ? 'path parameter' : part === 'querystring' ? 'parameter' : part;
  if (first.keyword === 'required') {
    const name = String(first.params.missingProperty);
    const help = PARAMETER_HELP[name];
    return new ApiError(
      400,
      'INVALID_ARGUMENT',
      `${name}: the ${where} is required${help === undefined ? '' : ` (${help})`}`,
    );
  }
  if (first.keyword === 'additionalProperties') {
    return new ApiError(
      400,
      'INVALID_ARGUMENT',
      `${String(first.params.additionalProperty)}: unknown ${where}; see /api/v1/openapi.json`,
    );
  }
  const name = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || part;
  return new ApiError(400, 'INVALID_ARGUMENT', `${name}: ${first.message ?? 'is invalid'}`);
}
