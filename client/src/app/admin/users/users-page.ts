import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { ROLES, type Role, type UserDto } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { ResetPassword } from './reset-password/reset-password';
import { UserForm } from './user-form/user-form';
import { UsersStore } from './users-store';

type Dialog = { readonly kind: 'create' } | { readonly kind: 'reset'; readonly user: UserDto };

@Component({
  selector: 'jbh-users-page',
  imports: [
    FormsModule,
    NzTableModule,
    NzSelectModule,
    NzInputModule,
    NzButtonModule,
    NzIconModule,
    NzTagModule,
    NzModalModule,
    ListSkeleton,
    LoadError,
    UserForm,
    ResetPassword,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.css',
  providers: [UsersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {
  protected readonly store = inject(UsersStore);
  private readonly i18n = inject(I18n);
  private readonly modal = inject(NzModalService);
  private readonly message = inject(NzMessageService);
  private readonly me = inject(AuthStore).user;
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly roles = ROLES;
  protected readonly search = signal('');
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogTitle = computed(() => {
    const d = this.dialog();
    if (!d) return '';
    return d.kind === 'create' ? this.t('users.create') : this.t('users.resetTitle', { name: d.user.displayName });
  });
  private readonly searchTyped = new Subject<string>();

  constructor() {
    this.store.load();
    this.store.searchOrganisations('');
    this.searchTyped.pipe(debounceTime(350), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => this.store.setFilters({ q }));
  }

  protected typeSearch(q: string): void {
    this.search.set(q);
    this.searchTyped.next(q);
  }

  protected filterRole(role: Role | null): void {
    this.store.setFilters({ role });
  }

  protected filterOrganisation(organisationId: string | null): void {
    this.store.setFilters({ organisationId });
  }

  protected clearFilters(): void {
    this.search.set('');
    this.store.setFilters({ role: null, organisationId: null, q: '' });
  }

  protected isLocked(user: UserDto): boolean {
    return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
  }

  /** The state cell's tooltip: the whole of what the one-line cell may cut short. */
  protected stateTitle(user: UserDto): string {
    if (user.disabled) return this.t('users.state.disabled');
    if (this.isLocked(user))
      return `${this.t('users.state.locked')} · ${this.t('users.lockedUntil', { time: this.dateTime(user.lockedUntil) })}`;
    return this.t('users.state.active');
  }

  protected isMe(user: UserDto): boolean {
    return this.me()?.id === user.id;
  }

  protected confirmDisable(user: UserDto): void {
    this.modal.confirm({
      nzTitle: this.t('users.disable'),
      nzContent: this.t('users.confirmDisable', { name: user.displayName }),
      nzOkText: this.t('users.disable'),
      nzOkDanger: true,
      nzCancelText: this.t('common.cancel'),
      nzOnOk: () =>
        new Promise<void>((resolve) => {
          this.store.update(user.id, { disabled: true }).subscribe({
            next: () => {
              this.message.success(this.t('users.disabled', { name: user.displayName }));
              resolve();
            },
            error: () => resolve(),
          });
        }),
    });
  }

  protected enable(user: UserDto): void {
    this.store
      .update(user.id, { disabled: false })
      .subscribe(() => this.message.success(this.t('users.enabled', { name: user.displayName })));
  }

  protected unlock(user: UserDto): void {
    this.store
      .update(user.id, { unlock: true })
      .subscribe(() => this.message.success(this.t('users.unlocked', { name: user.displayName })));
  }

  protected openCreate(): void {
    this.dialog.set({ kind: 'create' });
  }

  protected openReset(user: UserDto): void {
    this.dialog.set({ kind: 'reset', user });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected created(): void {
    this.dialog.set(null);
    this.message.success(this.t('users.created'));
  }
}
