import { generateTemporaryPassword, passwordProblem } from './password-rule';

describe('password rule (mirrors the server)', () => {
  it('needs 8 characters and three kinds', () => {
    expect(passwordProblem('Ab1#')).toBe('too_short');
    expect(passwordProblem('abcdefgh')).toBe('too_simple');
    expect(passwordProblem('abcdefg1')).toBe('too_simple');
    expect(passwordProblem('Abcdefg1')).toBeNull();
    expect(passwordProblem('Demo#2026')).toBeNull();
  });

  it('lets long passphrases use two kinds', () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('Station#2026', 'station')).toBe('contains_username');
  });

  it('generates temporary passwords that pass', () => {
    for (let i = 0; i < 20; i++) expect(passwordProblem(generateTemporaryPassword(), 'someone')).toBeNull();
  });
});
