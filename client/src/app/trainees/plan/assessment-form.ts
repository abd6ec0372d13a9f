import { ChangeDetectionStrategy, Component, type OnInit, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { PlansApi, type PlanDto } from './plans-api';
import { NEED_AREAS, type NeedArea, type NeedCode, PlanI18n, areaKey, levelKey, needKey, stageKey } from './plan-i18n';

type Level = 'none' | 'some' | 'urgent';
type Stage = 'admission' | 'pre_release' | 'community';

interface AreaDraft {
  readonly area: NeedArea;
  readonly level: Level;
  readonly items: readonly NeedCode[];
  readonly note: string;
}

const LEVELS: readonly Level[] = ['none', 'some', 'urgent'];
const STAGES: readonly Stage[] = ['admission', 'pre_release', 'community'];

/**
 * A new version of the needs assessment: per area a level, the items that apply, and an internal
 * note. It starts from the latest version, so only what changed needs touching.
 */
@Component({
  selector: 'jbh-assessment-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzCheckboxModule, NzIconModule, NzInputModule, NzRadioModule],
  template: `
    <form class="assess-form" (ngSubmit)="save()" data-testid="assessment-form">
      <h3 class="sub-title">{{ t('assess.title') }}</h3>
      <p class="muted">{{ t('assess.intro') }}</p>
      <fieldset class="assess-area">
        <legend class="field-label" id="assess-stage">{{ t('assess.stage') }}</legend>
        <nz-radio-group
          nzButtonStyle="solid"
          class="seg"
          name="stage"
          [ngModel]="stage()"
          (ngModelChange)="stage.set($event)"
          aria-labelledby="assess-stage"
          data-testid="assess-stage"
        >
          @for (s of stages; track s) {
            <span nz-radio-button [nzValue]="s" [attr.data-testid]="'assess-stage-' + s">{{ t(stageKey(s)) }}</span>
          }
        </nz-radio-group>
      </fieldset>
      @for (d of drafts(); track d.area) {
        <fieldset class="assess-area" [attr.data-testid]="'assess-area-' + d.area">
          <legend class="area-legend">{{ t(areaKey(d.area)) }}</legend>
          <nz-radio-group
            nzButtonStyle="solid"
            class="seg"
            [name]="'level-' + d.area"
            [ngModel]="d.level"
            (ngModelChange)="setLevel(d.area, $event)"
            [attr.aria-label]="t('assess.level', { area: t(areaKey(d.area)) })"
          >
            @for (l of levels; track l) {
              <span nz-radio-button [nzValue]="l" [class.urgent]="l === 'urgent'" [attr.data-testid]="'assess-' + d.area + '-' + l">
                {{ t(levelKey(l)) }}
              </span>
            }
          </nz-radio-group>
          <div class="assess-items" role="group" [attr.aria-label]="t('assess.items', { area: t(areaKey(d.area)) })">
            @for (code of codesOf(d.area); track code) {
              <label
                nz-checkbox
                class="assess-item"
                [nzId]="'item-' + code"
                [for]="'item-' + code"
                [ngModel]="d.items.includes(code)"
                (ngModelChange)="toggle(d.area, code, $event)"
                [name]="'item-' + code"
                [attr.data-testid]="'assess-item-' + code"
                >{{ t(needKey(code)) }}</label
              >
            }
          </div>
          <label class="note-label" [for]="'note-' + d.area">{{ t('assess.note', { area: t(areaKey(d.area)) }) }}</label>
          <textarea
            nz-input
            [id]="'note-' + d.area"
            rows="2"
            maxlength="1000"
            [name]="'note-' + d.area"
            [ngModel]="d.note"
            (ngModelChange)="setNote(d.area, $event)"
            [attr.aria-describedby]="'note-help-' + d.area"
          ></textarea>
          <span class="muted small" [id]="'note-help-' + d.area"><nz-icon nzType="lock" /> {{ t('assess.noteHelp') }}</span>
        </fieldset>
      }
      @if (error(); as err) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" data-testid="assess-error" />
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [nzLoading]="busy()" data-testid="assess-save">{{ t('assess.save') }}</button>
      </div>
    </form>
  `,
  styleUrl: './plan.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssessmentForm implements OnInit {
  private readonly api = inject(PlansApi);
  private readonly i18n = inject(PlanI18n);
  readonly traineeId = input.required<string>();
  readonly plan = input.required<PlanDto>();
  readonly initialStage = input<Stage>('admission');
  readonly saved = output<PlanDto>();
  readonly cancelled = output<void>();

  protected readonly t = this.i18n.t;
  protected readonly levels = LEVELS;
  protected readonly stages = STAGES;
  protected readonly areaKey = areaKey;
  protected readonly levelKey = levelKey;
  protected readonly needKey = needKey;
  protected readonly stageKey = stageKey;
  protected readonly stage = signal<Stage>('admission');
  protected readonly drafts = signal<readonly AreaDraft[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    this.stage.set(this.initialStage());
    const latest = this.plan().assessment;
    this.drafts.set(
      NEED_AREAS.map((area) => {
        const a = latest?.areas.find((x) => x.area === area);
        return { area, level: a?.level ?? 'none', items: a?.items ?? [], note: a?.note ?? '' };
      }),
    );
  }

  protected codesOf(area: NeedArea): readonly NeedCode[] {
    return this.plan().codes.find((c) => c.area === area)?.codes ?? [];
  }

  private patch(area: NeedArea, change: (d: AreaDraft) => AreaDraft): void {
    this.drafts.update((list) => list.map((d) => (d.area === area ? change(d) : d)));
  }

  /** "None" clears the items (the server refuses items without a need). */
  protected setLevel(area: NeedArea, level: Level): void {
    this.patch(area, (d) => ({ ...d, level, items: level === 'none' ? [] : d.items }));
  }

  /** Ticking an item of an area marked "none" makes it "some need". */
  protected toggle(area: NeedArea, code: NeedCode, on: boolean): void {
    this.patch(area, (d) => {
      const items = on ? [...d.items.filter((c) => c !== code), code] : d.items.filter((c) => c !== code);
      return { ...d, items, level: on && d.level === 'none' ? 'some' : d.level };
    });
  }

  protected setNote(area: NeedArea, note: string): void {
    this.patch(area, (d) => ({ ...d, note }));
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected save(): void {
    this.busy.set(true);
    this.error.set(null);
    const areas = this.drafts().map((d) => ({
      area: d.area,
      level: d.level,
      items: [...d.items],
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    }));
    this.api.assess(this.traineeId(), { stage: this.stage(), areas }).subscribe({
      next: (plan) => {
        this.busy.set(false);
        this.saved.emit(plan);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
