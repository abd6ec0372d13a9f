import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password rule', () => {
  it.each([
    ['Demo#2026', null],
    ['short1A', 'too_short'],
    ['alllowercase1', 'too_simple'],
    ['correcthorsebatterystaple', 'too_simple'],
    ['correct horse battery staple 7', null],
    ['Station#2026', 'contains_username'],
  ])('%s → %s', (pw, problem) => {
    expect(passwordProblem(pw, 'station')).toBe(problem);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Demo#2026');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Demo#2026')).toBe(true);
    expect(await verifyPassword(hash, 'demo#2026')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
