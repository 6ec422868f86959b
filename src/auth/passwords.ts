/**
 * Password hashing with scrypt (node:crypto). A hash is one self-describing string,
 * `scrypt$<N>$<r>$<p>$<salt>$<key>` (salt and key in base64url), so the cost can be raised later
 * without invalidating stored hashes: verification reads the parameters from the string. Each
 * password gets its own 16-byte random salt; comparison is constant-time. The cost of new hashes is
 * N = 2^17 unless `FLOWLENS_SCRYPT_N` sets another power of two from 2^14 to 2^20 (the test suite
 * uses 2^14 so that its hundreds of accounts do not each cost 128 MiB and a fifth of a second).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** The default cost of new hashes: N = 2^17, r = 8, p = 1 (OWASP's minimum for scrypt), 128 MiB, ~0.2 s. */
export const SCRYPT_PARAMETERS = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * The lowest N that `FLOWLENS_SCRYPT_N` may set: 2^14 (16 MiB, ~25 ms), the scrypt paper's cost for
 * interactive sign-ins and Node's default; still far from trivial for an attacker with the hashes.
 */
export const MIN_SCRYPT_N = 2 ** 14;
/** The highest N accepted, in `FLOWLENS_SCRYPT_N` and in a stored hash (1 GiB of memory). */
export const MAX_SCRYPT_N = 2 ** 20;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Shortest password accepted for a local account. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (scrypt hashes anything, but a megabyte "password" is an attack). */
export const MAX_PASSWORD_LENGTH = 1024;

interface Parameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The parameters for new hashes: the default, or N from `FLOWLENS_SCRYPT_N` (a power of two from
 * 2^14 to 2^20). Throws, naming the variable and the accepted values, for anything else.
 */
export function scryptParameters(env: NodeJS.ProcessEnv = process.env): Parameters {
  const raw = env.FLOWLENS_SCRYPT_N;
  if (raw === undefined || raw === '') return SCRYPT_PARAMETERS;
  const N = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(N) || N < MIN_SCRYPT_N || N > MAX_SCRYPT_N || (N & (N - 1)) !== 0)
    throw new Error(
      `FLOWLENS_SCRYPT_N is "${raw}": set it to a power of two from ${MIN_SCRYPT_N} (2^14) to ${MAX_SCRYPT_N} (2^20), ` +
        `or unset it for the default ${SCRYPT_PARAMETERS.N} (2^17)`,
    );
  return { ...SCRYPT_PARAMETERS, N };
}

function derive(password: string, salt: Buffer, params: Parameters, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}

/** A new hash string of `password` with a fresh salt, at `params` (by default {@link scryptParameters}). */
export async function hashPassword(
  password: string,
  params: Parameters = scryptParameters(),
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Whether `password` matches `hash`; false (never an error) for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > MAX_SCRYPT_N || r > 32 || p > 16)
    return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || expected.length === 0) return false;
  const key = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

/** A hash of no password anyone knows, verified against when the account does not exist (same timing). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}

/** Why `password` is not acceptable for a new or changed password, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `the password has ${password.length} characters; use at least ${MIN_PASSWORD_LENGTH}`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `the password has ${password.length} characters; use at most ${MAX_PASSWORD_LENGTH}`;
  return null;
}

/** A random password for a new account (printed once): 24 characters of base64url, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
