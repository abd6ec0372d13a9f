import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { LoadError } from '../../shared/load-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ProgrammeDto } from '../learning-types';
import { PagedList } from '../shared/paged';
import { AdminLearningNav } from './admin-learning-nav';
import { ProgrammeForm } from './forms/programme-form';

/** `/admin/learning`: the 中专 programmes of the partner school and their units. */
@Component({
  selector: 'jbh-programmes-page',
  imports: [
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzModalModule,
    NzPaginationModule,
    NzSpinModule,
    LoadError,
    AdminLearningNav,
    ProgrammeForm,
  ],
  template: `
    <div class="page" data-testid="programmes-page">
      <header class="page-head">
        <h1 class="page-title">{{ t('adminLearning.title') }}</h1>
        <button nz-button nzType="primary" type="button" (click)="creating.set(true)" data-testid="create-programme">
          <nz-icon nzType="plus" />{{ t('programmes.create') }}
        </button>
      </header>
      <jbh-admin-learning-nav />
      @if (programmes.state().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (programmes.state().data; as list) {
        @for (p of list.items; track p.id) {
          <nz-card [nzTitle]="p.name" [nzExtra]="facts" data-testid="programme-card">
            <ng-template #facts>
              <span class="muted">{{
                t('programmes.facts', { school: p.schoolName, credits: p.requiredCredits, units: p.units.length })
              }}</span>
            </ng-template>
            @if (p.description) {
              <p class="muted">{{ p.description }}</p>
            }
            <ul class="unit-chips">
              @for (u of p.units; track u.id) {
                <li>
                  {{ u.name }} <span class="muted">{{ t('audit.unitCredits', { n: u.credits }) }}</span>
                </li>
              }
            </ul>
          </nz-card>
        } @empty {
          <nz-card><nz-empty [nzNotFoundContent]="t('programmes.none')" /></nz-card>
        }
        <nz-pagination
          class="list-pager"
          [nzTotal]="list.total"
          [nzPageIndex]="programmes.page()"
          [nzPageSize]="programmes.pageSize()"
          (nzPageIndexChange)="programmes.setPage($event)"
          (nzPageSizeChange)="programmes.setPageSize($event)"
          [nzShowTotal]="totalTpl"
          [nzHideOnSinglePage]="true"
          nzShowSizeChanger
          data-testid="programmes-pager"
        />
        <ng-template #totalTpl let-total>{{ t('common.total', { total }) }}</ng-template>
      } @else {
        <nz-spin class="card-spin" />
      }
    </div>
    <nz-modal
      [nzVisible]="creating()"
      [nzTitle]="t('programmes.create')"
      [nzFooter]="null"
      [nzWidth]="620"
      [nzMaskClosable]="false"
      (nzOnCancel)="creating.set(false)"
    >
      <ng-container *nzModalContent>
        <jbh-programme-form (saved)="created($event)" (cancelled)="creating.set(false)" />
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .unit-chips {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .unit-chips li {
      padding: 4px 10px;
      border-radius: 14px;
      background: #fafafa;
      border: 1px solid #f0f0f0;
    }
    .list-pager {
      display: flex;
      justify-content: flex-end;
      margin-top: 16px;
    }
    nz-card + nz-card {
      display: block;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgrammesPage {
  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  protected readonly t = inject(LearningI18n).t;
  /** A page at a time from the server (issue 12). */
  protected readonly programmes = new PagedList<ProgrammeDto>((page, pageSize) => this.api.programmes(page, pageSize));
  protected readonly creating = signal(false);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.programmes.load();
  }

  protected created(p: ProgrammeDto): void {
    this.creating.set(false);
    this.message.success(this.t('programmes.created', { name: p.name }));
    this.load();
  }
}
