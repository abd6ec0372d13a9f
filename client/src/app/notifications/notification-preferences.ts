import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { type NotificationGroup, type NotificationGroupDto, type NotificationPreferencesDto, NotificationsApi } from './notifications-api';
import { NotificationsI18n } from './notifications-i18n';

/**
 * The server's label reads "name: what it covers" (`学习：报名结果、候补转正`); shown as a name over
 * a quieter line. A label without the separator is shown whole.
 */
function splitLabel(label: string): { name: string; detail: string } {
  const at = label.search(/：|: /);
  return at < 0 ? { name: label, detail: '' } : { name: label.slice(0, at), detail: label.slice(at).replace(/^(：|: )/, '') };
}

/** `/notifications/preferences`: every signed-in user turns groups of messages on or off; each switch saves at once. */
@Component({
  selector: 'jbh-notification-preferences',
  imports: [FormsModule, NzCardModule, NzSpinModule, NzSwitchModule, LoadError],
  template: `
    <div class="page page-narrow" data-testid="notification-preferences">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('notifications.settings') }}</h1>
          <p class="page-subtitle">{{ t('prefs.subtitle') }}</p>
        </div>
      </header>

      @if (state().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (state().data; as prefs) {
        <nz-card [nzTitle]="t('prefs.groups')" class="prefs-card">
          @if (prefs.groups.length === 0) {
            <p class="prefs-none">{{ t('prefs.none') }}</p>
          } @else {
            <ul class="prefs-list">
              @for (g of prefs.groups; track g.group) {
                @let label = labelOf(g);
                <li class="pref" [class.off]="!g.enabled" [attr.data-testid]="'pref-' + g.group">
                  <label class="pref-text" [for]="'pref-switch-' + g.group">
                    <span class="pref-name">{{ label.name }}</span>
                    @if (label.detail) {
                      <span class="pref-detail">{{ label.detail }}</span>
                    }
                  </label>
                  <nz-switch
                    [nzId]="'pref-switch-' + g.group"
                    [ngModel]="g.enabled"
                    (ngModelChange)="setGroup(g.group, $event)"
                    [nzLoading]="saving() === g.group"
                    [nzDisabled]="saving() !== null && saving() !== g.group"
                    [nzCheckedChildren]="t('prefs.on')"
                    [nzUnCheckedChildren]="t('prefs.off')"
                    [attr.data-testid]="'pref-switch-' + g.group"
                  />
                </li>
              }
            </ul>
          }
        </nz-card>
        <p class="prefs-where">{{ t('prefs.where') }}</p>
      } @else {
        <nz-spin class="card-spin" />
      }
    </div>
  `,
  styles: `
    .prefs-list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .pref {
      display: flex;
      align-items: center;
      gap: 16px;
      min-height: 64px;
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .pref:first-child {
      padding-top: 0;
    }
    .pref:last-child {
      padding-bottom: 0;
      border-bottom: 0;
    }
    .pref-text {
      display: flex;
      flex: 1;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      cursor: pointer;
    }
    .pref-name {
      font-size: 16px;
      font-weight: 600;
    }
    .pref-detail {
      color: rgba(0, 0, 0, 0.55);
      font-size: 14px;
      line-height: 1.5;
    }
    .pref.off .pref-name {
      color: rgba(0, 0, 0, 0.55);
    }
    nz-switch {
      flex: none;
    }
    .prefs-none {
      margin: 0;
      padding: 24px 0;
      color: rgba(0, 0, 0, 0.55);
      text-align: center;
    }
    .prefs-where {
      margin: 0;
      color: rgba(0, 0, 0, 0.55);
      font-size: 13px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationPreferences {
  private readonly api = inject(NotificationsApi);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(NotificationsI18n);
  protected readonly t = this.i18n.t;

  private readonly prefs = signal<Remote<NotificationPreferencesDto>>(idle());
  protected readonly state = this.prefs.asReadonly();
  /** The group being saved; the other switches wait, so saves cannot overtake each other. */
  protected readonly saving = signal<NotificationGroup | null>(null);
  private readonly muted = computed(() => (this.prefs().data?.groups ?? []).filter((g) => !g.enabled).map((g) => g.group));

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.prefs, this.api.preferences());
  }

  protected labelOf(g: NotificationGroupDto): { name: string; detail: string } {
    return splitLabel(this.i18n.pick(g.label, g.labelEn));
  }

  /** Shows the new position at once and saves it; on failure the switch goes back (the app-wide notice says why). */
  protected setGroup(group: NotificationGroup, enabled: boolean): void {
    const before = this.prefs().data;
    if (!before) return;
    this.setEnabled(group, enabled);
    const mutedGroups = this.muted();
    this.saving.set(group);
    this.api.setPreferences(mutedGroups).subscribe({
      next: (saved) => {
        this.saving.set(null);
        this.prefs.set({ loading: false, data: saved, error: null });
        this.message.success(this.t('prefs.saved'));
      },
      error: () => {
        this.saving.set(null);
        this.prefs.update((r) => ({ ...r, data: before }));
      },
    });
  }

  private setEnabled(group: NotificationGroup, enabled: boolean): void {
    this.prefs.update((r) =>
      r.data ? { ...r, data: { groups: r.data.groups.map((g) => (g.group === group ? { ...g, enabled } : g)) } } : r,
    );
  }
}
