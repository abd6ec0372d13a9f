import { ChangeDetectionStrategy, Component, type OnInit, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { UserDto } from '../../core/api/api-types';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { required } from '../../shared/form-validators';
import type { Permission } from './permissions-api';
import { PermissionsI18n } from './permissions-i18n';
import { PermissionsStore } from './permissions-store';

/** The permissions the server knows, in the order the form lists them. */
export const PERMISSIONS: readonly Permission[] = ['identity.unmask', 'station.head'];

/** Grant or revoke: the whole new set and a reason (kept in the audit log). */
@Component({
  selector: 'jbh-permission-editor',
  imports: [ReactiveFormsModule, NzFormModule, NzCheckboxModule, NzInputModule, NzButtonModule, NzAlertModule],
  template: `
    <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="save()" data-testid="permission-editor">
      @for (p of permissions; track p) {
        <nz-form-item>
          <nz-form-control [nzExtra]="t(helpKey(p))">
            <label nz-checkbox [nzId]="'perm-' + p" [for]="'perm-' + p" [formControlName]="controlName(p)" [attr.data-permission]="p">{{
              t(labelKey(p))
            }}</label>
          </nz-form-control>
        </nz-form-item>
      }
      <nz-form-item>
        <nz-form-label nzFor="perm-reason" nzRequired>{{ t('perm.reason') }}</nz-form-label>
        <nz-form-control [nzErrorTip]="t('perm.reasonRequired')" [nzExtra]="t('perm.reasonHelp')">
          <input nz-input id="perm-reason" formControlName="reason" maxlength="200" autocomplete="off" />
        </nz-form-control>
      </nz-form-item>
      @if (error(); as err) {
        <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" />
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [nzLoading]="saving()" data-testid="save-permissions">
          {{ t('common.save') }}
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionEditor implements OnInit {
  readonly user = input.required<UserDto>();
  readonly saved = output<UserDto>();
  readonly cancelled = output();

  protected readonly i18n = inject(PermissionsI18n);
  protected readonly t = this.i18n.t;
  private readonly store = inject(PermissionsStore);
  protected readonly permissions = PERMISSIONS;
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    unmask: false,
    stationHead: false,
    reason: ['', [required, Validators.minLength(2), Validators.maxLength(200)]],
  });

  ngOnInit(): void {
    const held = this.user().permissions;
    this.form.patchValue({ unmask: held.includes('identity.unmask'), stationHead: held.includes('station.head') });
  }

  protected controlName(p: Permission): 'unmask' | 'stationHead' {
    return p === 'identity.unmask' ? 'unmask' : 'stationHead';
  }

  protected labelKey(p: Permission): 'perm.identity.unmask' | 'perm.station.head' {
    return `perm.${p}`;
  }

  protected helpKey(p: Permission): 'perm.identity.unmask.help' | 'perm.station.head.help' {
    return `perm.${p}.help`;
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.controls.reason.markAsDirty();
      this.form.controls.reason.updateValueAndValidity();
      return;
    }
    const v = this.form.getRawValue();
    const permissions = PERMISSIONS.filter((p) => v[this.controlName(p)]);
    this.saving.set(true);
    this.error.set(null);
    this.store.set(this.user().id, { permissions, reason: v.reason.trim() }).subscribe({
      next: (user) => {
        this.saving.set(false);
        this.saved.emit(user);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
