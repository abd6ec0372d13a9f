import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { chinaDate } from '../../shared/china-date';
import { type CreatePlanActionDto, type PlanActionDto, type PlanDto, PlansApi } from './plans-api';
import { NEED_AREAS, type NeedArea, type NeedCode, PlanI18n, areaKey, needKey, ownerKey } from './plan-i18n';

type Owner = PlanActionDto['owner'];
const OWNERS: readonly Owner[] = ['trainee', 'counsellor', 'station'];

/** Adds a step: from an item of the needs (its fixed title) or in the counsellor's own words. */
@Component({
  selector: 'jbh-action-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzInputModule, NzRadioModule, NzSelectModule],
  template: `
    <form class="plan-form" (ngSubmit)="save()" data-testid="action-form">
      <h3 class="sub-title">{{ t('actions.add') }}</h3>
      <label class="field-label" for="action-area">{{ t('actions.area') }}</label>
      <nz-select
        nzId="action-area"
        name="area"
        class="field"
        [ngModel]="area()"
        (ngModelChange)="setArea($event)"
        data-testid="action-area"
      >
        @for (a of areas; track a) {
          <nz-option [nzValue]="a" [nzLabel]="t(areaKey(a))" />
        }
      </nz-select>
      <span class="field-label" id="action-from">{{ t('actions.from') }}</span>
      <nz-radio-group
        nzButtonStyle="solid"
        class="seg"
        name="from"
        [ngModel]="from()"
        (ngModelChange)="from.set($event)"
        aria-labelledby="action-from"
      >
        <span nz-radio-button nzValue="need" data-testid="action-from-need">{{ t('actions.fromNeed') }}</span>
        <span nz-radio-button nzValue="free" data-testid="action-from-free">{{ t('actions.fromFree') }}</span>
      </nz-radio-group>
      @if (from() === 'need') {
        <label class="field-label" for="action-need">{{ t('actions.needCode') }}</label>
        <nz-select
          nzId="action-need"
          name="needCode"
          class="field"
          [ngModel]="needCode()"
          (ngModelChange)="needCode.set($event)"
          data-testid="action-need"
        >
          @for (c of codes(); track c) {
            <nz-option [nzValue]="c" [nzLabel]="t(needKey(c))" />
          }
        </nz-select>
      } @else {
        <label class="field-label" for="action-title">{{ t('actions.freeTitle') }}</label>
        <input
          nz-input
          id="action-title"
          name="title"
          maxlength="200"
          class="field"
          [ngModel]="title()"
          (ngModelChange)="title.set($event)"
          data-testid="action-title"
        />
      }
      <span class="field-label" id="action-owner">{{ t('actions.owner') }}</span>
      <nz-radio-group
        nzButtonStyle="solid"
        class="seg"
        name="owner"
        [ngModel]="owner()"
        (ngModelChange)="owner.set($event)"
        aria-labelledby="action-owner"
      >
        @for (o of owners; track o) {
          <span nz-radio-button [nzValue]="o" [attr.data-testid]="'action-owner-' + o">{{ t(ownerKey(o)) }}</span>
        }
      </nz-radio-group>
      <label class="field-label" for="action-due">{{ t('actions.dueOn') }}</label>
      <input
        nz-input
        id="action-due"
        type="date"
        name="dueOn"
        class="field date-field"
        [min]="today"
        [ngModel]="dueOn()"
        (ngModelChange)="dueOn.set($event)"
        data-testid="action-due"
      />
      @if (goals().length) {
        <label class="field-label" for="action-goal">{{ t('actions.goal') }}</label>
        <nz-select
          nzId="action-goal"
          name="goal"
          class="field"
          [ngModel]="goalId()"
          (ngModelChange)="goalId.set($event)"
          data-testid="action-goal"
        >
          <nz-option nzValue="" [nzLabel]="t('actions.noGoalOption')" />
          @for (g of goals(); track g.id) {
            <nz-option [nzValue]="g.id" [nzLabel]="pick(g.title, g.titleEn)" />
          }
        </nz-select>
      }
      @if (error(); as err) {
        <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" data-testid="action-error" />
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [disabled]="!ready()" [nzLoading]="busy()" data-testid="action-save">
          {{ t('actions.save') }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './plan.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionForm {
  private readonly api = inject(PlansApi);
  private readonly i18n = inject(PlanI18n);
  readonly traineeId = input.required<string>();
  readonly plan = input.required<PlanDto>();
  readonly added = output<PlanActionDto>();
  readonly cancelled = output<void>();

  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly areaKey = areaKey;
  protected readonly needKey = needKey;
  protected readonly ownerKey = ownerKey;
  protected readonly areas = NEED_AREAS;
  protected readonly owners = OWNERS;
  protected readonly today = chinaDate(new Date());

  protected readonly area = signal<NeedArea>('documents');
  protected readonly from = signal<'need' | 'free'>('need');
  protected readonly needCode = signal<NeedCode | null>(null);
  protected readonly title = signal('');
  protected readonly owner = signal<Owner>('trainee');
  protected readonly dueOn = signal('');
  protected readonly goalId = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly codes = computed(() => this.plan().codes.find((c) => c.area === this.area())?.codes ?? []);
  protected readonly goals = computed(() => this.plan().goals.filter((g) => g.status === 'open'));
  protected readonly ready = computed(() => (this.from() === 'need' ? this.needCode() !== null : this.title().trim().length > 0));

  protected setArea(area: NeedArea): void {
    this.area.set(area);
    this.needCode.set(null);
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected save(): void {
    if (!this.ready()) return;
    const dto: CreatePlanActionDto = {
      area: this.area(),
      owner: this.owner(),
      ...(this.from() === 'need' ? { needCode: this.needCode()! } : { title: this.title().trim() }),
      ...(this.dueOn() ? { dueOn: this.dueOn() } : {}),
      ...(this.goalId() ? { goalId: this.goalId() } : {}),
    };
    this.busy.set(true);
    this.error.set(null);
    this.api.addAction(this.traineeId(), dto).subscribe({
      next: (a) => {
        this.busy.set(false);
        this.added.emit(a);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
