import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { TraineesI18n } from '../trainees/trainees-i18n';
import { PortalI18n } from './portal-i18n';
import type { ChecklistItemDto } from '../trainees/trainees-types';
import { PortalApi } from './portal-api';

/** `/me/checklist`: my pre-release checklist, one big tick per item. */
@Component({
  selector: 'jbh-my-checklist',
  imports: [RouterLink, NzIconModule, NzSpinModule, LoadError],
  template: `
    <div data-testid="my-checklist">
      <a routerLink="/me" class="portal-back" data-testid="portal-back"><nz-icon nzType="left" /> {{ t('me.back') }}</a>
      <h1 class="portal-title">{{ t('myCl.title') }}</h1>
      <p class="portal-intro">{{ t('myCl.intro') }}</p>
      @if (items().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (items().data; as list) {
        @if (list.length === 0) {
          <p class="portal-card" data-testid="my-checklist-none">{{ t('myCl.none') }}</p>
        } @else {
          <p class="progress" data-testid="my-checklist-progress">
            <span class="progress-bar" aria-hidden="true"><span [style.width.%]="percent()"></span></span>
            {{ t('myCl.progress', { done: done(), total: list.length }) }}
          </p>
          <ul class="check-items">
            @for (item of list; track item.itemKey) {
              <li class="check-item" [class.done]="item.doneOn" data-testid="my-checklist-item" [attr.data-done]="item.doneOn !== null">
                @if (item.doneOn) {
                  <nz-icon nzType="check-circle" nzTheme="fill" class="check-icon" />
                } @else {
                  <span class="check-empty" aria-hidden="true"></span>
                }
                <span class="check-body">
                  <strong>{{ pick(item.label, item.labelEn) }}</strong>
                  <span class="muted">{{ item.doneOn ? t('myCl.done', { date: date(item.doneOn) }) : t('myCl.todo') }}</span>
                </span>
              </li>
            }
          </ul>
        }
        <p class="muted help">{{ t('myCl.help') }}</p>
      } @else {
        <nz-spin class="card-spin" />
      }
    </div>
  `,
  styleUrl: './portal.css',
  styles: `
    .progress {
      display: flex;
      flex-direction: column;
      gap: 6px;
      font-size: 17px;
      font-weight: 600;
    }
    .progress-bar {
      display: block;
      height: 10px;
      border-radius: 5px;
      background: #f0e6d2;
      overflow: hidden;
    }
    .progress-bar span {
      display: block;
      height: 100%;
      background: #389e0d;
    }
    .check-items {
      display: grid;
      gap: 10px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .check-item {
      display: flex;
      align-items: center;
      gap: 14px;
      min-height: 68px;
      padding: 12px 16px;
      border-radius: 14px;
      background: #fff;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
    }
    .check-item.done {
      background: #f6ffed;
    }
    .check-icon {
      font-size: 30px;
      color: #389e0d;
    }
    .check-empty {
      flex: none;
      width: 30px;
      height: 30px;
      border: 3px solid #d9d9d9;
      border-radius: 50%;
    }
    .check-body {
      display: flex;
      flex-direction: column;
      gap: 2px;
      font-size: 17px;
    }
    .check-body .muted {
      font-size: 15px;
    }
    .help {
      margin-top: 16px;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyChecklist {
  private readonly api = inject(PortalApi);
  private readonly i18n = inject(TraineesI18n);
  /** The portal's words first (the counsellor is 辅导员 here), then the records' (trainees-zh.ts). */
  protected readonly t = inject(PortalI18n).over(this.i18n.t);
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly items = signal<Remote<ChecklistItemDto[]>>(idle());
  protected readonly done = computed(() => (this.items().data ?? []).filter((i) => i.doneOn !== null).length);
  protected readonly percent = computed(() => {
    const total = this.items().data?.length ?? 0;
    return total ? Math.round((this.done() / total) * 100) : 0;
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.items, this.api.checklist());
  }
}
