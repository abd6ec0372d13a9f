import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, startWith, switchMap } from 'rxjs';
import { type ApiError, fieldProblems, toApiError } from '../../core/errors/api-error';
import { required } from '../../shared/form-validators';
import { LoadError } from '../../shared/load-error';
import { ReferenceStore } from '../../shared/reference-store';
import { ORDER_RULES, deadlinePassed, orderCrossFieldRules, trimmedMinLength, wholeNumber } from '../order-form-validators';
import { OrdersApi } from '../orders-api';
import { OrdersI18n } from '../orders-i18n';
import { BOARD_AND_LODGING, type BoardAndLodging, type CreateOrderDto, type OccupationDto, type OrderDto } from '../orders-types';

interface OccupationOption {
  readonly code: string;
  readonly name: string;
}

/**
 * `/orders/new` and `/orders/:id/edit`: the employer's order form. Every server rule is checked as they
 * type (lengths, ranges, deadline not after the start date, min wage ≤ max wage); what only the server
 * knows (a code not in the classification, an unverified employer) comes back as its message.
 */
@Component({
  selector: 'jbh-order-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzSpinModule,
    LoadError,
  ],
  templateUrl: './order-form-page.html',
  styleUrl: '../orders.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderFormPage implements OnInit {
  /** The route's `:id` when editing. */
  readonly id = input<string>();

  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly reference = inject(ReferenceStore);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly level = this.i18n.level;
  protected readonly rules = ORDER_RULES;
  protected readonly boards = BOARD_AND_LODGING;
  protected readonly levels = [5, 4, 3, 2, 1] as const;
  protected readonly divisions = this.reference.divisions;

  protected readonly loaded = signal<OrderDto | null>(null);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly occupationOptions = signal<OccupationOption[]>([]);
  protected readonly occupationsLoading = signal(false);
  private readonly occupationTyped = new Subject<string>();

  readonly form = this.fb.group(
    {
      title: ['', [required, trimmedMinLength(ORDER_RULES.titleMin), Validators.maxLength(ORDER_RULES.titleMax)]],
      occupationCode: ['', [required, Validators.pattern(ORDER_RULES.occupationCode)]],
      requiredLevel: this.fb.control<number | null>(null),
      headcount: this.fb.control<number | null>(1, [
        required,
        wholeNumber,
        Validators.min(ORDER_RULES.headcountMin),
        Validators.max(ORDER_RULES.headcountMax),
      ]),
      diplomaWanted: [false],
      divisionCode: ['', required],
      workplaceAddress: ['', Validators.maxLength(ORDER_RULES.addressMax)],
      wageMin: this.fb.control<number | null>(null, [wholeNumber, Validators.min(0), Validators.max(ORDER_RULES.wageMax)]),
      wageMax: this.fb.control<number | null>(null, [wholeNumber, Validators.min(0), Validators.max(ORDER_RULES.wageMax)]),
      boardAndLodging: this.fb.control<BoardAndLodging>('none'),
      startDate: ['', required],
      deadline: ['', required],
      description: ['', Validators.maxLength(ORDER_RULES.descriptionMax)],
    },
    { validators: orderCrossFieldRules },
  );

  private readonly deadline = toSignal(this.form.controls.deadline.valueChanges, { initialValue: '' });
  protected readonly deadlineWarning = computed(() => deadlinePassed(this.deadline()));
  protected readonly editing = computed(() => !!this.id());

  constructor() {
    this.reference.loadDivisions();
    this.occupationTyped
      .pipe(
        debounceTime(250),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) => {
          this.occupationsLoading.set(true);
          return this.api.occupations(q.trim()).pipe(catchError(() => of({ items: [] as OccupationDto[] })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.occupationsLoading.set(false);
        const current = this.loaded();
        const options: OccupationOption[] = page.items.map((o) => ({ code: o.code, name: o.name }));
        // Keep the chosen occupation listed, so the select still shows its name after a new search.
        const chosen = this.form.controls.occupationCode.value;
        if (chosen && !options.some((o) => o.code === chosen)) {
          const known =
            this.occupationOptions().find((o) => o.code === chosen) ??
            (current ? { code: current.occupationCode, name: current.occupationName } : null);
          if (known) options.unshift(known);
        }
        this.occupationOptions.set(options);
      });
  }

  ngOnInit(): void {
    const id = this.id();
    if (id) this.loadOrder(id);
  }

  protected loadOrder(id: string): void {
    this.loadError.set(null);
    this.api.order(id).subscribe({
      next: (o) => {
        this.loaded.set(o);
        this.occupationOptions.update((list) =>
          list.some((x) => x.code === o.occupationCode) ? list : [{ code: o.occupationCode, name: o.occupationName }, ...list],
        );
        this.form.reset({
          title: o.title,
          occupationCode: o.occupationCode,
          requiredLevel: o.requiredLevel,
          headcount: o.headcount,
          diplomaWanted: o.diplomaWanted,
          divisionCode: o.divisionCode,
          workplaceAddress: o.workplaceAddress ?? '',
          wageMin: o.wageMin,
          wageMax: o.wageMax,
          boardAndLodging: o.boardAndLodging,
          startDate: o.startDate,
          deadline: o.deadline,
          description: o.description ?? '',
        });
      },
      error: (err: unknown) => this.loadError.set(toApiError(err)),
    });
  }

  protected searchOccupations(q: string): void {
    this.occupationTyped.next(q);
  }

  protected occupationLabel(o: OccupationOption): string {
    return `${o.name} · ${o.code}`;
  }

  /** The body the server takes: trimmed text, numbers as numbers, empty optional fields left out. */
  toDto(): CreateOrderDto {
    const v = this.form.getRawValue();
    const num = (x: number | string | null) => (x === null || x === '' ? undefined : Number(x));
    const text = (x: string) => (x.trim() ? x.trim() : undefined);
    return {
      title: v.title.trim(),
      occupationCode: v.occupationCode,
      requiredLevel: v.requiredLevel ?? null,
      headcount: Number(v.headcount),
      diplomaWanted: v.diplomaWanted,
      divisionCode: v.divisionCode,
      workplaceAddress: text(v.workplaceAddress),
      wageMin: num(v.wageMin),
      wageMax: num(v.wageMax),
      boardAndLodging: v.boardAndLodging,
      startDate: v.startDate,
      deadline: v.deadline,
      description: text(v.description),
    };
  }

  protected save(): void {
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity();
      }
      this.form.updateValueAndValidity();
      return;
    }
    const dto = this.toDto();
    const id = this.id();
    this.submitting.set(true);
    this.error.set(null);
    (id ? this.api.updateOrder(id, dto) : this.api.createOrder(dto)).subscribe({
      next: (o) => {
        this.submitting.set(false);
        this.message.success(this.t('form.saved'));
        void this.router.navigate(['/orders', o.id]);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    const fields = fieldProblems(error);
    const base = this.i18n.errorMessage(error);
    return fields.length ? `${base}（${fields.map((f) => f.field).join('、')}）` : base;
  }
}
