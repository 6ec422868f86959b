/**
 * The `auth.oidc` section of flowlens.yaml: OpenID Connect single sign-on. The client secret is
 * never in the file: `clientSecretEnv` names the environment variable that holds it (absent: a
 * public client, which PKCE protects). The role of a user comes from a claim (`roleClaim`, e.g.
 * `groups`) through `roles` (which claim values make an admin, an editor, a viewer; the strongest
 * wins), else `defaultRole`; with `defaultRole: none` a user with no mapped value cannot sign in.
 */
import { z } from 'zod';
import { ROLES } from './principal.js';

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'is not an environment variable name (put the secret in the environment, and its name here)',
  );
const url = z.string().refine((value) => {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}, 'is not an http(s) URL');
const claimValues = z.array(z.string().min(1).max(400)).max(100);

export const oidcConfigSchema = z
  .object({
    /** The provider's issuer URL; its `/.well-known/openid-configuration` is read at the first sign-in. */
    issuer: url,
    clientId: z.string().min(1).max(400),
    clientSecretEnv: envName.optional(),
    /** This server's callback: `https://<flowlens>/api/v1/auth/oidc/callback`, registered at the provider. */
    redirectUrl: url,
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'is not a scope'))
      .default(['openid', 'profile', 'email']),
    /** The claim that names the account (default preferred_username, then email, then sub). */
    nameClaim: z.string().min(1).max(100).default('preferred_username'),
    /** The claim holding the user's groups or roles (a string or a list of strings). */
    roleClaim: z.string().min(1).max(100).optional(),
    roles: z
      .object({
        admin: claimValues.optional(),
        editor: claimValues.optional(),
        viewer: claimValues.optional(),
      })
      .strict()
      .default({}),
    /** The role of a user whose claim maps to none; `none` refuses them. */
    defaultRole: z.enum([...ROLES, 'none']).default('viewer'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.scopes.includes('openid'))
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'must include openid' });
    if (config.roleClaim === undefined && Object.keys(config.roles).length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['roleClaim'],
        message: 'roles needs roleClaim: the claim whose values they map',
      });
    const issuer = new URL(config.issuer);
    if (issuer.protocol === 'http:' && !isLoopback(issuer.hostname))
      ctx.addIssue({
        code: 'custom',
        path: ['issuer'],
        message:
          'must be https (plain http is accepted only for a provider on this machine: localhost, 127.0.0.1, ::1)',
      });
  });

/** flowlens.yaml's `auth` section. */
export const authConfigSchema = z.object({ oidc: oidcConfigSchema.optional() }).strict();

export type OidcSettings = z.infer<typeof oidcConfigSchema>;

export function isLoopback(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(hostname);
}
