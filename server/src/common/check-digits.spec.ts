import { creditCodeCheckChar, creditCodeProblem, identityCheckChar, identityNumberProblem, maskIdentityNumber } from './check-digits';

describe('identity numbers (GB 11643)', () => {
  it('accepts the standard example with an X check character', () => {
    expect(identityNumberProblem('11010519491231002X')).toBeNull();
    expect(identityNumberProblem('11010519491231002x')).toBeNull();
  });

  it('names the problem', () => {
    expect(identityNumberProblem('110105194912310021')).toBe('check_digit');
    expect(identityNumberProblem('11010519491231002')).toBe('format');
    expect(identityNumberProblem('99010519491231002X')).toBe('region');
    const feb30 = '46010019900230123';
    expect(identityNumberProblem(feb30 + identityCheckChar(feb30))).toBe('birth_date');
    const future = '46010020990101123';
    expect(identityNumberProblem(future + identityCheckChar(future), new Date('2026-01-01'))).toBe('birth_date');
  });

  it('computes check characters that validate', () => {
    const first17 = '46010019850612345';
    expect(identityNumberProblem(first17 + identityCheckChar(first17))).toBeNull();
  });

  it('masks all but the ends', () => {
    expect(maskIdentityNumber('46010019850612345X')).toBe('**************345X');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts the documented example', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });

  it('refuses a wrong check character and bad letters', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_digit');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('format');
    expect(creditCodeProblem('9135')).toBe('format');
  });

  it('maps a remainder of 0 to check character 0', () => {
    // Search a code whose weighted sum is a multiple of 31: the check must be "0", not index 31.
    for (let n = 0; n < 10000; n++) {
      const first17 = `9146000${String(n).padStart(10, '0')}`;
      if (creditCodeCheckChar(first17) === '0') {
        expect(creditCodeProblem(first17 + '0')).toBeNull();
        return;
      }
    }
    throw new Error('no code with check character 0 found');
  });
});
