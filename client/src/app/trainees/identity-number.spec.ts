import { FormControl } from '@angular/forms';
import {
  checkIdentityNumber,
  identityCheckChar,
  identityNumberValidator,
  isValidIdentityNumber,
  looksLikeIdentityNumber,
  normaliseIdentityNumber,
} from './identity-number';

const TODAY = new Date('2026-06-01T00:00:00Z');

describe('identity numbers (GB 11643)', () => {
  it('computes the check character over the first 17 digits', () => {
    // The standard's own example, also in DOMAIN.md.
    expect(identityCheckChar('11010519491231002')).toBe('X');
    expect(identityCheckChar('1101051949123100')).toBeNull();
    expect(identityCheckChar('1101051949123100A')).toBeNull();
  });

  it('accepts a valid number and reads sex and birth date from it', () => {
    expect(checkIdentityNumber('11010519491231002X', TODAY)).toEqual({ kind: 'valid', sex: 'F', birthDate: '1949-12-31' });
    // A lower-case x and spaces, as typed off a card.
    expect(checkIdentityNumber(' 110105 19491231 002x ', TODAY).kind).toBe('valid');
    expect(isValidIdentityNumber('11010519491231002X', TODAY)).toBe(true);
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(checkIdentityNumber('110105194912310021', TODAY)).toEqual({ kind: 'check_digit', expected: 'X' });
  });

  it('tells half-typed, malformed, unknown-region and impossible-date numbers apart', () => {
    expect(checkIdentityNumber('', TODAY)).toEqual({ kind: 'empty' });
    expect(checkIdentityNumber('4601', TODAY)).toEqual({ kind: 'incomplete', length: 4 });
    expect(checkIdentityNumber('46010X', TODAY)).toEqual({ kind: 'format' });
    expect(checkIdentityNumber('4601051990010100AB', TODAY)).toEqual({ kind: 'format' });
    expect(checkIdentityNumber('4601051990010100123', TODAY)).toEqual({ kind: 'format' });
    // 99 is no province; 4600… has no city.
    expect(checkIdentityNumber('990105199001010012', TODAY)).toEqual({ kind: 'region' });
    expect(checkIdentityNumber('460005199001010012', TODAY)).toEqual({ kind: 'region' });
    // 30 February, and a birth date after today.
    expect(checkIdentityNumber('460105199002300012', TODAY)).toEqual({ kind: 'birth_date' });
    expect(checkIdentityNumber('460105202701010012', TODAY)).toEqual({ kind: 'birth_date' });
  });

  it('checks the region and date before the check digit, as the server does', () => {
    const first17 = '46010519900230001';
    expect(checkIdentityNumber(first17 + identityCheckChar(first17)!, TODAY).kind).toBe('birth_date');
  });

  it('is a form validator that leaves empty values to `required`', () => {
    const control = new FormControl('', { nonNullable: true, validators: identityNumberValidator });
    expect(control.errors).toBeNull();
    control.setValue('110105194912310021');
    expect(control.errors).toEqual({ identity: { kind: 'check_digit', expected: 'X' } });
    control.setValue('11010519491231002X');
    expect(control.errors).toBeNull();
  });

  it('recognises a whole number typed into a search box', () => {
    expect(looksLikeIdentityNumber('11010519491231002x')).toBe(true);
    expect(looksLikeIdentityNumber('李明')).toBe(false);
    expect(looksLikeIdentityNumber('4601')).toBe(false);
    expect(normaliseIdentityNumber(' 1101 0519 4912 3100 2x ')).toBe('11010519491231002X');
  });
});
