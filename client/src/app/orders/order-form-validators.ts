import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { todayIso } from './orders-labels';

/** The server's rules for an order, checked as the employer types (the server checks them again). */
export const ORDER_RULES = {
  titleMin: 2,
  titleMax: 80,
  headcountMin: 1,
  headcountMax: 10000,
  wageMax: 100000,
  addressMax: 200,
  descriptionMax: 2000,
  occupationCode: /^\d-\d{2}-\d{2}-\d{2}$/,
} as const;

/** A whole number (the server takes integers only; `type=number` inputs still let "3.5" through). */
export const wholeNumber: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const v = control.value as unknown;
  if (v === null || v === undefined || v === '') return null;
  return Number.isInteger(Number(v)) ? null : { wholeNumber: true };
};

/** Text that is not only spaces and, trimmed, has at least `n` characters (the server trims). */
export function trimmedMinLength(n: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const v = typeof control.value === 'string' ? control.value.trim() : '';
    return v.length >= n ? null : { trimmedMinLength: { n } };
  };
}

interface OrderDates {
  readonly startDate?: string;
  readonly deadline?: string;
  readonly wageMin?: number | string | null;
  readonly wageMax?: number | string | null;
}

const filled = (v: number | string | null | undefined): v is number | string => v !== null && v !== undefined && v !== '';

/** Across fields: the deadline not after the start date (DEADLINE_AFTER_START), min wage ≤ max wage (WAGE_RANGE). */
export const orderCrossFieldRules: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const v = group.value as OrderDates;
  const errors: ValidationErrors = {};
  if (v.startDate && v.deadline && v.deadline > v.startDate) errors['deadlineAfterStart'] = true;
  if (filled(v.wageMin) && filled(v.wageMax) && Number(v.wageMin) > Number(v.wageMax)) errors['wageOrder'] = true;
  return Object.keys(errors).length ? errors : null;
};

/** A deadline already passed is allowed in a draft but cannot be published (DEADLINE_PASSED): a warning, not an error. */
export function deadlinePassed(deadline: string | null | undefined, today = todayIso()): boolean {
  return !!deadline && deadline < today;
}
