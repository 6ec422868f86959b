/**
 * JSON Schemas of the webhook routes, for the OpenAPI document. The routes check their headers and
 * body themselves (the signature is computed over the raw bytes before anything is parsed), so
 * these schemas document and are not used to validate.
 */
import type { WebhookProvider } from '../connectors/index.js';
import { arrayOf, integer, object, string } from './schemas.js';

const WEBHOOK_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNAUTHORIZED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'WEBHOOK_NOT_CONFIGURED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

const error = (description: string) => ({
  ...object({
    error: object({ code: { type: 'string', enum: WEBHOOK_ERROR_CODES }, message: string }),
  }),
  description,
});

const counts = {
  type: 'object',
  description: 'Per record kind: inserted, updated, unchanged.',
  additionalProperties: object({ inserted: integer, updated: integer, unchanged: integer }),
};

const accepted = object(
  {
    status: { type: 'string', enum: ['stored', 'duplicate', 'deleted', 'ignored', 'quarantined'] },
    event: string,
    deliveryId: string,
    records: integer,
    rejected: integer,
    counts,
    duplicate: { type: 'boolean' },
    reason: string,
    errors: arrayOf(object({ kind: string, id: string, field: string, message: string })),
  },
  undefined,
  ['deliveryId', 'records', 'rejected', 'counts', 'duplicate', 'reason', 'errors'],
);

const HEADERS: Record<WebhookProvider, Record<string, { type: 'string'; description: string }>> = {
  github: {
    'x-hub-signature-256': {
      type: 'string',
      description: '`sha256=` and the HMAC-SHA256 of the raw body with the secret',
    },
    'x-github-event': {
      type: 'string',
      description: 'issues, pull_request, deployment_status, release, workflow_run, ping (others: 204)',
    },
    'x-github-delivery': { type: 'string', description: 'the delivery id; a repeated id is stored once' },
  },
  gitlab: {
    'x-gitlab-token': { type: 'string', description: 'the secret token of the hook' },
    'x-gitlab-event': {
      type: 'string',
      description: 'Issue Hook, Merge Request Hook, Deployment Hook (others: 204)',
    },
    'idempotency-key': {
      type: 'string',
      description: 'the delivery id (else X-Gitlab-Event-UUID); a repeated id is stored once',
    },
  },
  jira: {
    'x-hub-signature': {
      type: 'string',
      description: '`sha256=` and the HMAC-SHA256 of the raw body with the secret (Jira Cloud)',
    },
    'x-atlassian-webhook-identifier': {
      type: 'string',
      description: 'the delivery id; a repeated id is stored once',
    },
  },
};

const DESCRIPTIONS: Record<WebhookProvider, string> = {
  github:
    'A GitHub webhook delivery (content type application/json or application/x-www-form-urlencoded). Issues update ' +
    'work items and their transitions, pull requests changes, deployment statuses, releases and runs of the ' +
    'configured deploy workflow deployments.',
  gitlab:
    'A GitLab webhook delivery. Issue events update work items (incidents become incidents), merge request events ' +
    'changes, deployment events deployments.',
  jira:
    'A Jira webhook delivery (jira:issue_created, jira:issue_updated, jira:issue_deleted). The ' +
    'changelog entry becomes a transition with the same id a sync gives it. Jira Data Center, which cannot sign, ' +
    'may send the secret as the `secret` query parameter instead.',
};

export function webhookRouteSchema(provider: WebhookProvider) {
  return {
    summary: `Receive a ${provider === 'github' ? 'GitHub' : provider === 'gitlab' ? 'GitLab' : 'Jira'} webhook delivery`,
    description:
      `${DESCRIPTIONS[provider]} Secret: the variable named by webhooks.${provider}.secretEnv in flowlens.yaml, else ` +
      `FLOWLENS_WEBHOOK_SECRET_${provider.toUpperCase()}. The metrics include a stored delivery when its answer arrives.`,
    tags: ['webhooks'],
    headers: object(HEADERS[provider], undefined, Object.keys(HEADERS[provider])),
    ...(provider === 'jira' ? { querystring: object({ secret: string }, undefined, ['secret']) } : {}),
    body: {
      type: 'object',
      description: "The tool's webhook payload, as it sends it.",
      additionalProperties: true,
    },
    consumes: ['application/json', 'application/x-www-form-urlencoded'],
    response: {
      200: {
        ...accepted,
        description:
          'Stored (`status: stored`); a Jira issue deleted at its source, removed from the metrics and kept as a ' +
          'tombstone (`deleted`); or a delivery id received in the last 72 hours (`duplicate: true`).',
      },
      202: {
        ...accepted,
        description:
          'Accepted without storing: an event that changes nothing (`ignored`: a ping, a pending deployment), or a ' +
          'payload of an unexpected shape set aside with its reason (`quarantined`).',
      },
      204: {
        type: 'null',
        description: 'An event type Flowlens does not read (e.g. `star`): not an error; nothing is stored.',
      },
      400: error(
        'The body is not JSON, or is nested deeper than 256 levels; the delivery is kept as `rejected`.',
      ),
      401: error('The signature or token is missing or wrong; nothing was stored.'),
      413: error('The body is larger than webhooks.maxBodyBytes.'),
      415: error('Not application/json.'),
      503: error(
        'No secret is configured for this route, or the database or the tool is unavailable (see Retry-After).',
      ),
      500: error('An unexpected error; the server log has the details.'),
    },
  };
}
