import { ChangeDetectionStrategy, Component, Injectable, type Provider, computed, inject, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzModalRef, NzModalService } from 'ng-zorro-antd/modal';
import { firstValueFrom } from 'rxjs';
import { I18n } from '../core/i18n/i18n';
import { VisitOutbox } from './visit-outbox';

/** How the dialog ended when the user may go on signing out; `undefined` is 取消 (stay signed in). */
export type UnsentChoice = 'sent' | 'kept' | 'discarded';

const ZH = {
  title: '有 {n} 条回访还没发送',
  body: '它们加密保存在这部手机上，只会在你本人再次登录时发送；别人在这部手机上登录，既看不到也发不出。',
  sendNow: '立即发送',
  keep: '保留，退出登录',
  discard: '丢弃',
  confirmDiscard: '确认丢弃',
  discardWarn: '丢弃后，这些回访会从手机上删除，无法恢复，需要重新记录。',
  cancel: '取消',
  offline: '还没有网络，没能发送。可以稍后再试，或保留在手机上退出登录。',
  partly: '已发送 {sent} 条，还有 {n} 条没发送。',
};
const EN: typeof ZH = {
  title: '{n} visit{s} not sent yet',
  body: 'They are kept encrypted on this phone and sent only when you sign in again; anyone else signing in on this phone can neither read nor send them.',
  sendNow: 'Send now',
  keep: 'Keep and sign out',
  discard: 'Discard',
  confirmDiscard: 'Confirm discard',
  discardWarn: 'Discarding deletes these visits from this phone for good: they would have to be recorded again.',
  cancel: 'Cancel',
  offline: 'Still no connection: nothing was sent. Try again later, or keep them on this phone and sign out.',
  partly: '{sent} sent, {n} still waiting.',
};
type Key = keyof typeof ZH;

/** The warning shown when a counsellor signs out with visits still waiting on the phone. */
@Component({
  selector: 'jbh-unsent-visits-dialog',
  imports: [NzAlertModule, NzButtonModule],
  template: `
    <div data-testid="unsent-dialog">
      <h2 class="title">{{ w('title', { n: left() }) }}</h2>
      <p>{{ w('body') }}</p>
      @if (confirming()) {
        <nz-alert class="note" nzType="error" nzShowIcon [nzMessage]="w('discardWarn')" />
      }
      @if (problem(); as p) {
        <nz-alert class="note" nzType="warning" nzShowIcon [nzMessage]="p" data-testid="unsent-problem" />
      }
      <div class="actions">
        <button nz-button type="button" [disabled]="!!busy()" (click)="close(undefined)" data-testid="unsent-cancel">
          {{ w('cancel') }}
        </button>
        <button
          nz-button
          nzDanger
          type="button"
          [nzLoading]="busy() === 'discard'"
          [disabled]="!!busy()"
          (click)="discard()"
          data-testid="unsent-discard"
        >
          {{ confirming() ? w('confirmDiscard') : w('discard') }}
        </button>
        <button nz-button type="button" [disabled]="!!busy()" (click)="close('kept')" data-testid="unsent-keep">{{ w('keep') }}</button>
        <button
          nz-button
          nzType="primary"
          type="button"
          [nzLoading]="busy() === 'send'"
          [disabled]="!!busy()"
          (click)="send()"
          data-testid="unsent-send"
        >
          {{ w('sendNow') }}
        </button>
      </div>
    </div>
  `,
  styles: `
    .title {
      margin: 0 0 8px;
      font-size: 18px;
      font-weight: 600;
    }
    .note {
      margin-bottom: 12px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 16px;
    }
    @media (max-width: 767.98px) {
      .actions {
        flex-direction: column-reverse;
      }
      .actions button {
        width: 100%;
        height: 44px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnsentVisitsDialog {
  private readonly ref = inject<NzModalRef<UnsentVisitsDialog, UnsentChoice>>(NzModalRef);
  private readonly outbox = inject(VisitOutbox);
  private readonly i18n = inject(I18n);
  protected readonly left = computed(() => this.outbox.pending().length);
  protected readonly busy = signal<'send' | 'discard' | null>(null);
  protected readonly confirming = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected w(k: Key, p: Record<string, number> = {}): string {
    const text = (this.i18n.isEnglish() ? EN : ZH)[k];
    const params: Record<string, string | number> = { ...p, s: p['n'] === 1 ? '' : 's' };
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  }

  protected close(choice: UnsentChoice | undefined): void {
    this.ref.close(choice);
  }

  protected async send(): Promise<void> {
    this.busy.set('send');
    this.problem.set(null);
    this.confirming.set(false);
    try {
      const r = await this.outbox.flush();
      if (!r.left) {
        this.close('sent');
        return;
      }
      this.problem.set(r.sent ? this.w('partly', { sent: r.sent, n: r.left }) : this.w('offline'));
    } finally {
      this.busy.set(null);
    }
  }

  protected async discard(): Promise<void> {
    if (!this.confirming()) {
      this.confirming.set(true);
      return;
    }
    this.busy.set('discard');
    try {
      await this.outbox.discard();
      this.close('discarded');
    } finally {
      this.busy.set(null);
    }
  }
}

/**
 * Asked by the shell before signing out. Provided by the shell component (with the modal service),
 * so the dialog's code is there even when the phone is offline.
 */
@Injectable()
export class UnsentVisitsCheck {
  private readonly modal = inject(NzModalService);
  private readonly outbox = inject(VisitOutbox);

  /**
   * Whether to go on signing out. With visits still waiting: 立即发送 / 保留 / 丢弃 go on, 取消 stays.
   * If the outbox cannot be read, signing out goes on: its visits stay sealed for their owner.
   */
  async confirmLogout(): Promise<boolean> {
    let n: number;
    try {
      n = await this.outbox.unsentCount();
    } catch {
      return true;
    }
    if (!n) return true;
    const ref = this.modal.create<UnsentVisitsDialog, undefined, UnsentChoice>({
      nzContent: UnsentVisitsDialog,
      nzFooter: null,
      nzClosable: false,
      nzMaskClosable: false,
      nzCentered: true,
      nzWidth: 460,
    });
    return (await firstValueFrom(ref.afterClose)) !== undefined;
  }
}

export function provideUnsentVisitsCheck(): Provider[] {
  return [NzModalService, UnsentVisitsCheck];
}
