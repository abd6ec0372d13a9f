import { DesktopOutline, MobileOutline, TabletOutline } from '@ant-design/icons-angular/icons';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalService } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { type SessionInfoDto, SessionsApi } from './sessions-api';
import { BROWSER_ZH, SessionsI18n } from './sessions-i18n';

/**
 * `/account/sessions` (登录设备): where this account is signed in, for every role — a trainee who
 * signed in on a relative's phone can sign it out from their own. Cards on a phone, a table on a
 * desktop. Only a coarse device name and a masked network are shown.
 */
@Component({
  selector: 'jbh-sessions-page',
  imports: [RouterLink, NzButtonModule, NzCardModule, NzIconModule, NzSpinModule, NzTableModule, NzTagModule, LoadError],
  templateUrl: './sessions-page.html',
  styleUrl: './sessions-page.css',
  // The device icons only this page draws (the shell already provides the app's common ones).
  // The confirm dialog's service: provided here (the signed-in frame no longer provides one for every page).
  providers: [NzModalService, provideNzIconsPatch([MobileOutline, TabletOutline, DesktopOutline])],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsPage {
  private readonly api = inject(SessionsApi);
  private readonly i18n = inject(SessionsI18n);
  private readonly modal = inject(NzModalService);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly isPhone = inject(Viewport).isPhone;

  protected readonly state = signal<Remote<SessionInfoDto[]>>(idle());
  /** This device first, then the others by last use (the server's order). */
  protected readonly sessions = computed(() => {
    const list = this.state().data ?? [];
    return [...list.filter((s) => s.current), ...list.filter((s) => !s.current)];
  });
  protected readonly others = computed(() => this.sessions().filter((s) => !s.current).length);
  /** The session being ended ('others' for all of them), to show its button busy. */
  protected readonly ending = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.state, this.api.mine());
  }

  /** "Chrome · Windows", "微信 · Android": a coarse name the owner recognises. */
  protected device(s: SessionInfoDto): string {
    const local = (value: string) => (this.i18n.isEnglish() ? value : (BROWSER_ZH[value] ?? value));
    const browser = s.browser ? local(s.browser) : this.t('sessions.unknownBrowser');
    const os = s.os ? local(s.os) : this.t('sessions.unknownOs');
    return `${browser} · ${os}`;
  }

  protected icon(s: SessionInfoDto): string {
    return s.os && ['Android', 'iOS', 'HarmonyOS'].includes(s.os) ? 'mobile' : s.os === 'iPadOS' ? 'tablet' : 'desktop';
  }

  protected confirmEnd(s: SessionInfoDto): void {
    this.modal.confirm({
      nzTitle: this.t('sessions.end'),
      nzContent: this.t('sessions.endConfirm'),
      nzOkText: this.t('sessions.end'),
      nzOkDanger: true,
      nzCancelText: this.t('sessions.cancel'),
      nzOnOk: () => {
        this.ending.set(s.id);
        this.api.end(s.id).subscribe({
          next: () => {
            this.ending.set(null);
            this.message.success(this.t('sessions.ended'));
            this.load();
          },
          // Already gone (ended elsewhere): the reloaded list shows it.
          error: () => {
            this.ending.set(null);
            this.load();
          },
        });
      },
    });
  }

  protected confirmEndOthers(): void {
    this.modal.confirm({
      nzTitle: this.t('sessions.endOthers'),
      nzContent: this.t('sessions.endOthersConfirm'),
      nzOkText: this.t('sessions.endOthers'),
      nzOkDanger: true,
      nzCancelText: this.t('sessions.cancel'),
      nzOnOk: () => {
        this.ending.set('others');
        this.api.endOthers().subscribe({
          next: ({ ended }) => {
            this.ending.set(null);
            this.message.success(this.t('sessions.endedOthers', { n: ended }));
            this.load();
          },
          error: () => this.ending.set(null),
        });
      },
    });
  }
}
