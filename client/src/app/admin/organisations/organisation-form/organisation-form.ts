import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import {
  type CreateOrganisationDto,
  ORGANISATION_TYPES,
  type OrganisationDto,
  type OrganisationType,
  type UpdateOrganisationDto,
} from '../../../core/api/api-types';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { I18n } from '../../../core/i18n/i18n';
import { checkCreditCode, normaliseCreditCode } from '../../../shared/credit-code';
import { ReferenceStore } from '../../../shared/reference-store';
import { OrganisationsStore } from '../organisations-store';
import { required } from '../../../shared/form-validators';

const PHONE = /^[0-9+\- ]{5,20}$/;

/** Create an organisation, or edit one (type and credit code are fixed once created). */
@Component({
  selector: 'jbh-organisation-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzCheckboxModule, NzButtonModule, NzAlertModule],
  templateUrl: './organisation-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationForm implements OnInit {
  readonly organisation = input<OrganisationDto | null>(null);
  readonly saved = output<OrganisationDto>();
  readonly cancelled = output();

  private readonly store = inject(OrganisationsStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly divisions = inject(ReferenceStore).divisions;
  protected readonly types = ORGANISATION_TYPES;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly isEdit = computed(() => this.organisation() !== null);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: ['', [required, Validators.minLength(2), Validators.maxLength(120)]],
    type: this.fb.control<OrganisationType | ''>('', required),
    divisionCode: ['', required],
    creditCode: [''],
    contactName: ['', Validators.maxLength(60)],
    contactPhone: ['', Validators.pattern(PHONE)],
    status: this.fb.control<'active' | 'inactive'>('active'),
    overrideCreditCode: [false],
    overrideReason: [''],
  });

  private readonly type = toSignal(this.form.controls.type.valueChanges, { initialValue: this.form.controls.type.value });
  private readonly creditCode = toSignal(this.form.controls.creditCode.valueChanges, { initialValue: '' });
  private readonly override = toSignal(this.form.controls.overrideCreditCode.valueChanges, { initialValue: false });

  protected readonly isEmployer = computed(() => (this.organisation()?.type ?? this.type()) === 'employer');
  protected readonly codeCheck = computed(() => checkCreditCode(this.creditCode()));
  /** Only facilities, stations, schools and providers can be deactivated here (employers go through review). */
  protected readonly canChangeStatus = computed(() => {
    const org = this.organisation();
    return org !== null && org.type !== 'employer' && org.type !== 'bureau';
  });
  protected readonly needsOverride = computed(() => !this.isEdit() && this.isEmployer() && this.codeCheck().kind === 'check_digit');
  protected readonly overrideChecked = this.override;

  ngOnInit(): void {
    const org = this.organisation();
    const c = this.form.controls;
    if (org) {
      this.form.patchValue({
        name: org.name,
        type: org.type,
        divisionCode: org.divisionCode,
        creditCode: org.creditCode ?? '',
        contactName: org.contactName ?? '',
        contactPhone: org.contactPhone ?? '',
        status: org.status === 'inactive' ? 'inactive' : 'active',
      });
      c.type.disable();
      c.creditCode.disable();
    }
    c.creditCode.addValidators((control: AbstractControl<string>): ValidationErrors | null => {
      if (!this.isEmployer() || this.isEdit()) return null;
      if (!control.value) return { required: true };
      return checkCreditCode(control.value).kind === 'format' || checkCreditCode(control.value).kind === 'incomplete'
        ? { format: true }
        : null;
    });
    c.overrideReason.addValidators((control: AbstractControl<string>): ValidationErrors | null =>
      this.needsOverride() && this.form.controls.overrideCreditCode.value && control.value.trim().length < 4 ? { reason: true } : null,
    );
    c.type.valueChanges.subscribe(() => c.creditCode.updateValueAndValidity());
    c.overrideCreditCode.valueChanges.subscribe(() => c.overrideReason.updateValueAndValidity());
  }

  protected tidyCreditCode(): void {
    const control = this.form.controls.creditCode;
    const tidy = normaliseCreditCode(control.value);
    if (tidy !== control.value) control.setValue(tidy);
  }

  protected save(): void {
    this.tidyCreditCode();
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const org = this.organisation();
    this.submitting.set(true);
    this.error.set(null);
    const request = org ? this.store.update(org.id, this.changes(org)) : this.store.create(this.createDto());
    request.subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.saved.emit(result);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  private createDto(): CreateOrganisationDto {
    const v = this.form.getRawValue();
    const dto: CreateOrganisationDto = {
      name: v.name.trim(),
      type: v.type as OrganisationType,
      divisionCode: v.divisionCode,
    };
    if (v.contactName.trim()) dto.contactName = v.contactName.trim();
    if (v.contactPhone.trim()) dto.contactPhone = v.contactPhone.trim();
    if (dto.type === 'employer') {
      dto.creditCode = v.creditCode;
      if (this.needsOverride() && v.overrideCreditCode) {
        dto.overrideCreditCode = true;
        dto.overrideReason = v.overrideReason.trim();
      }
    }
    return dto;
  }

  /** Only what changed, so the audit log records what the admin actually did. */
  private changes(org: OrganisationDto): UpdateOrganisationDto {
    const v = this.form.getRawValue();
    const dto: UpdateOrganisationDto = {};
    if (v.name.trim() !== org.name) dto.name = v.name.trim();
    if (v.divisionCode !== org.divisionCode) dto.divisionCode = v.divisionCode;
    if (v.contactName.trim() !== (org.contactName ?? '')) dto.contactName = v.contactName.trim();
    if (v.contactPhone.trim() !== (org.contactPhone ?? '')) dto.contactPhone = v.contactPhone.trim();
    const currentStatus = org.status === 'inactive' ? 'inactive' : 'active';
    if (this.canChangeStatus() && v.status !== currentStatus) dto.status = v.status;
    return dto;
  }
}
