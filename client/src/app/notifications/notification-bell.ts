import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../core/i18n/i18n';
import { type NotificationDto, type NotificationListDto, NotificationsApi } from './notifications-api';
import { NotificationsI18n } from './notifications-i18n';

/** How often the badge refreshes while a page stays open. */
const POLL_MS = 120_000;

/** The inbox bell: an unread badge, the latest notices in a drop-down, each linking to its page. */
@Component({
  selector: 'jbh-notification-bell',
  imports: [RouterLink, NzButtonModule, NzDropDownModule, NzIconModule],
  template: `
    <button
      nz-button
      [nzType]="buttonType()"
      type="button"
      class="bell"
      nz-dropdown
      nzTrigger="click"
      [nzDropdownMenu]="inbox"
      nzPlacement="bottomRight"
      [nzVisible]="open()"
      (nzVisibleChange)="toggled($event)"
      [attr.aria-label]="label()"
      data-testid="notification-bell"
    >
      <nz-icon nzType="bell" />
      @if (unread() > 0) {
        <span class="bell-badge" data-testid="notification-unread">{{ unread() > 99 ? '99+' : unread() }}</span>
      }
    </button>
    <!-- Built when first opened: a closed drop-down still builds what it holds (up to 50 notices). -->
    <nz-dropdown-menu #inbox="nzDropdownMenu">
      @if (inboxUsed()) {
        <div class="inbox" role="dialog" [attr.aria-label]="t('notifications.title')" data-testid="notification-inbox">
          <div class="inbox-head">
            <strong>{{ t('notifications.title') }}</strong>
            <span class="inbox-actions">
              @if (unread() > 0) {
                <button nz-button nzType="link" nzSize="small" type="button" (click)="markAllRead()">
                  {{ t('notifications.readAll') }}
                </button>
              }
              <a
                nz-button
                nzType="link"
                nzSize="small"
                class="inbox-settings"
                routerLink="/notifications/preferences"
                (click)="open.set(false)"
                data-testid="notification-settings"
              >
                <nz-icon nzType="setting" />{{ t('notifications.settings') }}
              </a>
            </span>
          </div>
          @if (items().length === 0) {
            <p class="inbox-empty">{{ t(failed() ? 'common.loadFailed' : 'notifications.empty') }}</p>
          } @else {
            <ul class="inbox-list">
              @for (n of items(); track n.id) {
                <li>
                  <button type="button" class="inbox-item" [class.unread]="!n.read" (click)="openNotice(n)">
                    <span class="inbox-title">{{ pick(n.title, n.titleEn) }}</span>
                    <span class="inbox-time">{{ dateTime(n.createdAt) }}</span>
                  </button>
                </li>
              }
            </ul>
            @if (list().nextCursor) {
              <button
                nz-button
                nzType="link"
                nzBlock
                type="button"
                [nzLoading]="loadingMore()"
                (click)="more()"
                data-testid="notification-more"
              >
                {{ words.t('inbox.more') }}
              </button>
            }
          }
        </div>
      }
    </nz-dropdown-menu>
  `,
  styles: `
    /* Icon-only: the trainee frame's roomy button padding would leave the icon no width. */
    .bell.ant-btn {
      position: relative;
      width: 40px;
      padding: 0;
      font-size: 18px;
    }
    :host-context(.trainee-frame) .bell.ant-btn {
      width: 44px;
      font-size: 22px;
    }
    .bell-badge {
      position: absolute;
      top: 0;
      right: 0;
      min-width: 18px;
      height: 18px;
      padding: 0 5px;
      border-radius: 9px;
      background: #cf1322;
      color: #fff;
      font-size: 11px;
      font-weight: 600;
      line-height: 18px;
      text-align: center;
    }
    .inbox {
      width: min(360px, calc(100vw - 16px));
      max-height: 70vh;
      overflow: auto;
      background: #fff;
      border-radius: 8px;
      box-shadow: 0 6px 16px rgba(0, 0, 0, 0.12);
    }
    .inbox-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 10px 12px;
      border-bottom: 1px solid #f0f0f0;
    }
    .inbox-actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
    }
    .inbox-settings.ant-btn {
      padding-right: 0;
    }
    .inbox-empty {
      margin: 0;
      padding: 24px 12px;
      color: rgba(0, 0, 0, 0.55);
      text-align: center;
    }
    .inbox-list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .inbox-item {
      display: flex;
      flex-direction: column;
      gap: 2px;
      width: 100%;
      padding: 10px 12px 10px 22px;
      border: 0;
      border-bottom: 1px solid #f5f5f5;
      background: none;
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
    .inbox-item:hover {
      background: #fff7e6;
    }
    .inbox-item.unread {
      position: relative;
      font-weight: 600;
    }
    .inbox-item.unread::before {
      content: '';
      position: absolute;
      top: 16px;
      left: 9px;
      width: 7px;
      height: 7px;
      border-radius: 50%;
      background: #d46b08;
    }
    .inbox-time {
      color: rgba(0, 0, 0, 0.45);
      font-size: 12px;
      font-weight: 400;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  readonly buttonType = input<'text' | 'default'>('text');

  private readonly api = inject(NotificationsApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly dateTime = this.i18n.dateTime;

  /** The bell's own words (the older-messages button); app-wide ones come through `I18n`. */
  protected readonly words = inject(NotificationsI18n);

  protected readonly list = signal<NotificationListDto>({ items: [], unread: 0, total: 0, page: 1, pageSize: 50, nextCursor: null });
  protected readonly loadingMore = signal(false);
  /** Bound to the drop-down, so choosing a message or the settings closes it (a plain button inside would not). */
  protected readonly open = signal(false);
  /** The inbox's contents exist once it has been opened, and stay (so closing does not empty it mid-fade). */
  protected readonly inboxUsed = signal(false);
  protected readonly failed = signal(false);
  protected readonly items = computed(() => this.list().items);
  protected readonly unread = computed(() => this.list().unread);
  protected readonly label = computed(() =>
    // The button's accessible name, since it shows only an icon: 通知，3 条未读 / Notifications, 3 unread.
    this.unread() > 0 ? this.t('notifications.bellUnread', { n: this.unread() }) : this.t('notifications.bell'),
  );

  constructor() {
    this.refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.refresh();
    }, POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected toggled(open: boolean): void {
    this.open.set(open);
    if (open) {
      this.inboxUsed.set(true);
      this.refresh();
    }
  }

  protected markAllRead(): void {
    this.api.markAllRead().subscribe({ next: (list) => this.list.set(list), error: () => undefined });
  }

  protected openNotice(n: NotificationDto): void {
    if (!n.read) this.api.markRead(n.id).subscribe({ next: (list) => this.list.set(list), error: () => undefined });
    if (n.link?.startsWith('/')) {
      this.open.set(false);
      void this.router.navigateByUrl(n.link);
    }
  }

  /** The next 50 older notices (by the shown list's cursor), added below; the badge takes the newer count. */
  protected more(): void {
    const cursor = this.list().nextCursor;
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.api.mine(cursor).subscribe({
      next: (older) => {
        this.loadingMore.set(false);
        this.list.update((l) => ({ ...older, items: [...l.items, ...older.items] }));
      },
      error: () => this.loadingMore.set(false),
    });
  }

  private refresh(): void {
    this.api.mine().subscribe({
      next: (list) => {
        this.failed.set(false);
        this.list.set(list);
      },
      error: () => this.failed.set(true),
    });
  }
}
