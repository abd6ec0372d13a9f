import { hash, verify, argon2id } from 'argon2';
import { badRequest } from '../common/domain-error';

/** OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1). */
const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** A hash of a random string: verifying against it costs what a real check costs (no timing oracle for usernames). */
let dummyHash: Promise<string> | undefined;
export const dummyVerify = async (password: string): Promise<void> => {
  dummyHash ??= hashPassword('dummy-password-for-timing-only');
  await verifyPassword(await dummyHash, password);
};

/**
 * The complexity rule: at least 8 characters, three of four kinds (lower case, upper case, digits,
 * symbols), and not containing the username. Long passphrases (16+) need only two kinds.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < (password.length >= 16 ? 2 : 3)) return 'too_simple';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  return null;
}

export function assertPasswordAcceptable(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (!problem) return;
  throw badRequest('WEAK_PASSWORD', { problem });
}
