import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import type { Role, UserDto } from '../../core/api/api-types';
import { LoadError } from '../../shared/load-error';
import { PermissionEditor } from './permission-editor';
import type { Permission } from './permissions-api';
import { PermissionsI18n } from './permissions-i18n';
import { PermissionsStore } from './permissions-store';

/** The staff roles the list filters by (trainees' accounts are not the security administrator's). */
const STAFF_FILTER: readonly Role[] = ['admin', 'counsellor', 'instructor', 'employer', 'security_admin', 'audit_admin'];
/** Who may hold a permission (the server's rule; the button is off for the others). */
const HOLDERS: readonly Role[] = ['admin', 'counsellor'];

/** 安全管理员: the staff accounts, read-only, each with its permissions and a button to change them. */
@Component({
  selector: 'jbh-permissions-page',
  imports: [
    FormsModule,
    NzTableModule,
    NzSelectModule,
    NzInputModule,
    NzButtonModule,
    NzIconModule,
    NzTagModule,
    NzTooltipModule,
    NzModalModule,
    LoadError,
    PermissionEditor,
  ],
  templateUrl: './permissions-page.html',
  providers: [PermissionsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionsPage {
  protected readonly store = inject(PermissionsStore);
  private readonly i18n = inject(PermissionsI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly roles = STAFF_FILTER;
  protected readonly search = signal('');
  protected readonly editing = signal<UserDto | null>(null);
  protected readonly editTitle = computed(() => {
    const u = this.editing();
    return u ? this.t('perm.editTitle', { name: u.displayName }) : '';
  });
  private readonly searchTyped = new Subject<string>();

  constructor() {
    this.store.load();
    this.searchTyped.pipe(debounceTime(350), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => this.store.setFilters({ q }));
  }

  protected typeSearch(q: string): void {
    this.search.set(q);
    this.searchTyped.next(q);
  }

  protected filterRole(role: Role | null): void {
    this.store.setFilters({ role });
  }

  protected canHold(user: UserDto): boolean {
    return HOLDERS.includes(user.role);
  }

  protected permissionLabel(p: Permission): string {
    return this.t(`perm.${p}`);
  }

  protected edit(user: UserDto): void {
    this.editing.set(user);
  }

  protected close(): void {
    this.editing.set(null);
  }

  protected saved(before: UserDto, after: UserDto): void {
    this.editing.set(null);
    const same = before.permissions.length === after.permissions.length && before.permissions.every((p) => after.permissions.includes(p));
    this.message.success(same ? this.t('perm.unchanged') : this.t('perm.saved', { name: after.displayName }));
  }
}
