/**
 * GENERATED FILE, DO NOT EDIT: the types of the Flowlens API, from the OpenAPI document the server
 * serves at GET /api/v1/openapi.json (the route schemas in src/server/), by openapi-typescript.
 * Regenerate with `npm run openapi:types` after changing a route schema; test/openapi-types.test.ts
 * fails while this file is stale, and web/src/api/*.ts alias or check their types against it.
 */
export interface paths {
  readonly '/api/v1/session': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The current session: who you are, your CSRF token, whether this is a demo */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The current session. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description Signed in, or authenticated by a token (false: anonymous). */
              readonly authenticated: boolean;
              /** @description Who the request acts as. */
              readonly principal: {
                /** @enum {string} */
                readonly kind: 'user' | 'token' | 'anonymous' | 'local';
                readonly id: string;
                /** @description What the audit trail records as the actor. */
                readonly name: string;
                /** @enum {string} */
                readonly role: 'viewer' | 'editor' | 'admin';
                /** @description The one value stream this principal sees; null: all. */
                readonly valueStream: string | null;
              };
              /** @description Send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE made with the session cookie. */
              readonly csrfToken: string | null;
              /** Format: date-time */
              readonly expiresAt: string | null;
              /** @enum {string} */
              readonly mode: 'required' | 'demo' | 'trusted';
              /** @description A demo server: anonymous visitors may read; changes need a login. */
              readonly demo: boolean;
              /** @description Single sign-on is configured: GET /api/v1/auth/oidc/login starts it. */
              readonly oidc: boolean;
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    /**
     * Sign in with a name and password
     * @description Sets the HTTP-only session cookie and returns the session with its CSRF token. 401 for a wrong name or password, a locked account (5 wrong passwords in a row lock it for 15 minutes) or a disabled one; 429 after 20 attempts a minute from one address or 10 for one account.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly name: string;
            readonly password: string;
          };
        };
      };
      readonly responses: {
        /** @description The current session. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description Signed in, or authenticated by a token (false: anonymous). */
              readonly authenticated: boolean;
              /** @description Who the request acts as. */
              readonly principal: {
                /** @enum {string} */
                readonly kind: 'user' | 'token' | 'anonymous' | 'local';
                readonly id: string;
                /** @description What the audit trail records as the actor. */
                readonly name: string;
                /** @enum {string} */
                readonly role: 'viewer' | 'editor' | 'admin';
                /** @description The one value stream this principal sees; null: all. */
                readonly valueStream: string | null;
              };
              /** @description Send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE made with the session cookie. */
              readonly csrfToken: string | null;
              /** Format: date-time */
              readonly expiresAt: string | null;
              /** @enum {string} */
              readonly mode: 'required' | 'demo' | 'trusted';
              /** @description A demo server: anonymous visitors may read; changes need a login. */
              readonly demo: boolean;
              /** @description Single sign-on is configured: GET /api/v1/auth/oidc/login starts it. */
              readonly oidc: boolean;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Too many requests (code RATE_LIMITED); the Retry-After header says when to try again. */
        readonly 429: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    /** Sign out: ends the session and clears its cookie */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Signed out (also when there was no session). */
        readonly 204: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/auth/oidc/login': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Start single sign-on: redirects to the OpenID Connect provider */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description To the provider. */
        readonly 302: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Too many requests (code RATE_LIMITED); the Retry-After header says when to try again. */
        readonly 429: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/auth/oidc/callback': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Single sign-on callback: the provider redirects here with the authorization code
     * @description Signs in and redirects to the web UI; on a refusal, redirects to the sign-in page with the reason.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description To the web UI. */
        readonly 302: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/tokens': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The API tokens (never their secrets) */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly tokens: readonly {
                readonly id: string;
                readonly name: string;
                /** @enum {string} */
                readonly role: 'viewer' | 'editor' | 'admin';
                readonly valueStream: string | null;
                /** Format: date-time */
                readonly createdAt: string;
                readonly createdBy: string;
                /** Format: date-time */
                readonly expiresAt: string | null;
                /** Format: date-time */
                readonly revokedAt: string | null;
                /**
                 * Format: date-time
                 * @description To the minute.
                 */
                readonly lastUsedAt: string | null;
                /** @enum {string} */
                readonly state: 'active' | 'expired' | 'revoked';
              }[];
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    /**
     * Create an API token: the answer holds its secret, shown this once
     * @description For scripts and CI: send it as `Authorization: Bearer <token>`. A viewer token reads, an editor token also writes, an admin token also manages accounts, tokens and settings.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly name: string;
            /** @enum {string} */
            readonly role: 'viewer' | 'editor' | 'admin';
            readonly valueStream?: string | null;
            /** @description A duration (30d, 12h, 90m, 2w) or a date (2026-12-31, ISO 8601 with offset); absent: never. */
            readonly expires?: string;
          };
        };
      };
      readonly responses: {
        /** @description Default Response */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The secret: shown only now. */
              readonly token: string;
              /** @description An API token (never its secret). */
              readonly info: {
                readonly id: string;
                readonly name: string;
                /** @enum {string} */
                readonly role: 'viewer' | 'editor' | 'admin';
                readonly valueStream: string | null;
                /** Format: date-time */
                readonly createdAt: string;
                readonly createdBy: string;
                /** Format: date-time */
                readonly expiresAt: string | null;
                /** Format: date-time */
                readonly revokedAt: string | null;
                /**
                 * Format: date-time
                 * @description To the minute.
                 */
                readonly lastUsedAt: string | null;
                /** @enum {string} */
                readonly state: 'active' | 'expired' | 'revoked';
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/tokens/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    /** Revoke an API token (by id or name) */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description An API token (never its secret). */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: string;
              readonly name: string;
              /** @enum {string} */
              readonly role: 'viewer' | 'editor' | 'admin';
              readonly valueStream: string | null;
              /** Format: date-time */
              readonly createdAt: string;
              readonly createdBy: string;
              /** Format: date-time */
              readonly expiresAt: string | null;
              /** Format: date-time */
              readonly revokedAt: string | null;
              /**
               * Format: date-time
               * @description To the minute.
               */
              readonly lastUsedAt: string | null;
              /** @enum {string} */
              readonly state: 'active' | 'expired' | 'revoked';
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/users': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The accounts */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly users: readonly {
                readonly id: string;
                readonly name: string;
                /** @enum {string} */
                readonly role: 'viewer' | 'editor' | 'admin';
                readonly valueStream: string | null;
                /** Format: date-time */
                readonly createdAt: string;
                readonly disabled: boolean;
                /**
                 * Format: date-time
                 * @description While locked after repeated wrong passwords.
                 */
                readonly lockedUntil: string | null;
                /** @description Signs in with a password. */
                readonly password: boolean;
                /** @description Signs in with OpenID Connect. */
                readonly sso: boolean;
              }[];
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    /**
     * Create an account
     * @description Without a password the account signs in only with single sign-on.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly name: string;
            /** @description At least 12 characters. */
            readonly password?: string;
            /** @enum {string} */
            readonly role: 'viewer' | 'editor' | 'admin';
            readonly valueStream?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An account (never its password hash). */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: string;
              readonly name: string;
              /** @enum {string} */
              readonly role: 'viewer' | 'editor' | 'admin';
              readonly valueStream: string | null;
              /** Format: date-time */
              readonly createdAt: string;
              readonly disabled: boolean;
              /**
               * Format: date-time
               * @description While locked after repeated wrong passwords.
               */
              readonly lockedUntil: string | null;
              /** @description Signs in with a password. */
              readonly password: boolean;
              /** @description Signs in with OpenID Connect. */
              readonly sso: boolean;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/users/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Change an account: role, value stream, password, disable or enable, unlock
     * @description A new password or disabling ends the account’s sessions.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @enum {string} */
            readonly role?: 'viewer' | 'editor' | 'admin';
            readonly valueStream?: string | null;
            readonly password?: string;
            readonly disabled?: boolean;
            /** @description true clears a lockout. */
            readonly unlock?: boolean;
          };
        };
      };
      readonly responses: {
        /** @description An account (never its password hash). */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: string;
              readonly name: string;
              /** @enum {string} */
              readonly role: 'viewer' | 'editor' | 'admin';
              readonly valueStream: string | null;
              /** Format: date-time */
              readonly createdAt: string;
              readonly disabled: boolean;
              /**
               * Format: date-time
               * @description While locked after repeated wrong passwords.
               */
              readonly lockedUntil: string | null;
              /** @description Signs in with a password. */
              readonly password: boolean;
              /** @description Signs in with OpenID Connect. */
              readonly sso: boolean;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/metrics': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Flow metrics, DORA metrics and data quality of a scope and period
     * @description The same document as `flowlens metrics --json` (contract.md §2). Give at most one of team, valueStream and portfolio; without one, the whole organisation.
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /**
           * @description Start of the period, included: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-01-06
           */
          readonly from: string;
          /**
           * @description End of the period, excluded: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-04-07
           */
          readonly to: string;
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Flow metrics, DORA metrics and data quality (contract.md §2, docs/metrics.md); durations in seconds. The same document as `flowlens metrics --json`. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The period [from, to), in UTC. */
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                /** @description The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it is not the default (UTC, weeks from Monday). */
                readonly calendar?: {
                  readonly timeZone: string;
                  /** @enum {string} */
                  readonly weekStart: 'monday' | 'sunday' | 'saturday';
                };
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly flow: {
                /** @description Items completed in the period. */
                readonly velocity: {
                  readonly total: number;
                  readonly byType: {
                    readonly feature: number;
                    readonly defect: number;
                    readonly risk: number;
                    readonly debt: number;
                  };
                };
                /** @description Flow time (started → completed) of the items completed in the period: median and 85th percentile (nearest rank) in seconds, null without data. */
                readonly flowTime: {
                  readonly median: number | null;
                  readonly p85: number | null;
                  readonly count: number;
                };
                /** @description Lead time (created → completed) of the items completed in the period: median and 85th percentile (nearest rank) in seconds, null without data. */
                readonly leadTime: {
                  readonly median: number | null;
                  readonly p85: number | null;
                  readonly count: number;
                };
                /** @description Σ active time / Σ flow time; null when 0. */
                readonly efficiency: number | null;
                /** @description Work in progress: the mean of the daily samples at 00:00 UTC, and at `to`. */
                readonly load: {
                  readonly average: number | null;
                  readonly atEnd: number;
                };
                /** @description Share of each flow type among completed items. */
                readonly distribution: {
                  readonly feature: number | null;
                  readonly defect: number | null;
                  readonly risk: number | null;
                  readonly debt: number | null;
                };
                /** @description Σ time in stage / Σ lead time over the completed items; `unmapped` only when present. */
                readonly stages: {
                  readonly ideate: number | null;
                  readonly create: number | null;
                  readonly release: number | null;
                  readonly operate: number | null;
                  readonly unmapped?: number | null;
                };
                /** @description Share of each flow type in the load at `to`. */
                readonly loadDistribution: {
                  readonly feature: number | null;
                  readonly defect: number | null;
                  readonly risk: number | null;
                  readonly debt: number | null;
                };
                /** @description Up to 10 waiting statuses by total time, descending. */
                readonly waitByStatus: readonly {
                  readonly status: string;
                  readonly seconds: number;
                  readonly items: number;
                }[];
              };
              readonly dora: {
                readonly deploymentFrequency: {
                  readonly count: number;
                  readonly perWeek: number;
                  /** @enum {string|null} */
                  readonly tier: 'elite' | 'high' | 'medium' | 'low' | null;
                };
                readonly leadTimeForChanges: {
                  readonly median: number | null;
                  readonly count: number;
                  /** @enum {string|null} */
                  readonly tier: 'elite' | 'high' | 'medium' | 'low' | null;
                };
                readonly changeFailureRate: {
                  readonly value: number | null;
                  /** @enum {string|null} */
                  readonly tier: 'elite' | 'high' | 'medium' | 'low' | null;
                };
                readonly recoveryTime: {
                  readonly median: number | null;
                  readonly count: number;
                  /** @enum {string|null} */
                  readonly tier: 'elite' | 'high' | 'medium' | 'low' | null;
                };
                readonly timeToRestore: {
                  readonly median: number | null;
                  readonly count: number;
                };
              };
              readonly dataQuality: {
                readonly unmappedStatuses: readonly {
                  readonly source: string;
                  readonly status: string;
                  readonly items: number;
                }[];
                readonly unmappedTypes: readonly {
                  readonly source: string;
                  readonly type: string;
                  readonly items: number;
                }[];
                readonly itemsWithoutTeam: number;
                readonly statusDisagreements: number;
                readonly changesBeforeCreation: number;
                readonly outOfOrderChanges: number;
                readonly unlinkedChanges: {
                  readonly count: number;
                  /** @description Up to 10 ids. */
                  readonly examples: readonly string[];
                };
                readonly deploymentsWithoutChanges: {
                  readonly count: number;
                  /** @description Up to 10 ids. */
                  readonly examples: readonly string[];
                };
                readonly unattributedIncidents: {
                  readonly count: number;
                  /** @description Up to 10 ids. */
                  readonly examples: readonly string[];
                };
                readonly unresolvedIncidents: {
                  readonly count: number;
                  /** @description Up to 10 ids. */
                  readonly examples: readonly string[];
                };
                readonly negativeLeadTimes: {
                  readonly count: number;
                  /** @description Up to 10 ids. */
                  readonly examples: readonly string[];
                };
                readonly duplicateRecords: number;
                readonly pendingItems: number;
                /** @description Mappings proposed by `flowlens connect` that nobody has reviewed yet (organisation-wide). */
                readonly mappingsToReview: readonly {
                  readonly source: string;
                  readonly team: string | null;
                  /** Format: date-time */
                  readonly proposedAt: string;
                  readonly proposedBy: string;
                }[];
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/metrics/series': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The series behind the metrics
     * @description Weekly velocity by flow type, daily throughput and load, cumulative flow, wait by status and aging work in progress (at most `aging` items, oldest first).
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /**
           * @description Start of the period, included: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-01-06
           */
          readonly from: string;
          /**
           * @description End of the period, excluded: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-04-07
           */
          readonly to: string;
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description How many items of `aging` to return, oldest first (default 200). */
          readonly aging?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The daily and weekly series behind the metrics. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The period [from, to), in UTC. */
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                /** @description The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it is not the default (UTC, weeks from Monday). */
                readonly calendar?: {
                  readonly timeZone: string;
                  /** @enum {string} */
                  readonly weekStart: 'monday' | 'sunday' | 'saturday';
                };
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** @description Completions per week overlapping the period (ISO weeks in UTC, or the organisation's calendar). */
              readonly velocityByWeek: readonly {
                /**
                 * Format: date
                 * @description The week's first day (Monday of the ISO week; the organisation's week start, period.calendar)
                 */
                readonly week: string;
                readonly count: number;
                readonly byType: {
                  readonly feature: number;
                  readonly defect: number;
                  readonly risk: number;
                  readonly debt: number;
                };
              }[];
              /** @description Completions per day (UTC days, or the local days of the organisation's calendar). */
              readonly throughputByDay: readonly {
                /** Format: date */
                readonly day: string;
                readonly count: number;
              }[];
              /** @description Work in progress at the start of each day (00:00 UTC, or local midnight of the organisation's calendar). */
              readonly loadByDay: readonly {
                /** Format: date */
                readonly day: string;
                readonly load: number;
              }[];
              /** @description Items in each state and status at the start of each day (as loadByDay). */
              readonly cumulativeFlow: readonly {
                /** Format: date */
                readonly day: string;
                readonly byState: {
                  readonly new: number;
                  readonly waiting: number;
                  readonly active: number;
                  readonly done: number;
                  readonly cancelled: number;
                };
                readonly byStatus: {
                  readonly [key: string]: number;
                };
              }[];
              /** @description Waiting statuses by total time, descending. */
              readonly waitByStatus: readonly {
                readonly status: string;
                readonly seconds: number;
                readonly items: number;
              }[];
              /** @description Items in progress at `to`, oldest first, at most `aging` of them. */
              readonly aging: readonly {
                readonly source: string;
                readonly id: string;
                readonly status: string;
                readonly ageSeconds: number;
                readonly beyondMedian: boolean;
                readonly beyondP85: boolean;
              }[];
              /** @description How many items were in progress at `to` (before the limit). */
              readonly agingTotal: number;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/items/{source}/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * One work item
     * @description Its record, status history with durations, facts now, and the changes, deployments and incidents linked to it. URL-encode the source and id (`github%3Aacme%2Fpayments`).
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description The item's source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
          /** @description The item's id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description One work item: its record, status history, facts and delivery. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly item: {
                readonly source: string;
                readonly id: string;
                readonly type: string;
                /** @enum {string} */
                readonly flowType: 'feature' | 'defect' | 'risk' | 'debt';
                readonly typeMapped: boolean;
                readonly status: string;
                readonly title: string | null;
                readonly team: string | null;
                readonly parent: string | null;
                /** @description Ids of the items of its source that name it as their parent. */
                readonly children: readonly string[];
                /** @description Whether other items name it as their parent: a container (an epic), left out of the metrics. */
                readonly container: boolean;
                readonly url: string | null;
                readonly labels: readonly string[];
                readonly estimate: number | null;
                readonly product: string | null;
                /** Format: date-time */
                readonly createdAt: string;
              };
              /** @description Status changes, in order. */
              readonly history: readonly {
                /** Format: date-time */
                readonly at: string;
                readonly from: string;
                readonly to: string;
              }[];
              /** @description The facts now (durations in seconds). */
              readonly facts: {
                /** Format: date-time */
                readonly asOf: string;
                /** Format: date-time */
                readonly createdAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly completedAt: string | null;
                readonly currentStatus: string;
                readonly currentStage: string;
                /** @enum {string} */
                readonly currentState: 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
                readonly leadTime: number | null;
                readonly flowTime: number | null;
                readonly activeTime: number | null;
                /** @description Seconds since started, while in progress. */
                readonly age: number | null;
                readonly timePerStage: {
                  readonly [key: string]: number;
                };
                readonly timePerStatus: {
                  readonly [key: string]: number;
                };
                readonly spans: readonly {
                  readonly status: string;
                  readonly stage: string;
                  readonly state: string;
                  /** Format: date-time */
                  readonly from: string;
                  /** Format: date-time */
                  readonly to: string;
                  readonly seconds: number;
                }[];
                /** @description `clockSkew`: a change before the item’s creation or more than 5 minutes in the future (accepted; a future change counts from its time, an early one moves the creation). */
                readonly flags: {
                  readonly changeBeforeCreation: boolean;
                  readonly statusDisagrees: boolean;
                  readonly clockSkew: boolean;
                };
              };
              /** @description Changes that name the item. */
              readonly changes: readonly {
                readonly source: string;
                readonly id: string;
                /** Format: date-time */
                readonly createdAt: string;
                /** Format: date-time */
                readonly firstCommitAt: string | null;
                /** Format: date-time */
                readonly mergedAt: string | null;
                readonly repository: string | null;
                readonly author: string | null;
                readonly reviewed: boolean | null;
              }[];
              /** @description Deployments of those changes, in time order. */
              readonly deployments: readonly {
                readonly source: string;
                readonly id: string;
                readonly service: string;
                readonly environment: string;
                readonly production: boolean;
                /** Format: date-time */
                readonly at: string;
                readonly status: string;
              }[];
              /** @description Incidents those deployments caused. */
              readonly incidents: readonly {
                readonly source: string;
                readonly id: string;
                readonly service: string;
                /** Format: date-time */
                readonly openedAt: string;
                /** Format: date-time */
                readonly resolvedAt: string | null;
                readonly causedBy: string | null;
                readonly severity: string | null;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The organisation
     * @description Portfolios → value streams → teams → services; what belongs to none is listed apart. Archived entities are left out (their metrics stay available); /org/model lists everything.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The organisation: portfolios → value streams → teams → services. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly portfolios: readonly {
                readonly id: string;
                readonly name: string;
                readonly valueStreams: readonly {
                  readonly id: string;
                  readonly name: string;
                  readonly teams: readonly {
                    readonly id: string;
                    readonly name: string;
                    readonly services: readonly {
                      readonly id: string;
                      readonly name: string | null;
                    }[];
                  }[];
                }[];
              }[];
              readonly valueStreamsWithoutPortfolio: readonly {
                readonly id: string;
                readonly name: string;
                readonly teams: readonly {
                  readonly id: string;
                  readonly name: string;
                  readonly services: readonly {
                    readonly id: string;
                    readonly name: string | null;
                  }[];
                }[];
              }[];
              readonly teamsWithoutValueStream: readonly {
                readonly id: string;
                readonly name: string;
                readonly services: readonly {
                  readonly id: string;
                  readonly name: string | null;
                }[];
              }[];
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/health': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Whether the server is up, and on which database */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The server is up. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /**
               * @description `degraded`: the server answers reads, but the database cannot take writes now (writes get 503 with Retry-After).
               * @enum {string}
               */
              readonly status: 'ok' | 'degraded';
              /** @description Why it is degraded (empty when ok): another process holds the database lock, the disk is full or failing, PostgreSQL cannot be reached. */
              readonly reasons: readonly ('database-locked' | 'disk' | 'database-unavailable')[];
              readonly version: string;
              /** @description The SQLite file, or the PostgreSQL URL with its password hidden. */
              readonly database: string;
              readonly schemaVersion: string;
              /** @description Work items whose facts are loaded. */
              readonly items: number;
              /** @description Whether the server was started with --demo. */
              readonly demo: boolean;
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/metrics/trend': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Flow metrics per week or month
     * @description The flow metrics of each week or calendar month of the period (ISO weeks and months in UTC, or those of the organisation's calendar, GET /settings/calendar; the first and last clipped to the period). Each bucket holds exactly what GET /metrics answers for the bucket as its period.
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /**
           * @description Start of the period, included: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-01-06
           */
          readonly from: string;
          /**
           * @description End of the period, excluded: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-04-07
           */
          readonly to: string;
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description Weeks (ISO weeks from Monday in UTC by default, else the organisation's calendar) or calendar months; the first and last are clipped to the period. */
          readonly bucket?: 'week' | 'month';
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Flow metrics per week or month of the period. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The period [from, to), in UTC. */
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                /** @description The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it is not the default (UTC, weeks from Monday). */
                readonly calendar?: {
                  readonly timeZone: string;
                  /** @enum {string} */
                  readonly weekStart: 'monday' | 'sunday' | 'saturday';
                };
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** @enum {string} */
              readonly bucket: 'week' | 'month';
              /** @description One entry per week or month; each holds the flow metrics of GET /metrics for [from, to). */
              readonly buckets: readonly {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                readonly velocity: {
                  readonly total: number;
                  readonly byType: {
                    readonly feature: number;
                    readonly defect: number;
                    readonly risk: number;
                    readonly debt: number;
                  };
                };
                /** @description Flow time of the items completed in the bucket: median and 85th percentile (nearest rank) in seconds, null without data. */
                readonly flowTime: {
                  readonly median: number | null;
                  readonly p85: number | null;
                  readonly count: number;
                };
                /** @description Lead time of the items completed in the bucket: median and 85th percentile (nearest rank) in seconds, null without data. */
                readonly leadTime: {
                  readonly median: number | null;
                  readonly p85: number | null;
                  readonly count: number;
                };
                readonly efficiency: number | null;
                readonly load: {
                  readonly average: number | null;
                  readonly atEnd: number;
                };
                readonly distribution: {
                  readonly feature: number | null;
                  readonly defect: number | null;
                  readonly risk: number | null;
                  readonly debt: number | null;
                };
                /** @description Σ time in stage / Σ lead time over the completed items; `unmapped` only when present. */
                readonly stages: {
                  readonly ideate: number | null;
                  readonly create: number | null;
                  readonly release: number | null;
                  readonly operate: number | null;
                  readonly unmapped?: number | null;
                };
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/metrics/statuses': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Time per status of the items completed in the period
     * @description For the value stream map: each status the completed items passed through, with its stage and state, the time spent in it between creation and completion, the items, and its position in the flow. The waiting statuses agree with `waitByStatus` of GET /metrics.
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /**
           * @description Start of the period, included: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-01-06
           */
          readonly from: string;
          /**
           * @description End of the period, excluded: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-04-07
           */
          readonly to: string;
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Where the time of the items completed in the period went, status by status. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The period [from, to), in UTC. */
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                /** @description The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it is not the default (UTC, weeks from Monday). */
                readonly calendar?: {
                  readonly timeZone: string;
                  /** @enum {string} */
                  readonly weekStart: 'monday' | 'sunday' | 'saturday';
                };
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** @description Items completed in the period. */
              readonly completed: number;
              /** @description Σ lead time of those items (the denominator of the stage shares). */
              readonly leadTimeSeconds: number;
              /** @description By stage, then by position: the order of the flow. */
              readonly statuses: readonly {
                readonly status: string;
                /** @enum {string} */
                readonly stage: 'ideate' | 'create' | 'release' | 'operate' | 'unmapped';
                /** @enum {string} */
                readonly state: 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
                /** @description Time the completed items spent in it, between creation and completion. */
                readonly seconds: number;
                /** @description Completed items that spent time in it. */
                readonly items: number;
                /** @description Mean of (first entry − created) / lead time over those items: 0 at creation, 1 at completion. */
                readonly position: number;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/metrics/completed': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The items completed in the period, with their flow times
     * @description For the cycle-time scatter: each completed item with its completion instant and flow and lead times, and the 50th, 85th and 95th percentiles of the flow times (p50 and p85 equal the flow time median and p85 of GET /metrics).
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /**
           * @description Start of the period, included: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-01-06
           */
          readonly from: string;
          /**
           * @description End of the period, excluded: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-04-07
           */
          readonly to: string;
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description How many items to return, in completion order (default 20000). */
          readonly limit?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The items completed in the period with their flow times. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The period [from, to), in UTC. */
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                /** @description The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it is not the default (UTC, weeks from Monday). */
                readonly calendar?: {
                  readonly timeZone: string;
                  /** @enum {string} */
                  readonly weekStart: 'monday' | 'sunday' | 'saturday';
                };
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly total: number;
              /** @description Nearest-rank percentiles of the flow times, in seconds. */
              readonly percentiles: {
                readonly p50: number | null;
                readonly p85: number | null;
                readonly p95: number | null;
              };
              /** @description In completion order, at most `limit`. */
              readonly items: readonly {
                readonly source: string;
                readonly id: string;
                /** @enum {string} */
                readonly flowType: 'feature' | 'defect' | 'risk' | 'debt';
                /** Format: date-time */
                readonly completedAt: string;
                readonly flowTime: number;
                readonly leadTime: number;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/items': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * A scope's work items, filtered and sorted
     * @description The work items of a team, value stream or portfolio (or all) as they are now, filtered by current state, flow type, current status and text (id or title), sorted and paged. `byState` and `byStatus` count the items for the filter controls.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description Only items whose current state is this; `in-progress` is waiting or active. */
          readonly state?: 'in-progress' | 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
          /** @description Only items of this flow type. */
          readonly flowType?: 'feature' | 'defect' | 'risk' | 'debt';
          /** @description Only items whose current status is this. */
          readonly status?: string;
          /** @description Only items whose id or title contains this text, in any case. */
          readonly q?: string;
          /** @description age (of items in progress), completedAt, createdAt, flowTime or id; items without the value come last. */
          readonly sort?: 'age' | 'completedAt' | 'createdAt' | 'flowTime' | 'id';
          readonly order?: 'asc' | 'desc';
          readonly limit?: number;
          readonly offset?: number;
          /** @description The instant ages are taken at (YYYY-MM-DD or ISO 8601); default now. */
          readonly asOf?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description A page of a scope's work items as they are now. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** Format: date-time */
              readonly asOf: string;
              /** @description Items that pass every filter (before paging). */
              readonly total: number;
              /** @description Items per current state, with every filter but `state`. */
              readonly byState: {
                readonly new: number;
                readonly waiting: number;
                readonly active: number;
                readonly done: number;
                readonly cancelled: number;
              };
              /** @description Items per current status, with every filter but `status`. */
              readonly byStatus: readonly {
                readonly status: string;
                readonly items: number;
              }[];
              readonly items: readonly {
                readonly source: string;
                readonly id: string;
                readonly title: string | null;
                readonly type: string | null;
                readonly team: string | null;
                /** @enum {string} */
                readonly flowType: 'feature' | 'defect' | 'risk' | 'debt';
                readonly status: string;
                /** @enum {string} */
                readonly state: 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
                readonly stage: string;
                /** Format: date-time */
                readonly createdAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly completedAt: string | null;
                /** @description Seconds, when complete. */
                readonly flowTime: number | null;
                /** @description Seconds since started at `asOf`, while in progress. */
                readonly age: number | null;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/data-quality/items': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The work items behind the data-quality counts
     * @description Per source, each unmapped status and type with its item count and example items; items with no team, status disagreements and changes before creation, with examples. Over all the history of the scope's items, like the counts of GET /metrics.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The work items behind the item-level data-quality counts of GET /metrics. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly unmappedStatuses: readonly {
                readonly source: string;
                readonly status: string;
                readonly items: number;
                readonly examples: readonly {
                  readonly source: string;
                  readonly id: string;
                }[];
              }[];
              readonly unmappedTypes: readonly {
                readonly source: string;
                readonly type: string;
                readonly items: number;
                readonly examples: readonly {
                  readonly source: string;
                  readonly id: string;
                }[];
              }[];
              /** @description How many items, and examples. */
              readonly itemsWithoutTeam: {
                readonly count: number;
                /** @description Up to 10, the smallest ids. */
                readonly examples: readonly {
                  readonly source: string;
                  readonly id: string;
                }[];
              };
              /** @description How many items, and examples. */
              readonly statusDisagreements: {
                readonly count: number;
                /** @description Up to 10, the smallest ids. */
                readonly examples: readonly {
                  readonly source: string;
                  readonly id: string;
                }[];
              };
              /** @description How many items, and examples. */
              readonly changesBeforeCreation: {
                readonly count: number;
                /** @description Up to 10, the smallest ids. */
                readonly examples: readonly {
                  readonly source: string;
                  readonly id: string;
                }[];
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/extent': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The time the data covers
     * @description The first and last instant of work-item activity; the UI sets its default period by it.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The first and last instant of work-item activity (creation, status change, completion); null without items. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly items: number;
              /** Format: date-time */
              readonly firstActivity: string | null;
              /** Format: date-time */
              readonly lastActivity: string | null;
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/model': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The whole organisation, as the editor shows it
     * @description Portfolios, value streams, teams, services, products and people, archived ones included, each with its parent and (teams, value streams, services) where it belonged before its moves; the products work items name that the organisation does not know; and the latest edits.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The whole organisation as the editor shows it, archived entities included. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly portfolios: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              readonly valueStreams: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              readonly teams: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              readonly services: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              readonly products: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              readonly people: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              /** @description Products work items name that the organisation has no product for. */
              readonly unregisteredProducts: readonly {
                readonly product: string;
                readonly items: number;
              }[];
              /** @description The latest edits, newest first. */
              readonly changes: readonly {
                /** Format: date-time */
                readonly at: string;
                readonly actor: string;
                readonly action: string;
                readonly kind: string;
                readonly target: string;
                readonly summary: string;
              }[];
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/portfolios': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Create a portfolio
     * @description Writes the same record an import would (by its natural key), so a later import of the organisation file updates it. 409 when one with the id exists.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Its id (natural key, as in the interchange format). */
            readonly id: string;
            /** @description Its name. */
            readonly name: string;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description An entity of the organisation. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/portfolios/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Rename, move or archive a portfolio
     * @description Changes the fields given.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description A new name. */
            readonly name?: string;
            /** @description true archives it (hidden from lists and role coverage); false restores it. */
            readonly archived?: boolean;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/org/value-streams': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Create a value stream
     * @description Writes the same record an import would (by its natural key), so a later import of the organisation file updates it. 409 when one with the id exists.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Its id (natural key, as in the interchange format). */
            readonly id: string;
            /** @description Its name. */
            readonly name: string;
            /** @description The portfolio it belongs to (null: none). */
            readonly parent?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description An entity of the organisation. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/value-streams/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Rename, move or archive a value stream
     * @description A new parent is a move, effective at `effectiveAt` (default now): where it was until then is kept, and metrics count its work where it was at each item’s completion.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description A new name. */
            readonly name?: string;
            /** @description The portfolio it belongs to (null: none). */
            readonly parent?: string | null;
            /** @description When the move takes effect: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default now; it must be after the previous move. Work completed before it stays where the entity was. */
            readonly effectiveAt?: string;
            /** @description true archives it (hidden from lists and role coverage); false restores it. */
            readonly archived?: boolean;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/org/teams': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Create a team
     * @description Writes the same record an import would (by its natural key), so a later import of the organisation file updates it. 409 when one with the id exists.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Its id (natural key, as in the interchange format). */
            readonly id: string;
            /** @description Its name. */
            readonly name: string;
            /** @description The value stream it belongs to (null: none). Changing it is a move. */
            readonly parent?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description An entity of the organisation. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/teams/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** A team: where it is and was, what it owns, who holds its roles */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description A team: where it is (and was), what it owns and who holds its roles. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description An entity of the organisation. */
              readonly team: {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              };
              readonly valueStream: {
                readonly id: string;
                readonly name: string;
              } | null;
              /** @description The services it owns. */
              readonly services: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              /** @description The products it owns. */
              readonly products: readonly {
                /** @enum {string} */
                readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
                readonly id: string;
                readonly name: string;
                readonly parent?: string | null;
                readonly archived: {
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
                /** @description Where it belonged before its moves, oldest first. */
                readonly history?: readonly {
                  readonly parent: string | null;
                  /**
                   * Format: date-time
                   * @description Since (null: since ever).
                   */
                  readonly from: string | null;
                  /**
                   * Format: date-time
                   * @description Until the move that ended it (excluded).
                   */
                  readonly to: string;
                  /**
                   * Format: date-time
                   * @description When the move was recorded.
                   */
                  readonly movedAt: string;
                  readonly movedBy: string;
                }[];
                readonly email?: string | null;
                readonly repository?: string | null;
                readonly description?: string | null;
              }[];
              /** @description The roles held in it now. */
              readonly roles: readonly {
                /** @description The assignment’s id (its natural key, encoded). */
                readonly id: string;
                readonly person: string;
                readonly personName: string;
                /** @enum {string} */
                readonly role:
                  | 'product-manager'
                  | 'product-owner'
                  | 'architect'
                  | 'business-analyst'
                  | 'ux-lead'
                  | 'security-lead'
                  | 'dvs-facilitator'
                  | 'qa-lead'
                  | 'adoption-lead'
                  | 'value-stream-architect';
                readonly valueStream: string | null;
                readonly team: string | null;
                /** Format: date-time */
                readonly from: string | null;
                /** Format: date-time */
                readonly to: string | null;
                /** @description Held at the instant asked about (now by default). */
                readonly current: boolean;
              }[];
              /** @description The latest edits of it. */
              readonly changes: readonly {
                /** Format: date-time */
                readonly at: string;
                readonly actor: string;
                readonly action: string;
                readonly kind: string;
                readonly target: string;
                readonly summary: string;
              }[];
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Rename, move or archive a team
     * @description A new parent is a move, effective at `effectiveAt` (default now): where it was until then is kept, and metrics count its work where it was at each item’s completion.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description A new name. */
            readonly name?: string;
            /** @description The value stream it belongs to (null: none). Changing it is a move. */
            readonly parent?: string | null;
            /** @description When the move takes effect: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default now; it must be after the previous move. Work completed before it stays where the entity was. */
            readonly effectiveAt?: string;
            /** @description true archives it (hidden from lists and role coverage); false restores it. */
            readonly archived?: boolean;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/org/services': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Create a service
     * @description Writes the same record an import would (by its natural key), so a later import of the organisation file updates it. 409 when one with the id exists.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Its id (natural key, as in the interchange format). */
            readonly id: string;
            /** @description Its name (optional). */
            readonly name?: string;
            /** @description The team that owns it. Changing it is a move. */
            readonly parent: string | null;
            /** @description Its repository. */
            readonly repository?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description An entity of the organisation. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/services/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Rename, move or archive a service
     * @description A new parent is a move, effective at `effectiveAt` (default now): where it was until then is kept, and metrics count its work where it was at each item’s completion.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description A new name. */
            readonly name?: string;
            /** @description The team that owns it. Changing it is a move. */
            readonly parent?: string | null;
            /** @description When the move takes effect: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default now; it must be after the previous move. Work completed before it stays where the entity was. */
            readonly effectiveAt?: string;
            /** @description true archives it (hidden from lists and role coverage); false restores it. */
            readonly archived?: boolean;
            /** @description Its repository. */
            readonly repository?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/org/products': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Create a product
     * @description Writes the same record an import would (by its natural key), so a later import of the organisation file updates it. 409 when one with the id exists.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Its id (natural key, as in the interchange format). */
            readonly id: string;
            /** @description Its name. */
            readonly name: string;
            /** @description The team that owns it (null: none). */
            readonly parent?: string | null;
            /** @description What it is. */
            readonly description?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description An entity of the organisation. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/products/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Rename, move or archive a product
     * @description Changes the fields given.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description A new name. */
            readonly name?: string;
            /** @description The team that owns it (null: none). */
            readonly parent?: string | null;
            /** @description true archives it (hidden from lists and role coverage); false restores it. */
            readonly archived?: boolean;
            /** @description What it is. */
            readonly description?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/org/people': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Create a person
     * @description Writes the same record an import would (by its natural key), so a later import of the organisation file updates it. 409 when one with the id exists.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Its id (natural key, as in the interchange format). */
            readonly id: string;
            /** @description Its name. */
            readonly name: string;
            /** @description Their email address. */
            readonly email?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description An entity of the organisation. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/org/people/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Rename, move or archive a person
     * @description Changes the fields given.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description Its id, URL-encoded. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description A new name. */
            readonly name?: string;
            /** @description true archives it (hidden from lists and role coverage); false restores it. */
            readonly archived?: boolean;
            /** @description Their email address. */
            readonly email?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description An entity of the organisation. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly kind: 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
              readonly id: string;
              readonly name: string;
              readonly parent?: string | null;
              readonly archived: {
                /** Format: date-time */
                readonly at: string;
                readonly by: string;
              } | null;
              /** @description Where it belonged before its moves, oldest first. */
              readonly history?: readonly {
                readonly parent: string | null;
                /**
                 * Format: date-time
                 * @description Since (null: since ever).
                 */
                readonly from: string | null;
                /**
                 * Format: date-time
                 * @description Until the move that ended it (excluded).
                 */
                readonly to: string;
                /**
                 * Format: date-time
                 * @description When the move was recorded.
                 */
                readonly movedAt: string;
                readonly movedBy: string;
              }[];
              readonly email?: string | null;
              readonly repository?: string | null;
              readonly description?: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/roles': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Role coverage of the value streams, with gaps and overload
     * @description For each value stream, the DVS roles × who holds them (for the value stream and in each team), the gaps (a value-stream role nobody holds, a team without a product owner) and the overloaded people, each with why it matters. The limits are the stored ones unless given here.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this value stream. */
          readonly valueStream?: string;
          /** @description The instant of the coverage: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default now. */
          readonly asOf?: string;
          /** @description Teams a person may hold roles in. */
          readonly maxTeams?: number;
          /** @description Value streams a person may hold roles in. */
          readonly maxValueStreams?: number;
          /** @description Teams a DVS facilitator may facilitate (8 by default). */
          readonly maxFacilitatedTeams?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Role coverage of the value streams at an instant: who holds each role, the gaps and the overloaded people. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** Format: date-time */
              readonly asOf: string;
              /** @description The overload limits. */
              readonly limits: {
                readonly maxTeams: number;
                readonly maxValueStreams: number;
                readonly maxFacilitatedTeams: number;
              };
              readonly valueStreams: readonly {
                readonly valueStream: {
                  readonly id: string;
                  readonly name: string;
                };
                readonly teams: readonly {
                  readonly id: string;
                  readonly name: string;
                }[];
                /** @description The coverage matrix: each role, who holds it for the value stream and in each team. */
                readonly rows: readonly {
                  /** @enum {string} */
                  readonly role:
                    | 'product-manager'
                    | 'product-owner'
                    | 'architect'
                    | 'business-analyst'
                    | 'ux-lead'
                    | 'security-lead'
                    | 'dvs-facilitator'
                    | 'qa-lead'
                    | 'adoption-lead'
                    | 'value-stream-architect';
                  readonly label: string;
                  readonly groups: readonly ('product' | 'program' | 'architecture')[];
                  /** @enum {string|null} */
                  readonly required: 'valueStream' | 'team' | null;
                  readonly valueStream: readonly {
                    readonly person: string;
                    readonly name: string;
                    readonly assignment: string;
                    /** Format: date-time */
                    readonly from: string | null;
                    /** Format: date-time */
                    readonly to: string | null;
                  }[];
                  readonly teams: {
                    readonly [key: string]: readonly {
                      readonly person: string;
                      readonly name: string;
                      readonly assignment: string;
                      /** Format: date-time */
                      readonly from: string | null;
                      /** Format: date-time */
                      readonly to: string | null;
                    }[];
                  };
                }[];
                readonly roles: {
                  readonly [key: string]: readonly string[];
                };
                readonly gaps: readonly {
                  /** @enum {string} */
                  readonly role:
                    | 'product-manager'
                    | 'product-owner'
                    | 'architect'
                    | 'business-analyst'
                    | 'ux-lead'
                    | 'security-lead'
                    | 'dvs-facilitator'
                    | 'qa-lead'
                    | 'adoption-lead'
                    | 'value-stream-architect';
                  readonly team?: string;
                  readonly why: string;
                }[];
                readonly overloaded: readonly {
                  readonly person: string;
                  readonly teams: readonly string[];
                  readonly valueStreams: readonly string[];
                  readonly why: string;
                  readonly rules: readonly ('teams' | 'valueStreams' | 'facilitator')[];
                }[];
              }[];
              /** @description Everyone overloaded, organisation-wide. */
              readonly overloaded: readonly {
                readonly person: string;
                readonly teams: readonly string[];
                readonly valueStreams: readonly string[];
                readonly why: string;
                readonly rules: readonly ('teams' | 'valueStreams' | 'facilitator')[];
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/roles/assignments': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Role assignments */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          readonly person?: string;
          readonly role?:
            | 'product-manager'
            | 'product-owner'
            | 'architect'
            | 'business-analyst'
            | 'ux-lead'
            | 'security-lead'
            | 'dvs-facilitator'
            | 'qa-lead'
            | 'adoption-lead'
            | 'value-stream-architect';
          readonly team?: string;
          readonly valueStream?: string;
          /** @description Only the assignments held at this instant: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. */
          readonly heldAt?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly assignments: readonly {
                /** @description The assignment’s id (its natural key, encoded). */
                readonly id: string;
                readonly person: string;
                readonly personName: string;
                /** @enum {string} */
                readonly role:
                  | 'product-manager'
                  | 'product-owner'
                  | 'architect'
                  | 'business-analyst'
                  | 'ux-lead'
                  | 'security-lead'
                  | 'dvs-facilitator'
                  | 'qa-lead'
                  | 'adoption-lead'
                  | 'value-stream-architect';
                readonly valueStream: string | null;
                readonly team: string | null;
                /** Format: date-time */
                readonly from: string | null;
                /** Format: date-time */
                readonly to: string | null;
                /** @description Held at the instant asked about (now by default). */
                readonly current: boolean;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    /**
     * Assign a role to a person, in a value stream or a team, with dates
     * @description 409 when the person holds the role there already at an overlapping time.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly person: string;
            /** @enum {string} */
            readonly role:
              | 'product-manager'
              | 'product-owner'
              | 'architect'
              | 'business-analyst'
              | 'ux-lead'
              | 'security-lead'
              | 'dvs-facilitator'
              | 'qa-lead'
              | 'adoption-lead'
              | 'value-stream-architect';
            /** @description The team the role is held in (or give valueStream). */
            readonly team?: string;
            /** @description The value stream the role is held in (or give team). */
            readonly valueStream?: string;
            /** @description YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset; null: open */
            readonly from?: string | null;
            /** @description YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset; null: open */
            readonly to?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description A person holding a role in a value stream or a team, from `from` to `to`. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The assignment’s id (its natural key, encoded). */
              readonly id: string;
              readonly person: string;
              readonly personName: string;
              /** @enum {string} */
              readonly role:
                | 'product-manager'
                | 'product-owner'
                | 'architect'
                | 'business-analyst'
                | 'ux-lead'
                | 'security-lead'
                | 'dvs-facilitator'
                | 'qa-lead'
                | 'adoption-lead'
                | 'value-stream-architect';
              readonly valueStream: string | null;
              readonly team: string | null;
              /** Format: date-time */
              readonly from: string | null;
              /** Format: date-time */
              readonly to: string | null;
              /** @description Held at the instant asked about (now by default). */
              readonly current: boolean;
            };
          };
        };
        /** @description A person holding a role in a value stream or a team, from `from` to `to`. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The assignment’s id (its natural key, encoded). */
              readonly id: string;
              readonly person: string;
              readonly personName: string;
              /** @enum {string} */
              readonly role:
                | 'product-manager'
                | 'product-owner'
                | 'architect'
                | 'business-analyst'
                | 'ux-lead'
                | 'security-lead'
                | 'dvs-facilitator'
                | 'qa-lead'
                | 'adoption-lead'
                | 'value-stream-architect';
              readonly valueStream: string | null;
              readonly team: string | null;
              /** Format: date-time */
              readonly from: string | null;
              /** Format: date-time */
              readonly to: string | null;
              /** @description Held at the instant asked about (now by default). */
              readonly current: boolean;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/roles/assignments/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    /** Remove a role assignment (to end one, give it an end date instead) */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description The assignment’s id. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly deleted: string;
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    /**
     * Change the dates of a role assignment (end it with `to`)
     * @description The id changes when `from` does: the start is part of the assignment’s natural key.
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description The assignment’s id. */
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset; null: open */
            readonly from?: string | null;
            /** @description YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset; null: open */
            readonly to?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description A person holding a role in a value stream or a team, from `from` to `to`. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The assignment’s id (its natural key, encoded). */
              readonly id: string;
              readonly person: string;
              readonly personName: string;
              /** @enum {string} */
              readonly role:
                | 'product-manager'
                | 'product-owner'
                | 'architect'
                | 'business-analyst'
                | 'ux-lead'
                | 'security-lead'
                | 'dvs-facilitator'
                | 'qa-lead'
                | 'adoption-lead'
                | 'value-stream-architect';
              readonly valueStream: string | null;
              readonly team: string | null;
              /** Format: date-time */
              readonly from: string | null;
              /** Format: date-time */
              readonly to: string | null;
              /** @description Held at the instant asked about (now by default). */
              readonly current: boolean;
            };
          };
        };
        /** @description A person holding a role in a value stream or a team, from `from` to `to`. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The assignment’s id (its natural key, encoded). */
              readonly id: string;
              readonly person: string;
              readonly personName: string;
              /** @enum {string} */
              readonly role:
                | 'product-manager'
                | 'product-owner'
                | 'architect'
                | 'business-analyst'
                | 'ux-lead'
                | 'security-lead'
                | 'dvs-facilitator'
                | 'qa-lead'
                | 'adoption-lead'
                | 'value-stream-architect';
              readonly valueStream: string | null;
              readonly team: string | null;
              /** Format: date-time */
              readonly from: string | null;
              /** Format: date-time */
              readonly to: string | null;
              /** @description Held at the instant asked about (now by default). */
              readonly current: boolean;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/roles/settings': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The overload limits */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The overload limits. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly maxTeams: number;
              readonly maxValueStreams: number;
              readonly maxFacilitatedTeams: number;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    /** Change the overload limits */
    readonly put: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Teams a person may hold roles in. */
            readonly maxTeams?: number;
            /** @description Value streams a person may hold roles in. */
            readonly maxValueStreams?: number;
            /** @description Teams a DVS facilitator may facilitate (8 by default). */
            readonly maxFacilitatedTeams?: number;
          };
        };
      };
      readonly responses: {
        /** @description The overload limits. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly maxTeams: number;
              readonly maxValueStreams: number;
              readonly maxFacilitatedTeams: number;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/roles/network': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The product management network
     * @description The people holding product roles (product managers and owners, architects, business analysts, UX and security leads), linked when they hold roles in the same value stream or when teams they answer for depend on each other (their work items share a parent).
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description The instant: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default now. */
          readonly asOf?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The product management network: the people holding product roles and who coordinates with whom. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** Format: date-time */
              readonly asOf: string;
              readonly people: readonly {
                readonly id: string;
                readonly name: string;
                readonly roles: readonly {
                  /** @enum {string} */
                  readonly role:
                    | 'product-manager'
                    | 'product-owner'
                    | 'architect'
                    | 'business-analyst'
                    | 'ux-lead'
                    | 'security-lead'
                    | 'dvs-facilitator'
                    | 'qa-lead'
                    | 'adoption-lead'
                    | 'value-stream-architect';
                  readonly valueStream: string | null;
                  readonly team: string | null;
                }[];
                readonly valueStreams: readonly string[];
                readonly teams: readonly string[];
              }[];
              readonly valueStreams: readonly {
                readonly id: string;
                readonly name: string;
              }[];
              readonly teams: readonly {
                readonly id: string;
                readonly name: string;
                readonly valueStream: string | null;
              }[];
              /** @description Who coordinates with whom: a shared value stream, or teams whose work depends on each other. */
              readonly links: readonly {
                readonly source: string;
                readonly target: string;
                readonly valueStreams: readonly string[];
                readonly dependencies: readonly {
                  readonly teams: [string, string];
                  readonly items: number;
                }[];
              }[];
              /** @description Teams whose work items share a parent, in the year before asOf. */
              readonly dependencies: readonly {
                readonly teams: [string, string];
                readonly items: number;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The sources and their mappings
     * @description Each source with its raw values, how many are unmapped, its team overrides and versions.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly sources: readonly {
                readonly source: string;
                readonly items: number;
                readonly deployments: number;
                readonly statuses: number;
                readonly unmappedStatuses: number;
                readonly types: number;
                readonly unmappedTypes: number;
                readonly environments: number;
                readonly hasMapping: boolean;
                readonly overrides: readonly string[];
                readonly versions: number;
                readonly lastSaved: {
                  readonly version: number;
                  /** Format: date-time */
                  readonly at: string;
                  readonly by: string;
                } | null;
              }[];
              /** @description The latest recomputations, newest first. */
              readonly jobs: readonly {
                readonly id: number;
                readonly source: string;
                readonly team: string | null;
                readonly reason: string;
                /** @enum {string} */
                readonly state: 'queued' | 'running' | 'done' | 'failed';
                readonly done: number;
                readonly total: number | null;
                /** Format: date-time */
                readonly queuedAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly finishedAt: string | null;
                readonly error: string | null;
              }[];
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/jobs': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The recomputations mapping changes started, newest first */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly jobs: readonly {
                readonly id: number;
                readonly source: string;
                readonly team: string | null;
                readonly reason: string;
                /** @enum {string} */
                readonly state: 'queued' | 'running' | 'done' | 'failed';
                readonly done: number;
                readonly total: number | null;
                /** Format: date-time */
                readonly queuedAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly finishedAt: string | null;
                readonly error: string | null;
              }[];
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/jobs/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** One recomputation: its state and progress */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          readonly id: number;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description A recomputation of facts after a mapping change: the metrics use the new mapping once it is done. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: number;
              readonly source: string;
              readonly team: string | null;
              readonly reason: string;
              /** @enum {string} */
              readonly state: 'queued' | 'running' | 'done' | 'failed';
              readonly done: number;
              readonly total: number | null;
              /** Format: date-time */
              readonly queuedAt: string;
              /** Format: date-time */
              readonly startedAt: string | null;
              /** Format: date-time */
              readonly finishedAt: string | null;
              readonly error: string | null;
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/{source}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * A source’s raw statuses, types and environments, and how they are mapped
     * @description Every raw status and type seen in its items (unmapped first) with item counts and the current stage, state and flow type; its deployments’ environments; its team overrides; its latest versions. With `team`, the same over that team’s items, with the team’s override applied.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description A team’s override of the source’s mapping. */
          readonly team?: string;
        };
        readonly header?: never;
        readonly path: {
          /** @description The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description A source’s raw values and how its mapping (or a team’s override) classifies them. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly source: string;
              readonly team: string | null;
              readonly mapping: {
                readonly statuses: {
                  readonly [key: string]: {
                    readonly stage: string;
                    readonly state: string;
                  };
                };
                readonly types: {
                  readonly [key: string]: string;
                };
                readonly environments: {
                  readonly [key: string]: string;
                } | null;
              } | null;
              readonly sourceMapping: {
                readonly statuses: {
                  readonly [key: string]: {
                    readonly stage: string;
                    readonly state: string;
                  };
                };
                readonly types: {
                  readonly [key: string]: string;
                };
                readonly environments: {
                  readonly [key: string]: string;
                } | null;
              } | null;
              readonly items: number;
              /** @description Every raw status seen, unmapped first. */
              readonly statuses: readonly {
                readonly raw: string;
                /** @description Items that were ever in it. */
                readonly items: number;
                /** @description Items in it now. */
                readonly current: number;
                readonly mapped: boolean;
                readonly stage: string;
                readonly state: string;
                readonly overridden: boolean;
              }[];
              /** @description Every raw type seen, unmapped first. */
              readonly types: readonly {
                readonly raw: string;
                readonly items: number;
                readonly mapped: boolean;
                readonly flowType: string;
                readonly overridden: boolean;
              }[];
              /** @description Every raw environment of its deployments. */
              readonly environments: readonly {
                readonly raw: string;
                readonly deployments: number;
                readonly named: string | null;
                readonly production: boolean;
              }[];
              readonly teams: readonly {
                readonly team: string;
                readonly items: number;
                readonly override: boolean;
              }[];
              /** @description The latest versions, newest first. */
              readonly versions: readonly {
                readonly source: string;
                readonly team: string | null;
                readonly version: number;
                /** Format: date-time */
                readonly savedAt: string;
                readonly savedBy: string;
                readonly note: string | null;
                readonly removed: boolean;
                readonly restoredFrom: number | null;
                readonly changes: readonly {
                  /** @enum {string} */
                  readonly kind: 'status' | 'type' | 'environment';
                  readonly raw: string;
                  readonly before:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                  readonly after:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                }[];
                readonly summary: string;
                readonly mapping: {
                  readonly statuses: {
                    readonly [key: string]: {
                      readonly stage: string;
                      readonly state: string;
                    };
                  };
                  readonly types: {
                    readonly [key: string]: string;
                  };
                  readonly environments: {
                    readonly [key: string]: string;
                  } | null;
                } | null;
                readonly current: boolean;
              }[];
              /** @description The latest recomputations of this source. */
              readonly jobs: readonly {
                readonly id: number;
                readonly source: string;
                readonly team: string | null;
                readonly reason: string;
                /** @enum {string} */
                readonly state: 'queued' | 'running' | 'done' | 'failed';
                readonly done: number;
                readonly total: number | null;
                /** Format: date-time */
                readonly queuedAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly finishedAt: string | null;
                readonly error: string | null;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    /**
     * Save a source’s mapping (or a team’s override) as a new version
     * @description Records who (the signed-in user or token), when and what changed, and starts recomputing the source’s facts in the background (`job`; follow it at /mappings/jobs/{id}). Saving the mapping in force changes nothing.
     */
    readonly put: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Save a team’s override instead of the source’s mapping. */
            readonly team?: string;
            /** @description Raw status → {stage, state}. */
            readonly statuses: {
              readonly [key: string]: {
                /** @enum {string} */
                readonly stage: 'ideate' | 'create' | 'release' | 'operate';
                /** @enum {string} */
                readonly state: 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
              };
            };
            /** @description Raw type → flow type. */
            readonly types: {
              readonly [key: string]: 'feature' | 'defect' | 'risk' | 'debt';
            };
            /** @description Raw environment → production, staging, …; null: none named (production and prod are production). */
            readonly environments?: {
              readonly [key: string]: string;
            } | null;
            /** @description Why (kept with the version). */
            readonly note?: string;
          };
        };
      };
      readonly responses: {
        /** @description The version saved, and the recomputation it started. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description false when the mapping was already exactly this. */
              readonly saved: boolean;
              /** @description A saved version of a mapping: who, when, what changed. */
              readonly version: {
                readonly source: string;
                readonly team: string | null;
                readonly version: number;
                /** Format: date-time */
                readonly savedAt: string;
                readonly savedBy: string;
                readonly note: string | null;
                readonly removed: boolean;
                readonly restoredFrom: number | null;
                readonly changes: readonly {
                  /** @enum {string} */
                  readonly kind: 'status' | 'type' | 'environment';
                  readonly raw: string;
                  readonly before:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                  readonly after:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                }[];
                readonly summary: string;
                readonly mapping: {
                  readonly statuses: {
                    readonly [key: string]: {
                      readonly stage: string;
                      readonly state: string;
                    };
                  };
                  readonly types: {
                    readonly [key: string]: string;
                  };
                  readonly environments: {
                    readonly [key: string]: string;
                  } | null;
                } | null;
                readonly current: boolean;
              } | null;
              readonly changes: readonly {
                /** @enum {string} */
                readonly kind: 'status' | 'type' | 'environment';
                readonly raw: string;
                readonly before:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
                readonly after:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
              }[];
              /** @description A recomputation of facts after a mapping change: the metrics use the new mapping once it is done. */
              readonly job: {
                readonly id: number;
                readonly source: string;
                readonly team: string | null;
                readonly reason: string;
                /** @enum {string} */
                readonly state: 'queued' | 'running' | 'done' | 'failed';
                readonly done: number;
                readonly total: number | null;
                /** Format: date-time */
                readonly queuedAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly finishedAt: string | null;
                readonly error: string | null;
              } | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/{source}/preview': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Preview how a proposed mapping changes the headline metrics
     * @description The organisation’s (and the source’s) velocity, flow and lead time, efficiency, load, distribution and stage shares for the period, now and with the proposed mapping of the source (or of `team`’s override; null removes it). Nothing is saved. The period defaults to the 90 days up to the data’s end.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          /** @description The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Save a team’s override instead of the source’s mapping. */
            readonly team?: string;
            readonly mapping: {
              /** @description Raw status → {stage, state}. */
              readonly statuses: {
                readonly [key: string]: {
                  /** @enum {string} */
                  readonly stage: 'ideate' | 'create' | 'release' | 'operate';
                  /** @enum {string} */
                  readonly state: 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
                };
              };
              /** @description Raw type → flow type. */
              readonly types: {
                readonly [key: string]: 'feature' | 'defect' | 'risk' | 'debt';
              };
              /** @description Raw environment → production, staging, …; null: none named (production and prod are production). */
              readonly environments: {
                readonly [key: string]: string;
              } | null;
            } | null;
            /** @description Start of the period: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default: 90 days before `to`. */
            readonly from?: string;
            /** @description End of the period (excluded): YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset. Default: the day after the last activity. */
            readonly to?: string;
          };
        };
      };
      readonly responses: {
        /** @description How the headline metrics of the period change with the proposed mapping (durations in seconds). */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly source: string;
              readonly team: string | null;
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
              };
              readonly changes: readonly {
                /** @enum {string} */
                readonly kind: 'status' | 'type' | 'environment';
                readonly raw: string;
                readonly before:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
                readonly after:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
              }[];
              readonly organisation: {
                readonly before: {
                  readonly velocity: {
                    readonly total: number;
                    readonly byType: {
                      readonly feature: number;
                      readonly defect: number;
                      readonly risk: number;
                      readonly debt: number;
                    };
                  };
                  readonly flowTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly leadTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly efficiency: number | null;
                  readonly load: {
                    readonly average: number | null;
                    readonly atEnd: number;
                  };
                  readonly distribution: {
                    readonly feature: number | null;
                    readonly defect: number | null;
                    readonly risk: number | null;
                    readonly debt: number | null;
                  };
                  /** @description Σ time in stage / Σ lead time over the completed items; `unmapped` only when present. */
                  readonly stages: {
                    readonly ideate: number | null;
                    readonly create: number | null;
                    readonly release: number | null;
                    readonly operate: number | null;
                    readonly unmapped?: number | null;
                  };
                };
                readonly after: {
                  readonly velocity: {
                    readonly total: number;
                    readonly byType: {
                      readonly feature: number;
                      readonly defect: number;
                      readonly risk: number;
                      readonly debt: number;
                    };
                  };
                  readonly flowTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly leadTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly efficiency: number | null;
                  readonly load: {
                    readonly average: number | null;
                    readonly atEnd: number;
                  };
                  readonly distribution: {
                    readonly feature: number | null;
                    readonly defect: number | null;
                    readonly risk: number | null;
                    readonly debt: number | null;
                  };
                  /** @description Σ time in stage / Σ lead time over the completed items; `unmapped` only when present. */
                  readonly stages: {
                    readonly ideate: number | null;
                    readonly create: number | null;
                    readonly release: number | null;
                    readonly operate: number | null;
                    readonly unmapped?: number | null;
                  };
                };
              };
              readonly sourceOnly: {
                readonly before: {
                  readonly velocity: {
                    readonly total: number;
                    readonly byType: {
                      readonly feature: number;
                      readonly defect: number;
                      readonly risk: number;
                      readonly debt: number;
                    };
                  };
                  readonly flowTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly leadTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly efficiency: number | null;
                  readonly load: {
                    readonly average: number | null;
                    readonly atEnd: number;
                  };
                  readonly distribution: {
                    readonly feature: number | null;
                    readonly defect: number | null;
                    readonly risk: number | null;
                    readonly debt: number | null;
                  };
                  /** @description Σ time in stage / Σ lead time over the completed items; `unmapped` only when present. */
                  readonly stages: {
                    readonly ideate: number | null;
                    readonly create: number | null;
                    readonly release: number | null;
                    readonly operate: number | null;
                    readonly unmapped?: number | null;
                  };
                };
                readonly after: {
                  readonly velocity: {
                    readonly total: number;
                    readonly byType: {
                      readonly feature: number;
                      readonly defect: number;
                      readonly risk: number;
                      readonly debt: number;
                    };
                  };
                  readonly flowTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly leadTime: {
                    readonly median: number | null;
                    readonly p85: number | null;
                    readonly count: number;
                  };
                  readonly efficiency: number | null;
                  readonly load: {
                    readonly average: number | null;
                    readonly atEnd: number;
                  };
                  readonly distribution: {
                    readonly feature: number | null;
                    readonly defect: number | null;
                    readonly risk: number | null;
                    readonly debt: number | null;
                  };
                  /** @description Σ time in stage / Σ lead time over the completed items; `unmapped` only when present. */
                  readonly stages: {
                    readonly ideate: number | null;
                    readonly create: number | null;
                    readonly release: number | null;
                    readonly operate: number | null;
                    readonly unmapped?: number | null;
                  };
                };
              };
              readonly unmappedItems: {
                readonly before: number;
                readonly after: number;
              };
              readonly productionDeployments: {
                readonly before: number;
                readonly after: number;
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/{source}/overrides/{team}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    /** Remove a team’s override of a source’s mapping (as a new version) */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
          readonly team: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The version saved, and the recomputation it started. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description false when the mapping was already exactly this. */
              readonly saved: boolean;
              /** @description A saved version of a mapping: who, when, what changed. */
              readonly version: {
                readonly source: string;
                readonly team: string | null;
                readonly version: number;
                /** Format: date-time */
                readonly savedAt: string;
                readonly savedBy: string;
                readonly note: string | null;
                readonly removed: boolean;
                readonly restoredFrom: number | null;
                readonly changes: readonly {
                  /** @enum {string} */
                  readonly kind: 'status' | 'type' | 'environment';
                  readonly raw: string;
                  readonly before:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                  readonly after:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                }[];
                readonly summary: string;
                readonly mapping: {
                  readonly statuses: {
                    readonly [key: string]: {
                      readonly stage: string;
                      readonly state: string;
                    };
                  };
                  readonly types: {
                    readonly [key: string]: string;
                  };
                  readonly environments: {
                    readonly [key: string]: string;
                  } | null;
                } | null;
                readonly current: boolean;
              } | null;
              readonly changes: readonly {
                /** @enum {string} */
                readonly kind: 'status' | 'type' | 'environment';
                readonly raw: string;
                readonly before:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
                readonly after:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
              }[];
              /** @description A recomputation of facts after a mapping change: the metrics use the new mapping once it is done. */
              readonly job: {
                readonly id: number;
                readonly source: string;
                readonly team: string | null;
                readonly reason: string;
                /** @enum {string} */
                readonly state: 'queued' | 'running' | 'done' | 'failed';
                readonly done: number;
                readonly total: number | null;
                /** Format: date-time */
                readonly queuedAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly finishedAt: string | null;
                readonly error: string | null;
              } | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/{source}/versions': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Every version of a source’s mapping (or of a team’s override), newest first */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description A team’s override of the source’s mapping. */
          readonly team?: string;
        };
        readonly header?: never;
        readonly path: {
          /** @description The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly versions: readonly {
                readonly source: string;
                readonly team: string | null;
                readonly version: number;
                /** Format: date-time */
                readonly savedAt: string;
                readonly savedBy: string;
                readonly note: string | null;
                readonly removed: boolean;
                readonly restoredFrom: number | null;
                readonly changes: readonly {
                  /** @enum {string} */
                  readonly kind: 'status' | 'type' | 'environment';
                  readonly raw: string;
                  readonly before:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                  readonly after:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                }[];
                readonly summary: string;
                readonly mapping: {
                  readonly statuses: {
                    readonly [key: string]: {
                      readonly stage: string;
                      readonly state: string;
                    };
                  };
                  readonly types: {
                    readonly [key: string]: string;
                  };
                  readonly environments: {
                    readonly [key: string]: string;
                  } | null;
                } | null;
                readonly current: boolean;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/mappings/{source}/versions/{version}/restore': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Restore a version of a mapping (saved again as a new version) */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path: {
          /** @description The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`. */
          readonly source: string;
          readonly version: number;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description Save a team’s override instead of the source’s mapping. */
            readonly team?: string;
            /** @description Why (kept with the version). */
            readonly note?: string;
          };
        };
      };
      readonly responses: {
        /** @description The version saved, and the recomputation it started. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description false when the mapping was already exactly this. */
              readonly saved: boolean;
              /** @description A saved version of a mapping: who, when, what changed. */
              readonly version: {
                readonly source: string;
                readonly team: string | null;
                readonly version: number;
                /** Format: date-time */
                readonly savedAt: string;
                readonly savedBy: string;
                readonly note: string | null;
                readonly removed: boolean;
                readonly restoredFrom: number | null;
                readonly changes: readonly {
                  /** @enum {string} */
                  readonly kind: 'status' | 'type' | 'environment';
                  readonly raw: string;
                  readonly before:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                  readonly after:
                    | (never | null)
                    | string
                    | {
                        readonly stage: string;
                        readonly state: string;
                      };
                }[];
                readonly summary: string;
                readonly mapping: {
                  readonly statuses: {
                    readonly [key: string]: {
                      readonly stage: string;
                      readonly state: string;
                    };
                  };
                  readonly types: {
                    readonly [key: string]: string;
                  };
                  readonly environments: {
                    readonly [key: string]: string;
                  } | null;
                } | null;
                readonly current: boolean;
              } | null;
              readonly changes: readonly {
                /** @enum {string} */
                readonly kind: 'status' | 'type' | 'environment';
                readonly raw: string;
                readonly before:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
                readonly after:
                  | (never | null)
                  | string
                  | {
                      readonly stage: string;
                      readonly state: string;
                    };
              }[];
              /** @description A recomputation of facts after a mapping change: the metrics use the new mapping once it is done. */
              readonly job: {
                readonly id: number;
                readonly source: string;
                readonly team: string | null;
                readonly reason: string;
                /** @enum {string} */
                readonly state: 'queued' | 'running' | 'done' | 'failed';
                readonly done: number;
                readonly total: number | null;
                /** Format: date-time */
                readonly queuedAt: string;
                /** Format: date-time */
                readonly startedAt: string | null;
                /** Format: date-time */
                readonly finishedAt: string | null;
                readonly error: string | null;
              } | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/forecast/when': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * When will N items be done? (Monte Carlo)
     * @description 10,000 trials (by default) sampling the scope's daily throughput over the history window. A trial's answer is the first day at whose end it reaches `items`; the p-th percentile is the date by which p % of trials are done. Deterministic for a seed. As `flowlens forecast when --json`.
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description The first day forecast, YYYY-MM-DD (UTC); default today. */
          readonly from?: string;
          /** @description Days of history sampled: the whole UTC days before `from`. */
          readonly historyDays?: number;
          /** @description History days that are not representative: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated. */
          readonly exclude?: string;
          /** @description Seed of the random draws. */
          readonly seed?: number;
          /** @description Number of trials. */
          readonly trials?: number;
          /** @description How many items. */
          readonly items: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description When will N items be done? */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly question: 'when';
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly items: number;
              /** Format: date */
              readonly from: string;
              /** @description Per percentile, the date by which that share of trials is done (null: not within 10 years). */
              readonly percentiles: {
                readonly 50: string | null;
                readonly 70: string | null;
                readonly 85: string | null;
                readonly 95: string | null;
              };
              /** @description Trials done on each date. */
              readonly histogram: readonly {
                /** Format: date */
                readonly date: string;
                readonly trials: number;
              }[];
              readonly notDone: number;
              readonly trials: number;
              readonly seed: number;
              /** @description The history window sampled: its first and last day, the days excluded, and the items completed. */
              readonly history: {
                /** Format: date */
                readonly from: string;
                /** Format: date */
                readonly to: string;
                readonly days: number;
                readonly excludedDays: readonly string[];
                readonly sampledDays: number;
                readonly completed: number;
                readonly perDay: number;
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/forecast/how-many': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * How many items will be done by a date? (Monte Carlo)
     * @description 10,000 trials (by default) sampling the scope's daily throughput over the history window, from `from` to the end of `by`; the p-th percentile is the count that p % of trials reach or exceed. Deterministic for a seed. As `flowlens forecast how-many --json`.
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description The first day forecast, YYYY-MM-DD (UTC); default today. */
          readonly from?: string;
          /** @description Days of history sampled: the whole UTC days before `from`. */
          readonly historyDays?: number;
          /** @description History days that are not representative: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated. */
          readonly exclude?: string;
          /** @description Seed of the random draws. */
          readonly seed?: number;
          /** @description Number of trials. */
          readonly trials?: number;
          /** @description The last day forecast, YYYY-MM-DD (UTC), counted to its end. */
          readonly by: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description How many items will be done by a date? */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly question: 'how-many';
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** Format: date */
              readonly from: string;
              /** Format: date */
              readonly by: string;
              readonly days: number;
              /** @description Per percentile, the count that share of trials reaches or exceeds by the end of `by`. */
              readonly percentiles: {
                readonly 50: number;
                readonly 70: number;
                readonly 85: number;
                readonly 95: number;
              };
              /** @description Trials ending at each count. */
              readonly histogram: readonly {
                readonly count: number;
                readonly trials: number;
              }[];
              readonly trials: number;
              readonly seed: number;
              /** @description The history window sampled: its first and last day, the days excluded, and the items completed. */
              readonly history: {
                /** Format: date */
                readonly from: string;
                /** Format: date */
                readonly to: string;
                readonly days: number;
                readonly excludedDays: readonly string[];
                readonly sampledDays: number;
                readonly completed: number;
                readonly perDay: number;
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/metrics/predictability': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Flow predictability: planned against delivered per sprint
     * @description The sprints (or planning intervals) of the scope's teams that close in [from, to) — closed, or planned to end when not closed — each with the items planned at its start, added, removed and delivered, the ratio delivered ÷ planned, and the mean and median ratio across them with how many are within the 80–100 % band. Sprints come from sources that have them (the `sprint` record, the Jira connector); none: an empty list. As `flowlens predictability --json`.
     */
    readonly get: {
      readonly parameters: {
        readonly query: {
          /**
           * @description Start of the period, included: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-01-06
           */
          readonly from: string;
          /**
           * @description End of the period, excluded: YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset.
           * @example 2025-04-07
           */
          readonly to: string;
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Flow predictability: planned against delivered per sprint. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The period [from, to), in UTC. */
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                /** @description The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it is not the default (UTC, weeks from Monday). */
                readonly calendar?: {
                  readonly timeZone: string;
                  /** @enum {string} */
                  readonly weekStart: 'monday' | 'sunday' | 'saturday';
                };
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** @description The band of ratios called predictable: 0.8 to 1 (80 % to 100 % of the plan delivered). */
              readonly band: {
                readonly low: number;
                readonly high: number;
              };
              /** @description Sprints that close in the period, by close. */
              readonly sprints: readonly {
                readonly source: string;
                readonly id: string;
                readonly name: string;
                /** @description The sprint’s team, or the team most of its items belong to. */
                readonly team: string | null;
                /** @description future, active or closed, as the source says. */
                readonly state: string | null;
                /** Format: date-time */
                readonly start: string;
                /**
                 * Format: date-time
                 * @description The planned end.
                 */
                readonly end: string;
                /** Format: date-time */
                readonly completedAt: string | null;
                /**
                 * Format: date-time
                 * @description When the sprint is measured: completedAt, else end.
                 */
                readonly closedAt: string;
                readonly goal: string | null;
                /** @description Items in the sprint at its start, not already complete. */
                readonly planned: number;
                /** @description Items that joined after the start (scope added). */
                readonly added: number;
                /** @description Planned or added items taken out before the close. */
                readonly removed: number;
                /** @description Planned items complete by the close and not removed. */
                readonly delivered: number;
                /** @description Delivered plus added items completed in the sprint. */
                readonly completed: number;
                /** @description Planned items neither delivered nor removed. */
                readonly notDelivered: number;
                /** @description Items already complete at the start (not planned). */
                readonly doneBeforeStart: number;
                /** @description Members left out: containers, or items not imported. */
                readonly excluded: number;
                /** @description delivered ÷ planned; null when nothing was planned. */
                readonly ratio: number | null;
                /** @description completed ÷ planned; null when nothing was planned. */
                readonly completionRatio: number | null;
              }[];
              /** @description Across the sprints: the ratios’ mean, median and range, and how many are in the band. */
              readonly summary: {
                readonly sprints: number;
                /** @description Sprints with something planned (a ratio). */
                readonly measured: number;
                readonly meanRatio: number | null;
                readonly medianRatio: number | null;
                readonly minRatio: number | null;
                readonly maxRatio: number | null;
                /** @description Measured sprints whose ratio is within the band. */
                readonly inBand: number;
                /** @description The band of ratios called predictable: 0.8 to 1 (80 % to 100 % of the plan delivered). */
                readonly band: {
                  readonly low: number;
                  readonly high: number;
                };
                readonly planned: number;
                readonly delivered: number;
                readonly added: number;
                readonly removed: number;
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/annotations': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The annotations shown on a scope’s charts
     * @description The annotations of the scope and of the scopes inside it (a team’s are shown on its value stream’s and portfolio’s charts too), by date; within [from, to) when given.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description Only from this date (YYYY-MM-DD or ISO 8601). */
          readonly from?: string;
          /** @description Only before this date (YYYY-MM-DD or ISO 8601). */
          readonly to?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly annotations: readonly {
                readonly id: number;
                /** @description The scope asked for: {} for the whole organisation. */
                readonly scope: {
                  readonly team?: string;
                  readonly valueStream?: string;
                  readonly portfolio?: string;
                };
                /** Format: date-time */
                readonly at: string;
                readonly title: string;
                readonly description: string | null;
                /** Format: date-time */
                readonly createdAt: string;
                readonly createdBy: string;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    /**
     * Add an annotation
     * @description A dated note on a scope ({} for the whole organisation; for a principal restricted to a value stream, that value stream). It is recorded as added by the signed-in user or token.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly scope?: {
              /** @description Only this team (at most one of team, valueStream and portfolio). */
              readonly team?: string;
              /** @description Only this value stream's teams. */
              readonly valueStream?: string;
              /** @description Alias of valueStream, as the command line spells it. */
              readonly 'value-stream'?: string;
              /** @description Only this portfolio's value streams. */
              readonly portfolio?: string;
            };
            /** @description When it happened: YYYY-MM-DD (00:00 UTC) or ISO 8601 with an offset. */
            readonly at: string;
            readonly title: string;
            readonly description?: string | null;
          };
        };
      };
      readonly responses: {
        /** @description A dated note on a scope. */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: number;
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              /** Format: date-time */
              readonly at: string;
              readonly title: string;
              readonly description: string | null;
              /** Format: date-time */
              readonly createdAt: string;
              readonly createdBy: string;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/annotations/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    /** Remove an annotation */
    readonly delete: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          readonly id: number;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly removed: boolean;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/annotations/{id}/impact': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The impact of an annotation
     * @description Flow time (median, 85th percentile), efficiency, velocity, change failure rate and defect share of the annotation’s scope in `windowDays` days before its date and as many from it, each change with a 95 % bootstrap interval and a verdict: better or worse only when the whole interval is on one side, "too little data" under 20 items (10 deployments) in a window.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          readonly windowDays?: number;
          readonly seed?: number;
        };
        readonly header?: never;
        readonly path: {
          readonly id: number;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The same metrics before and after the annotation, with 95 % bootstrap intervals of the changes. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description A dated note on a scope. */
              readonly annotation: {
                readonly id: number;
                /** @description The scope asked for: {} for the whole organisation. */
                readonly scope: {
                  readonly team?: string;
                  readonly valueStream?: string;
                  readonly portfolio?: string;
                };
                /** Format: date-time */
                readonly at: string;
                readonly title: string;
                readonly description: string | null;
                /** Format: date-time */
                readonly createdAt: string;
                readonly createdBy: string;
              };
              readonly before: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
              };
              readonly after: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
              };
              readonly windowDays: number;
              readonly seed: number;
              readonly impact: {
                readonly metrics: {
                  readonly flowTimeP50: {
                    readonly before: number | null;
                    readonly after: number | null;
                    readonly change: number | null;
                    readonly interval: [number, number] | null;
                    /** @enum {string} */
                    readonly better: 'lower' | 'higher';
                    /** @enum {string} */
                    readonly verdict: 'better' | 'worse' | 'no clear change' | 'too little data';
                  };
                  readonly flowTimeP85: {
                    readonly before: number | null;
                    readonly after: number | null;
                    readonly change: number | null;
                    readonly interval: [number, number] | null;
                    /** @enum {string} */
                    readonly better: 'lower' | 'higher';
                    /** @enum {string} */
                    readonly verdict: 'better' | 'worse' | 'no clear change' | 'too little data';
                  };
                  readonly efficiency: {
                    readonly before: number | null;
                    readonly after: number | null;
                    readonly change: number | null;
                    readonly interval: [number, number] | null;
                    /** @enum {string} */
                    readonly better: 'lower' | 'higher';
                    /** @enum {string} */
                    readonly verdict: 'better' | 'worse' | 'no clear change' | 'too little data';
                  };
                  readonly velocityPerWeek: {
                    readonly before: number | null;
                    readonly after: number | null;
                    readonly change: number | null;
                    readonly interval: [number, number] | null;
                    /** @enum {string} */
                    readonly better: 'lower' | 'higher';
                    /** @enum {string} */
                    readonly verdict: 'better' | 'worse' | 'no clear change' | 'too little data';
                  };
                  readonly changeFailureRate: {
                    readonly before: number | null;
                    readonly after: number | null;
                    readonly change: number | null;
                    readonly interval: [number, number] | null;
                    /** @enum {string} */
                    readonly better: 'lower' | 'higher';
                    /** @enum {string} */
                    readonly verdict: 'better' | 'worse' | 'no clear change' | 'too little data';
                  };
                  readonly defectShare: {
                    readonly before: number | null;
                    readonly after: number | null;
                    readonly change: number | null;
                    readonly interval: [number, number] | null;
                    /** @enum {string} */
                    readonly better: 'lower' | 'higher';
                    /** @enum {string} */
                    readonly verdict: 'better' | 'worse' | 'no clear change' | 'too little data';
                  };
                };
                readonly counts: {
                  readonly before: {
                    readonly items: number;
                    readonly deployments: number;
                    readonly days: number;
                  };
                  readonly after: {
                    readonly items: number;
                    readonly deployments: number;
                    readonly days: number;
                  };
                };
                /** @description Plain-language sentences: what changed, or why nothing can be said. */
                readonly summary: readonly string[];
              };
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/insights': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Insights for a scope
     * @description The rules of docs/insights.md over the period ending at `to` (default: tomorrow, UTC) and the equal periods before it: a new bottleneck, load above its usual range, items aging past the 85th percentile, distribution drifting from the allocation target, a DORA tier drop, a data-quality regression. Each with its numbers, the chart that shows them and an action.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
          /** @description Only this value stream's teams. */
          readonly valueStream?: string;
          /** @description Alias of valueStream, as the command line spells it. */
          readonly 'value-stream'?: string;
          /** @description Only this portfolio's value streams. */
          readonly portfolio?: string;
          /** @description End of the period (exclusive). */
          readonly to?: string;
          readonly periodDays?: number;
          readonly baselinePeriods?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Findings for the scope, each with its evidence and a recommended action, most severe first. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
              };
              readonly baseline: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
                readonly periods: number;
              };
              /** @description Shares that add up to 1. */
              readonly target: {
                readonly feature: number;
                readonly defect: number;
                readonly debtAndRisk: number;
              } | null;
              readonly insights: readonly {
                /** @enum {string} */
                readonly rule:
                  | 'new-bottleneck'
                  | 'load-above-range'
                  | 'aging-items'
                  | 'distribution-drift'
                  | 'dora-tier-drop'
                  | 'data-quality-regression';
                /** @enum {string} */
                readonly severity: 'high' | 'medium' | 'low';
                readonly title: string;
                readonly explanation: string;
                readonly evidence: {
                  readonly numbers: {
                    readonly [key: string]: number | string | (never | null);
                  };
                  /** @description The web UI path of the chart that shows it. */
                  readonly chart: string;
                };
                readonly action: string;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/teams/{team}/allocation-target': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    /**
     * Set a team's capacity-allocation target
     * @description Shares of features, defects, and debt and risk together, adding up to 1 (e.g. 0.6, 0.2, 0.2).
     */
    readonly put: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          readonly team: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly feature: number;
            readonly defect: number;
            readonly debtAndRisk: number;
          };
        };
      };
      readonly responses: {
        /** @description Shares that add up to 1. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly feature: number;
              readonly defect: number;
              readonly debtAndRisk: number;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/audit': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Audit trail entries, newest first
     * @description Every change (edits, mapping versions, settings, import batches, annotations, logins, tokens), newest first, `limit` at a time; pass `nextBeforeSeq` as `before` for the next page. Admin only.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this kind: team, role, mapping, settings, import, annotation, user, token… */
          readonly kind?: string;
          /** @description Only this actor. */
          readonly actor?: string;
          /** @description Only this action. */
          readonly action?: string;
          /** @description Only this target. */
          readonly target?: string;
          /** @description Entries at or after: YYYY-MM-DD or an ISO 8601 timestamp with offset. */
          readonly from?: string;
          /** @description Entries before: YYYY-MM-DD or an ISO 8601 timestamp with offset. */
          readonly to?: string;
          readonly limit?: number;
          /** @description Only entries with a smaller seq (paging). */
          readonly before?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly entries: readonly {
                /** @description Position in the chain: 1, 2, 3… without gaps. */
                readonly seq: number;
                /** Format: date-time */
                readonly at: string;
                /** @description The same instant in epoch milliseconds (it is what is hashed). */
                readonly atMs: number;
                /** @description Who: a user, `token:<name>`, `local`, `sync:<source>`, `webhook:<provider>`. */
                readonly actor: string;
                /** @description `<kind>.<verb>`: `team.create`, `mapping.save-mapping`, `import.batch`, `login`… */
                readonly action: string;
                readonly kind: string;
                readonly target: string;
                readonly summary: string;
                /** @description The changed thing before the change (JSON), or null. */
                readonly before: unknown;
                /** @description The changed thing after the change (JSON), or null. */
                readonly after: unknown;
                /** @description SHA-256, lowercase hex. */
                readonly prevHash: string;
                /** @description SHA-256, lowercase hex. */
                readonly hash: string;
              }[];
              /** @description The `before` of the next page; null on the last. */
              readonly nextBeforeSeq: number | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/audit/verify': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Verify the audit trail
     * @description Recomputes every entry’s hash and link. `ok: false` names the first broken entry: a hash mismatch means it was edited, a broken link or a gap that entries were deleted or inserted. Given `expectHead` (a `seq:hash` recorded earlier), also checks that the chain still contains it, which detects entries removed from the end. Admin only.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description A head recorded earlier: `<seq>:<sha-256 hex>`. */
          readonly expectHead?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The verification of the whole chain. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description The chain is intact (and contains the expected head, when given). */
              readonly ok: boolean;
              readonly entries: number;
              /** @description Entries found intact from the first on. */
              readonly checked: number;
              /** @description The last intact entry: record it elsewhere, pass it later as expectHead. */
              readonly head: {
                readonly seq: number;
                /** @description SHA-256, lowercase hex. */
                readonly hash: string;
              } | null;
              /** @description The first entry that breaks the chain, or null. */
              readonly broken: {
                readonly seq: number;
                /** @enum {string} */
                readonly reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap';
                readonly message: string;
              } | null;
              /** @description The check of expectHead, or null when none was given. */
              readonly anchor: {
                readonly seq: number;
                /** @description SHA-256, lowercase hex. */
                readonly hash: string;
                readonly ok: boolean;
                readonly problem: string | null;
              } | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/settings/calendar': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The organisation's calendar
     * @description The time zone and week start the daily, weekly and monthly buckets of the metrics follow (docs/metrics.md §1).
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description The calendar the metrics follow: days start at 00:00 in the time zone, weeks on the week start, months on the 1st. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description An IANA time zone name (`Europe/Berlin`), or `UTC` (the default). */
              readonly timeZone: string;
              /**
               * @description The first day of a week (default `monday`).
               * @enum {string}
               */
              readonly weekStart: 'monday' | 'sunday' | 'saturday';
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    /**
     * Change the organisation's calendar
     * @description Sets the time zone and/or the week start (those given; the other keeps its value). An unknown zone is refused with 400 naming it. The change is audited and applies to the next answers of the metrics.
     */
    readonly put: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description Who makes the change, as the audit trail and the mapping versions record it (default "local"). */
          readonly 'x-flowlens-actor'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @description An IANA time zone name (`Europe/Berlin`), or `UTC` (the default). */
            readonly timeZone?: string;
            /** @description The first day of a week: `monday`, `sunday` or `saturday`. */
            readonly weekStart?: string;
          };
        };
      };
      readonly responses: {
        /** @description The calendar the metrics follow: days start at 00:00 in the time zone, weeks on the week start, months on the 1st. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @description An IANA time zone name (`Europe/Berlin`), or `UTC` (the default). */
              readonly timeZone: string;
              /**
               * @description The first day of a week (default `monday`).
               * @enum {string}
               */
              readonly weekStart: 'monday' | 'sunday' | 'saturday';
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/webhooks/deliveries': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Kept webhook deliveries
     * @description The webhook deliveries received, newest first, with how each was handled and why. Quarantined (an unexpected shape) and rejected (not JSON) ones keep their payload and can be replayed. Admin only.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this status. */
          readonly status?: 'stored' | 'deleted' | 'ignored' | 'quarantined' | 'rejected';
          /** @description Only this tool. */
          readonly provider?: 'github' | 'gitlab' | 'jira';
          readonly limit?: number;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly deliveries: readonly {
                /** @enum {string} */
                readonly provider: 'github' | 'gitlab' | 'jira';
                readonly deliveryId: string;
                readonly event: string;
                /**
                 * Format: date-time
                 * @description Received, or last replayed.
                 */
                readonly receivedAt: string;
                /** @enum {string} */
                readonly status: 'stored' | 'deleted' | 'ignored' | 'quarantined' | 'rejected';
                readonly records: number;
                readonly reason: string | null;
                /** @description Size of the kept payload; null when none is kept (only set-aside deliveries keep one). */
                readonly payloadBytes: number | null;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description The database cannot take the change now (locked, disk full, unreachable; code SERVICE_UNAVAILABLE); nothing was changed: retry after the seconds in the Retry-After header. */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/webhooks/deliveries/{id}/replay': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Replay a quarantined or rejected webhook delivery
     * @description Runs the kept payload again through the current mapping and the importer, as a live delivery: the records, the delivery’s row and an audit entry commit together; a payload still unreadable stays quarantined with today’s reason. A delivery handled already is a 409. Admin only.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: {
          /** @description The tool, when the same id was received from two. */
          readonly provider?: 'github' | 'gitlab' | 'jira';
        };
        readonly header?: never;
        readonly path: {
          readonly id: string;
        };
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description What the replay did; the delivery’s row now says the same. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly provider: 'github' | 'gitlab' | 'jira';
              readonly deliveryId: string;
              readonly event: string;
              /** @description The status before the replay: quarantined or rejected. */
              readonly before: string;
              /** @enum {string} */
              readonly status: 'stored' | 'deleted' | 'ignored' | 'quarantined' | 'rejected';
              readonly records: number;
              /** @description Records the importer refused (with the import log’s errors). */
              readonly rejected: number;
              readonly reason: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN). */
        readonly 403: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description A tool's API (Jira, GitHub, …) refused or failed the request Flowlens made for it (code BAD_GATEWAY); the message names the tool and what it answered. */
        readonly 502: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description The database cannot take the change now (locked, disk full, unreachable; code SERVICE_UNAVAILABLE); nothing was changed: retry after the seconds in the Retry-After header. */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/improvements': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Improvement items
     * @description The improvement items made from insights, newest first; of one team when given.
     */
    readonly get: {
      readonly parameters: {
        readonly query?: {
          /** @description Only this team (at most one of team, valueStream and portfolio). */
          readonly team?: string;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly improvements: readonly {
                readonly id: number;
                /** @description The work item it is. */
                readonly item: {
                  readonly source: string;
                  readonly id: string;
                  readonly url: string | null;
                };
                readonly team: string;
                /** @enum {string} */
                readonly type: 'debt' | 'risk';
                readonly title: string;
                /** @description The insight as it was when the item was made. */
                readonly insight: {
                  /** @enum {string} */
                  readonly rule:
                    | 'new-bottleneck'
                    | 'load-above-range'
                    | 'aging-items'
                    | 'distribution-drift'
                    | 'dora-tier-drop'
                    | 'data-quality-regression';
                  readonly subject: string | null;
                  /** @enum {string} */
                  readonly severity: 'high' | 'medium' | 'low';
                  readonly title: string;
                  readonly explanation: string;
                  readonly evidence: {
                    readonly numbers: {
                      readonly [key: string]: number | string | (never | null);
                    };
                    readonly chart: string;
                  };
                  readonly action: string;
                };
                /** @description The scope asked for: {} for the whole organisation. */
                readonly scope: {
                  readonly team?: string;
                  readonly valueStream?: string;
                  readonly portfolio?: string;
                };
                readonly period: {
                  /** Format: date-time */
                  readonly from: string;
                  /** Format: date-time */
                  readonly to: string;
                };
                /** Format: date-time */
                readonly createdAt: string;
                readonly createdBy: string;
                /** @description The tracker's issue, when written back. */
                readonly tracker: {
                  readonly source: string;
                  readonly key: string;
                  readonly url: string;
                } | null;
                readonly status: string | null;
              }[];
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    /**
     * Make an improvement item from an insight
     * @description The insight is computed again from the scope and period (as `GET /insights` with the same parameters) and found by its rule and subject; the item (type debt or risk) goes to the scope's team, or to `team`, one of the scope's teams. With `writeBack`, the item is also created in that Jira or GitHub source (flowlens.yaml), with a link back to the evidence; the stored item is then the tracker’s issue, which the next sync updates. One item per insight and period (409 otherwise).
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly scope?: {
              /** @description Only this team (at most one of team, valueStream and portfolio). */
              readonly team?: string;
              /** @description Only this value stream's teams. */
              readonly valueStream?: string;
              /** @description Only this portfolio's value streams. */
              readonly portfolio?: string;
            };
            /** @enum {string} */
            readonly rule:
              | 'new-bottleneck'
              | 'load-above-range'
              | 'aging-items'
              | 'distribution-drift'
              | 'dora-tier-drop'
              | 'data-quality-regression';
            /** @description Which of the rule’s insights: its status, DORA metric or check. */
            readonly subject?: string;
            /** @description End of the period (exclusive), as for GET /insights. */
            readonly to?: string;
            /** @default 28 */
            readonly periodDays?: number;
            /** @default 6 */
            readonly baselinePeriods?: number;
            /** @enum {string} */
            readonly type?: 'debt' | 'risk';
            /** @description The backlog it goes to, when the scope is not a team. */
            readonly team?: string;
            readonly title?: string;
            readonly writeBack?: {
              readonly source: string;
              /** @description The Jira project key (when the source has several). */
              readonly project?: string;
              /** @description The GitHub repository, owner/repo (when the source has several). */
              readonly repo?: string;
            };
          };
        };
      };
      readonly responses: {
        /** @description Default Response */
        readonly 201: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: number;
              /** @description The work item it is. */
              readonly item: {
                readonly source: string;
                readonly id: string;
                readonly url: string | null;
              };
              readonly team: string;
              /** @enum {string} */
              readonly type: 'debt' | 'risk';
              readonly title: string;
              /** @description The insight as it was when the item was made. */
              readonly insight: {
                /** @enum {string} */
                readonly rule:
                  | 'new-bottleneck'
                  | 'load-above-range'
                  | 'aging-items'
                  | 'distribution-drift'
                  | 'dora-tier-drop'
                  | 'data-quality-regression';
                readonly subject: string | null;
                /** @enum {string} */
                readonly severity: 'high' | 'medium' | 'low';
                readonly title: string;
                readonly explanation: string;
                readonly evidence: {
                  readonly numbers: {
                    readonly [key: string]: number | string | (never | null);
                  };
                  readonly chart: string;
                };
                readonly action: string;
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
              };
              /** Format: date-time */
              readonly createdAt: string;
              readonly createdBy: string;
              /** @description The tracker's issue, when written back. */
              readonly tracker: {
                readonly source: string;
                readonly key: string;
                readonly url: string;
              } | null;
              readonly status: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description A tool's API (Jira, GitHub, …) refused or failed the request Flowlens made for it (code BAD_GATEWAY); the message names the tool and what it answered. */
        readonly 502: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/improvements/trackers': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Where improvement items can be written back
     * @description The Jira and GitHub sources of flowlens.yaml, their projects or repositories, and the raw type of each that its mapping counts as debt and as risk (null: none; writing back that type is refused).
     */
    readonly get: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      readonly requestBody?: never;
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly trackers: readonly {
                readonly source: string;
                /** @enum {string} */
                readonly kind: 'jira' | 'github';
                readonly projects: readonly string[];
                readonly repos: readonly string[];
                readonly types: {
                  readonly debt: string | null;
                  readonly risk: string | null;
                };
              }[];
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/improvements/{id}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    /**
     * Move an improvement item to a status
     * @description For items of the `flowlens` source (a status change recorded as a transition); an item written back to a tracker changes there (409).
     */
    readonly patch: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: never;
        readonly path: {
          readonly id: number;
        };
        readonly cookie?: never;
      };
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            /** @enum {string} */
            readonly status: 'open' | 'in progress' | 'done' | 'cancelled';
          };
        };
      };
      readonly responses: {
        /** @description Default Response */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly id: number;
              /** @description The work item it is. */
              readonly item: {
                readonly source: string;
                readonly id: string;
                readonly url: string | null;
              };
              readonly team: string;
              /** @enum {string} */
              readonly type: 'debt' | 'risk';
              readonly title: string;
              /** @description The insight as it was when the item was made. */
              readonly insight: {
                /** @enum {string} */
                readonly rule:
                  | 'new-bottleneck'
                  | 'load-above-range'
                  | 'aging-items'
                  | 'distribution-drift'
                  | 'dora-tier-drop'
                  | 'data-quality-regression';
                readonly subject: string | null;
                /** @enum {string} */
                readonly severity: 'high' | 'medium' | 'low';
                readonly title: string;
                readonly explanation: string;
                readonly evidence: {
                  readonly numbers: {
                    readonly [key: string]: number | string | (never | null);
                  };
                  readonly chart: string;
                };
                readonly action: string;
              };
              /** @description The scope asked for: {} for the whole organisation. */
              readonly scope: {
                readonly team?: string;
                readonly valueStream?: string;
                readonly portfolio?: string;
              };
              readonly period: {
                /** Format: date-time */
                readonly from: string;
                /** Format: date-time */
                readonly to: string;
              };
              /** Format: date-time */
              readonly createdAt: string;
              readonly createdBy: string;
              /** @description The tracker's issue, when written back. */
              readonly tracker: {
                readonly source: string;
                readonly key: string;
                readonly url: string;
              } | null;
              readonly status: string | null;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description Not found (code NOT_FOUND). */
        readonly 404: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description It exists already, or the change clashes with what is there (code CONFLICT); the message says what. */
        readonly 409: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly trace?: never;
  };
  readonly '/api/v1/import': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Import interchange records (NDJSON)
     * @description As `flowlens import`: valid lines are imported and invalid ones listed in the summary. The answer is 200 even when lines were rejected; check `totals.rejected`. With strict=true, a body with any invalid line imports nothing (`files[0].status` is `rejected`). Imports run one at a time; the metrics include the import once it has answered.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: {
          /** @description true: import nothing if the body has any invalid line (as `flowlens import --strict`). */
          readonly strict?: boolean;
        };
        readonly header?: never;
        readonly path?: never;
        readonly cookie?: never;
      };
      /** @description Interchange records (contract.md §1), one JSON object a line (NDJSON). The body is streamed to a temporary file, never held in memory. */
      readonly requestBody: {
        readonly content: {
          readonly 'application/x-ndjson': string;
          readonly 'application/json-seq': string;
          readonly 'text/plain': string;
        };
      };
      readonly responses: {
        /** @description What the import did: the shape of `flowlens import --json`. Rejected lines do not change the status (200): check `totals.rejected` and `files[0].status`. */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly files: readonly {
                /** @description Always `upload.ndjson`: the request body. */
                readonly file: string;
                /** @enum {string} */
                readonly format: 'ndjson' | 'csv';
                /** @enum {string} */
                readonly status: 'imported' | 'rejected' | 'failed';
                readonly records: number;
                readonly recordsThisRun: number;
                /** @description Lines rejected. */
                readonly rejected: number;
                /** @description Per record kind: inserted, updated, unchanged. */
                readonly counts: {
                  readonly [key: string]: {
                    readonly inserted: number;
                    readonly updated: number;
                    readonly unchanged: number;
                  };
                };
                /** @description The first rejected lines (up to 1,000). */
                readonly errors: readonly {
                  readonly file: string;
                  readonly line: number;
                  readonly field: string;
                  readonly message: string;
                }[];
                readonly resumedAfterLine: number | null;
                readonly bytes: number;
                readonly durationMs: number;
                readonly failure?: string;
              }[];
              readonly totals: {
                readonly records: number;
                readonly rejected: number;
                /** @description Per record kind: inserted, updated, unchanged. */
                readonly counts: {
                  readonly [key: string]: {
                    readonly inserted: number;
                    readonly updated: number;
                    readonly unchanged: number;
                  };
                };
              };
              /** @description References to records the database does not have yet (reported, never rejected). */
              readonly unresolved: readonly {
                readonly reference: string;
                readonly missingKind: string;
                readonly records: number;
                readonly missing: number;
                readonly examples: readonly string[];
              }[];
              readonly durationMs: number;
              readonly recordsPerSecond: number;
            };
          };
        };
        /** @description A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description The request body is larger than the server accepts (code PAYLOAD_TOO_LARGE); nothing was imported. */
        readonly 413: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description The request body has a content type this route does not take (code UNSUPPORTED_MEDIA_TYPE). */
        readonly 415: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error (code INTERNAL); the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'NOT_FOUND'
                  | 'CONFLICT'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'UNAUTHENTICATED'
                  | 'FORBIDDEN'
                  | 'RATE_LIMITED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'BAD_GATEWAY'
                  | 'INTERNAL';
                /** @description What is wrong; names the parameter at fault. */
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/webhooks/github': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Receive a GitHub webhook delivery
     * @description A GitHub webhook delivery (content type application/json or application/x-www-form-urlencoded). Issues update work items and their transitions, pull requests changes, deployment statuses, releases and runs of the configured deploy workflow deployments. Secret: the variable named by webhooks.github.secretEnv in flowlens.yaml, else FLOWLENS_WEBHOOK_SECRET_GITHUB. The metrics include a stored delivery when its answer arrives.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description `sha256=` and the HMAC-SHA256 of the raw body with the secret */
          readonly 'x-hub-signature-256'?: string;
          /** @description issues, pull_request, deployment_status, release, workflow_run, ping (others: 204) */
          readonly 'x-github-event'?: string;
          /** @description the delivery id; a repeated id is stored once */
          readonly 'x-github-delivery'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      /** @description The tool's webhook payload, as it sends it. */
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly [key: string]: unknown;
          };
          readonly 'application/x-www-form-urlencoded': {
            readonly [key: string]: unknown;
          };
        };
      };
      readonly responses: {
        /** @description Stored (`status: stored`); a Jira issue deleted at its source, removed from the metrics and kept as a tombstone (`deleted`); or a delivery id received in the last 72 hours (`duplicate: true`). */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly status: 'stored' | 'duplicate' | 'deleted' | 'ignored' | 'quarantined';
              readonly event: string;
              readonly deliveryId?: string;
              readonly records?: number;
              readonly rejected?: number;
              /** @description Per record kind: inserted, updated, unchanged. */
              readonly counts?: {
                readonly [key: string]: {
                  readonly inserted: number;
                  readonly updated: number;
                  readonly unchanged: number;
                };
              };
              readonly duplicate?: boolean;
              readonly reason?: string;
              readonly errors?: readonly {
                readonly kind: string;
                readonly id: string;
                readonly field: string;
                readonly message: string;
              }[];
            };
          };
        };
        /** @description Accepted without storing: an event that changes nothing (`ignored`: a ping, a pending deployment), or a payload of an unexpected shape set aside with its reason (`quarantined`). */
        readonly 202: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly status: 'stored' | 'duplicate' | 'deleted' | 'ignored' | 'quarantined';
              readonly event: string;
              readonly deliveryId?: string;
              readonly records?: number;
              readonly rejected?: number;
              /** @description Per record kind: inserted, updated, unchanged. */
              readonly counts?: {
                readonly [key: string]: {
                  readonly inserted: number;
                  readonly updated: number;
                  readonly unchanged: number;
                };
              };
              readonly duplicate?: boolean;
              readonly reason?: string;
              readonly errors?: readonly {
                readonly kind: string;
                readonly id: string;
                readonly field: string;
                readonly message: string;
              }[];
            };
          };
        };
        /** @description An event type Flowlens does not read (e.g. `star`): not an error; nothing is stored. */
        readonly 204: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description The body is not JSON, or is nested deeper than 256 levels; the delivery is kept as `rejected`. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description The signature or token is missing or wrong; nothing was stored. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description The body is larger than webhooks.maxBodyBytes. */
        readonly 413: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description Not application/json. */
        readonly 415: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error; the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description No secret is configured for this route, or the database or the tool is unavailable (see Retry-After). */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/webhooks/gitlab': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Receive a GitLab webhook delivery
     * @description A GitLab webhook delivery. Issue events update work items (incidents become incidents), merge request events changes, deployment events deployments. Secret: the variable named by webhooks.gitlab.secretEnv in flowlens.yaml, else FLOWLENS_WEBHOOK_SECRET_GITLAB. The metrics include a stored delivery when its answer arrives.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: never;
        readonly header?: {
          /** @description the secret token of the hook */
          readonly 'x-gitlab-token'?: string;
          /** @description Issue Hook, Merge Request Hook, Deployment Hook (others: 204) */
          readonly 'x-gitlab-event'?: string;
          /** @description the delivery id (else X-Gitlab-Event-UUID); a repeated id is stored once */
          readonly 'idempotency-key'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      /** @description The tool's webhook payload, as it sends it. */
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly [key: string]: unknown;
          };
          readonly 'application/x-www-form-urlencoded': {
            readonly [key: string]: unknown;
          };
        };
      };
      readonly responses: {
        /** @description Stored (`status: stored`); a Jira issue deleted at its source, removed from the metrics and kept as a tombstone (`deleted`); or a delivery id received in the last 72 hours (`duplicate: true`). */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly status: 'stored' | 'duplicate' | 'deleted' | 'ignored' | 'quarantined';
              readonly event: string;
              readonly deliveryId?: string;
              readonly records?: number;
              readonly rejected?: number;
              /** @description Per record kind: inserted, updated, unchanged. */
              readonly counts?: {
                readonly [key: string]: {
                  readonly inserted: number;
                  readonly updated: number;
                  readonly unchanged: number;
                };
              };
              readonly duplicate?: boolean;
              readonly reason?: string;
              readonly errors?: readonly {
                readonly kind: string;
                readonly id: string;
                readonly field: string;
                readonly message: string;
              }[];
            };
          };
        };
        /** @description Accepted without storing: an event that changes nothing (`ignored`: a ping, a pending deployment), or a payload of an unexpected shape set aside with its reason (`quarantined`). */
        readonly 202: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly status: 'stored' | 'duplicate' | 'deleted' | 'ignored' | 'quarantined';
              readonly event: string;
              readonly deliveryId?: string;
              readonly records?: number;
              readonly rejected?: number;
              /** @description Per record kind: inserted, updated, unchanged. */
              readonly counts?: {
                readonly [key: string]: {
                  readonly inserted: number;
                  readonly updated: number;
                  readonly unchanged: number;
                };
              };
              readonly duplicate?: boolean;
              readonly reason?: string;
              readonly errors?: readonly {
                readonly kind: string;
                readonly id: string;
                readonly field: string;
                readonly message: string;
              }[];
            };
          };
        };
        /** @description An event type Flowlens does not read (e.g. `star`): not an error; nothing is stored. */
        readonly 204: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description The body is not JSON, or is nested deeper than 256 levels; the delivery is kept as `rejected`. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description The signature or token is missing or wrong; nothing was stored. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description The body is larger than webhooks.maxBodyBytes. */
        readonly 413: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description Not application/json. */
        readonly 415: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error; the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description No secret is configured for this route, or the database or the tool is unavailable (see Retry-After). */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/api/v1/webhooks/jira': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Receive a Jira webhook delivery
     * @description A Jira webhook delivery (jira:issue_created, jira:issue_updated, jira:issue_deleted). The changelog entry becomes a transition with the same id a sync gives it. Jira Data Center, which cannot sign, may send the secret as the `secret` query parameter instead. Secret: the variable named by webhooks.jira.secretEnv in flowlens.yaml, else FLOWLENS_WEBHOOK_SECRET_JIRA. The metrics include a stored delivery when its answer arrives.
     */
    readonly post: {
      readonly parameters: {
        readonly query?: {
          readonly secret?: string;
        };
        readonly header?: {
          /** @description `sha256=` and the HMAC-SHA256 of the raw body with the secret (Jira Cloud) */
          readonly 'x-hub-signature'?: string;
          /** @description the delivery id; a repeated id is stored once */
          readonly 'x-atlassian-webhook-identifier'?: string;
        };
        readonly path?: never;
        readonly cookie?: never;
      };
      /** @description The tool's webhook payload, as it sends it. */
      readonly requestBody: {
        readonly content: {
          readonly 'application/json': {
            readonly [key: string]: unknown;
          };
          readonly 'application/x-www-form-urlencoded': {
            readonly [key: string]: unknown;
          };
        };
      };
      readonly responses: {
        /** @description Stored (`status: stored`); a Jira issue deleted at its source, removed from the metrics and kept as a tombstone (`deleted`); or a delivery id received in the last 72 hours (`duplicate: true`). */
        readonly 200: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly status: 'stored' | 'duplicate' | 'deleted' | 'ignored' | 'quarantined';
              readonly event: string;
              readonly deliveryId?: string;
              readonly records?: number;
              readonly rejected?: number;
              /** @description Per record kind: inserted, updated, unchanged. */
              readonly counts?: {
                readonly [key: string]: {
                  readonly inserted: number;
                  readonly updated: number;
                  readonly unchanged: number;
                };
              };
              readonly duplicate?: boolean;
              readonly reason?: string;
              readonly errors?: readonly {
                readonly kind: string;
                readonly id: string;
                readonly field: string;
                readonly message: string;
              }[];
            };
          };
        };
        /** @description Accepted without storing: an event that changes nothing (`ignored`: a ping, a pending deployment), or a payload of an unexpected shape set aside with its reason (`quarantined`). */
        readonly 202: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              /** @enum {string} */
              readonly status: 'stored' | 'duplicate' | 'deleted' | 'ignored' | 'quarantined';
              readonly event: string;
              readonly deliveryId?: string;
              readonly records?: number;
              readonly rejected?: number;
              /** @description Per record kind: inserted, updated, unchanged. */
              readonly counts?: {
                readonly [key: string]: {
                  readonly inserted: number;
                  readonly updated: number;
                  readonly unchanged: number;
                };
              };
              readonly duplicate?: boolean;
              readonly reason?: string;
              readonly errors?: readonly {
                readonly kind: string;
                readonly id: string;
                readonly field: string;
                readonly message: string;
              }[];
            };
          };
        };
        /** @description An event type Flowlens does not read (e.g. `star`): not an error; nothing is stored. */
        readonly 204: {
          headers: {
            readonly [name: string]: unknown;
          };
          content?: never;
        };
        /** @description The body is not JSON, or is nested deeper than 256 levels; the delivery is kept as `rejected`. */
        readonly 400: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description The signature or token is missing or wrong; nothing was stored. */
        readonly 401: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description The body is larger than webhooks.maxBodyBytes. */
        readonly 413: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description Not application/json. */
        readonly 415: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description An unexpected error; the server log has the details. */
        readonly 500: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
        /** @description No secret is configured for this route, or the database or the tool is unavailable (see Retry-After). */
        readonly 503: {
          headers: {
            readonly [name: string]: unknown;
          };
          content: {
            readonly 'application/json': {
              readonly error: {
                /** @enum {string} */
                readonly code:
                  | 'INVALID_ARGUMENT'
                  | 'UNAUTHORIZED'
                  | 'PAYLOAD_TOO_LARGE'
                  | 'UNSUPPORTED_MEDIA_TYPE'
                  | 'WEBHOOK_NOT_CONFIGURED'
                  | 'SERVICE_UNAVAILABLE'
                  | 'INTERNAL';
                readonly message: string;
              };
            };
          };
        };
      };
    };
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
