/**
 * OpenID Connect single sign-on with `openid-client`: the authorization code flow with PKCE (S256),
 * a state and a nonce. `begin` returns the provider's authorization URL and a pending sign-in kept
 * here, keyed by its state, for ten minutes; the browser carries the state in a short-lived cookie
 * as well, so a callback is accepted only in the browser that started it. `finish` exchanges the
 * code (openid-client checks the state, the PKCE verifier, the ID token's signature, issuer,
 * audience, expiry and nonce), then finds or creates the account of the token's issuer and subject
 * and sets its role from the role claim. The provider's metadata is discovered at the first sign-in
 * (and again after a failure), so a provider that is down does not stop the server.
 */
import * as client from 'openid-client';
import { FlowlensError } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { nameTaken } from './account-rows.js';
import { recordAccountEvent } from './audit.js';
import { isLoopback, type OidcSettings } from './oidc-config.js';
import type { Principal, Role } from './principal.js';
import { createUser, updateUser, userPrincipal } from './users.js';

/** How long a started sign-in may take at the provider: 10 minutes. */
export const OIDC_PENDING_MS = 10 * 60_000;
const MAX_PENDING = 10_000;
export const OIDC_STATE_COOKIE = 'flowlens_oidc';

interface Pending {
  readonly verifier: string;
  readonly nonce: string;
  readonly startedAt: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly env: Env,
  ) {}

  private discover(): Promise<client.Configuration> {
    if (this.configuration === undefined) {
      const issuer = new URL(this.settings.issuer);
      const secretEnv = this.settings.clientSecretEnv;
      const secret = secretEnv === undefined ? undefined : this.env[secretEnv];
      if (secretEnv !== undefined && (secret === undefined || secret === ''))
        return Promise.reject(
          new FlowlensError(
            'INVALID_CONFIG',
            `auth.oidc.clientSecretEnv: the environment variable ${secretEnv} is not set; export it with the client secret the provider issued`,
          ),
        );
      const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
      this.configuration = client
        .discovery(
          issuer,
          this.settings.clientId,
          undefined,
          secret === undefined ? client.None() : client.ClientSecretBasic(secret),
          insecure ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
        )
        .catch((error: unknown) => {
          this.configuration = undefined;
          throw new FlowlensError(
            'SOURCE_FAILED',
            `cannot read the OpenID Connect provider's configuration at ${issuer.href}: ${(error as Error).message}; check auth.oidc.issuer in flowlens.yaml`,
            { cause: error },
          );
        });
    }
    return this.configuration;
  }

  /** Starts a sign-in: the URL to send the browser to, and the state to put in its cookie. */
  async begin(now: number = Date.now()): Promise<{ url: string; state: string }> {
    const configuration = await this.discover();
    for (const [state, entry] of this.pending)
      if (entry.startedAt <= now - OIDC_PENDING_MS || this.pending.size >= MAX_PENDING)
        this.pending.delete(state);
      else break;
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    this.pending.set(state, { verifier, nonce, startedAt: now });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Completes a sign-in from the callback's URL (with `code` and `state`) and the state cookie;
   * returns the signed-in user's principal.
   */
  async finish(
    store: Store,
    callbackUrl: URL,
    cookieState: string | undefined,
    now: number = Date.now(),
  ): Promise<Principal> {
    const configuration = await this.discover();
    const error = callbackUrl.searchParams.get('error');
    if (error !== null)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `the identity provider refused the sign-in: ${error}${callbackUrl.searchParams.has('error_description') ? ` (${callbackUrl.searchParams.get('error_description')})` : ''}`,
      );
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (pending === undefined || cookieState !== state || pending.startedAt <= now - OIDC_PENDING_MS)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        'this sign-in was not started in this browser, or it took more than 10 minutes; start it again from the sign-in page',
      );
    // The callback URL as the provider redirected to it: the configured redirect URL's origin and path.
    const current = new URL(this.settings.redirectUrl);
    current.search = callbackUrl.search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
    } catch (cause) {
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `the identity provider's answer was refused: ${(cause as Error).message}`,
        { cause },
      );
    }
    return this.account(store, claims, now);
  }

  /** The role the claims map to, or null (refused) when none does and `defaultRole` is none. */
  roleOf(claims: Record<string, unknown>): Role | null {
    const { roleClaim, roles, defaultRole } = this.settings;
    if (roleClaim !== undefined) {
      const raw = claims[roleClaim];
      const values = new Set(
        (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string'),
      );
      for (const role of ['admin', 'editor', 'viewer'] as const)
        if ((roles[role] ?? []).some((value) => values.has(value))) return role;
    }
    return defaultRole === 'none' ? null : defaultRole;
  }

  private async account(store: Store, claims: Record<string, unknown>, now: number): Promise<Principal> {
    const issuer = String(claims.iss ?? this.settings.issuer);
    const subjectValue = String(claims.sub ?? '');
    const subject = `${issuer} ${subjectValue}`;
    const role = this.roleOf(claims);
    const wanted = [
      claims[this.settings.nameClaim],
      claims.preferred_username,
      claims.email,
      subjectValue,
    ].find((v): v is string => typeof v === 'string' && v !== '');
    const existing = await store.db
      .selectFrom('users')
      .selectAll()
      .where('oidc_subject', '=', subject)
      .executeTakeFirst();
    if (role === null) {
      await recordAccountEvent(store, {
        actor: existing?.name ?? `oidc:${(wanted ?? subjectValue).slice(0, 100)}`,
        action: 'login.failed',
        kind: 'session',
        target: existing?.name ?? (wanted ?? subjectValue).slice(0, 100),
        summary: `single sign-on refused: the ${this.settings.roleClaim ?? 'role'} claim maps to no role and auth.oidc.defaultRole is none`,
      });
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        'your account at the identity provider has no Flowlens role (auth.oidc.roles maps none of its groups); ask an administrator',
      );
    }
    if (existing !== undefined) {
      if (existing.disabled === 1)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `the account "${existing.name}" is disabled; ask an administrator`,
        );
      // With a role claim, the provider decides the role at every sign-in.
      if (this.settings.roleClaim !== undefined && existing.role !== role) {
        await updateUser(store, existing.id, { role }, 'oidc', now);
        return userPrincipal({ ...existing, role });
      }
      return userPrincipal(existing);
    }
    const base = sanitizeName(wanted ?? 'sso-user');
    let name = base;
    for (let n = 2; await nameTaken(store.db, 'users', name); n++) name = `${base.slice(0, 90)}-${n}`;
    const user = await createUser(store, {
      name,
      password: null,
      role,
      oidcSubject: subject,
      actor: 'oidc',
      now,
    });
    return { kind: 'user', id: user.id, name: user.name, role: user.role, valueStream: null };
  }
}

/** A claim made into a valid account name: other characters become `-`. */
function sanitizeName(value: string): string {
  const cleaned = value
    .replace(/[^A-Za-z0-9._@+-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return cleaned === '' ? 'sso-user' : cleaned;
}
