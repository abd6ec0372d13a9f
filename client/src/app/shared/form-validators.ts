import { type AbstractControl, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';

/** `Validators.required` as a bound function (passing the static method itself trips `unbound-method`). */
export const required: ValidatorFn = (control: AbstractControl): ValidationErrors | null => Validators.required(control);
