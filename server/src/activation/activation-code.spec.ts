import { CODE_ALPHABET } from '../common/codes';
import { formatActivationCode, newActivationCode, normaliseActivationCode } from './activation-code';

describe('activation codes', () => {
  it('are 10 characters of the unambiguous alphabet, printed in groups of four', () => {
    for (let i = 0; i < 200; i++) {
      const code = newActivationCode();
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{10}$`));
      expect(formatActivationCode(code)).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    }
  });

  it('are read back whatever the case, spaces and dashes', () => {
    expect(normaliseActivationCode(' abcd-efgh-jk ')).toBe('ABCDEFGHJK');
    expect(normaliseActivationCode('ab cd ef gh jk')).toBe('ABCDEFGHJK');
    expect(normaliseActivationCode('ABCD--EFGH--JK')).toBe('ABCDEFGHJK');
  });

  it('refuse what cannot be a code (wrong length, 0/O/1/I/L)', () => {
    expect(normaliseActivationCode('ABCD-EFGH-J')).toBeNull();
    expect(normaliseActivationCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normaliseActivationCode('ABCD-EFGH-J0')).toBeNull();
    expect(normaliseActivationCode('ABCD-EFGH-JO')).toBeNull();
    expect(normaliseActivationCode('ABCD-EFGH-JL')).toBeNull();
    expect(normaliseActivationCode('')).toBeNull();
  });
});
