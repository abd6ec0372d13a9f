import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { TranslationKey } from '../core/i18n/zh';

export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'contains_username';

/**
 * The server's password rule, checked as the user types: at least 8 characters, three of four kinds
 * (lower, upper, digits, symbols; passphrases of 16+ need two), and not containing the username.
 */
export function passwordProblem(password: string, username?: string | null): PasswordProblem | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < (password.length >= 16 ? 2 : 3)) return 'too_simple';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  return null;
}

export const PASSWORD_PROBLEM_TEXT: Readonly<Record<PasswordProblem, TranslationKey>> = {
  too_short: 'password.tooShort',
  too_long: 'password.tooLong',
  too_simple: 'password.tooSimple',
  contains_username: 'password.containsUsername',
};

/** Validator for a password control; `username` is read lazily so it follows the form. */
export function passwordRuleValidator(username: () => string | null | undefined = () => null): ValidatorFn {
  return (control: AbstractControl<string | null>): ValidationErrors | null => {
    const value = control.value ?? '';
    if (!value) return null;
    const problem = passwordProblem(value, username());
    return problem ? { password: problem } : null;
  };
}

/** A random temporary password that meets the rule (for an admin's reset). */
export function generateTemporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=?@'];
  const random = new Uint32Array(12);
  crypto.getRandomValues(random);
  const chars = [...random].map((n, i) => {
    const set = sets[i % sets.length]!;
    return set.charAt(n % set.length);
  });
  return chars.join('');
}
