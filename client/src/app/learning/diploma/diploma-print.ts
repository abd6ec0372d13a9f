import { DOCUMENT, Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzQRCodeModule } from 'ng-zorro-antd/qr-code';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { DiplomaDto } from '../learning-types';

/**
 * A diploma and its transcript, ready to print on A4 (`@media print` drops the app's frame). It names
 * the school that awards it — never the facility where the class was taught — and carries a QR code
 * that opens the public verification page.
 */
@Component({
  selector: 'jbh-diploma-print',
  imports: [NzButtonModule, NzIconModule, NzQRCodeModule, NzSpinModule, LoadError],
  templateUrl: './diploma-print.html',
  styleUrl: './diploma-print.css',
  // Global on purpose: the print rules hide the shell around this page (only while it is shown).
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiplomaPrint {
  /** From the route (`…/diplomas/:id`). */
  readonly id = input.required<string>();

  private readonly api = inject(LearningApi);
  private readonly location = inject(Location);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;

  protected readonly diploma = signal<Remote<DiplomaDto>>(idle());
  protected readonly verifyUrl = computed(() => {
    const d = this.diploma().data;
    return d ? `${this.document.location.origin}/verify/${d.verificationCode}` : '';
  });
  protected readonly verifyHost = computed(() => `${this.document.location.host}/verify`);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    loadInto(this.diploma, this.api.diploma(id));
  }

  protected back(): void {
    this.location.back();
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
