import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzQRCodeModule } from 'ng-zorro-antd/qr-code';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Observable } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { FairsApi } from './fairs-api';
import { FairsI18n } from './fairs-i18n';
import { FAIR_STATE_COLOR } from './fairs-page';
import type { BoothDto, FairCandidateDto, FairDto, IntentDto, OrderDto, RegistrationDto, SlotDto, TraineePageDto } from './fairs-types';

const BOOTH_COLOR: Record<BoothDto['state'], string> = { applied: 'gold', approved: 'green', declined: 'red', withdrawn: 'default' };
const SLOT_COLOR: Record<SlotDto['state'], string> = { open: 'default', invited: 'gold', booked: 'green', cancelled: 'default' };

/** `/fairs/:id`: one fair, as each role works with it. */
@Component({
  selector: 'jbh-fair-detail',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzQRCodeModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
  ],
  templateUrl: './fair-detail.html',
  styleUrl: './fair-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FairDetail {
  readonly id = input.required<string>();

  private readonly api = inject(FairsApi);
  private readonly auth = inject(AuthStore);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly i18n = inject(FairsI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly stateColor = FAIR_STATE_COLOR;
  protected readonly boothColor = BOOTH_COLOR;
  protected readonly slotColor = SLOT_COLOR;
  protected readonly role = this.auth.role;

  protected readonly fair = signal<Remote<FairDto>>(idle());
  protected readonly booths = signal<BoothDto[]>([]);
  protected readonly registrations = signal<RegistrationDto[]>([]);
  protected readonly intents = signal<IntentDto[]>([]);
  protected readonly candidates = signal<FairCandidateDto[]>([]);
  protected readonly slots = signal<Record<string, SlotDto[]>>({});
  protected readonly openOrders = signal<OrderDto[]>([]);
  protected readonly trainees = signal<TraineePageDto['items']>([]);
  protected readonly shareVersion = signal<number | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<{ traineeId: string; message: string }[]>([]);
  protected readonly busy = signal(false);

  // Forms (template-driven: small and many).
  protected chosenOrders: string[] = [];
  protected boothNote = '';
  protected slotStart = '10:00';
  protected slotMinutes = 20;
  protected slotCount = 6;
  protected chosenTrainees: string[] = [];
  protected readonly declineReason = signal<Record<string, string>>({});
  protected readonly inviteSlot = signal<Record<string, string>>({});
  protected readonly intentOrder = signal<Record<string, string>>({});
  protected readonly paperRef = signal<Record<string, string>>({});

  protected readonly myBooth = computed(() => (this.role() === 'employer' ? (this.booths()[0] ?? null) : null));
  protected readonly myRegistration = computed(() => (this.role() === 'trainee' ? (this.registrations()[0] ?? null) : null));
  protected readonly freeSlotsOfMyBooth = computed(() => {
    const b = this.myBooth();
    return b ? (this.slots()[b.id] ?? []).filter((s) => s.state === 'open') : [];
  });
  protected readonly isDesk = computed(() => {
    const f = this.fair().data;
    return (
      !!f &&
      f.state === 'published' &&
      (this.role() === 'admin' || (this.role() === 'counsellor' && f.venueOrganisationId === this.auth.user()?.organisationId))
    );
  });

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    const id = this.id();
    loadInto(this.fair, this.api.get(id));
    this.fetch(this.api.booths(id), (b) => {
      this.booths.set(b);
      // Employers manage their booth's slots; trainees and counsellors browse the approved booths' free slots.
      for (const booth of b) if (booth.state === 'approved') this.loadSlots(booth.id);
    });
    const role = this.role();
    if (role === 'admin' || role === 'counsellor' || role === 'trainee')
      this.fetch(this.api.registrations(id), (r) => this.registrations.set(r));
    this.fetch(this.api.intents(id), (i) => this.intents.set(i));
    if (role === 'employer') this.fetch(this.api.myOpenOrders(), (p) => this.openOrders.set(p.items));
    if (role === 'counsellor') this.fetch(this.api.consentingTrainees(''), (p) => this.trainees.set(p.items));
    if (role === 'trainee' || role === 'counsellor')
      this.fetch(this.api.consentTexts(), (texts) =>
        this.shareVersion.set(texts.find((x) => x.purpose === 'share_with_employer')?.version ?? null),
      );
  }

  private loadSlots(boothId: string): void {
    this.fetch(this.api.slots(boothId), (s) => this.slots.update((all) => ({ ...all, [boothId]: s })));
    if (this.role() === 'employer') this.fetch(this.api.candidates(this.id()), (c) => this.candidates.set(c));
  }

  private fetch<T>(source: Observable<T>, next: (v: T) => void): void {
    source.subscribe({ next, error: (err: unknown) => this.error.set(toApiError(err)) });
  }

  /** Runs an action, shows the server's message if it fails, reloads on success. */
  private act<T>(source: Observable<T>, done?: (v: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    source.subscribe({
      next: (v) => {
        this.busy.set(false);
        done?.(v);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        this.error.set(e);
        const details = (e as ApiError & { details?: { problems?: { traineeId: string; message: string }[] } }).details;
        this.problems.set(details?.problems ?? []);
      },
    });
  }

  protected errorText(e: ApiError): string {
    return this.i18n.errorMessage(e);
  }

  protected time(iso: string): string {
    return new Date(iso).toLocaleTimeString(this.i18n.isEnglish() ? 'en-GB' : 'zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Shanghai',
    });
  }

  protected traineeName(id: string): string {
    return this.trainees().find((x) => x.id === id)?.fullName ?? id;
  }

  // ——— admin ———
  protected publish(): void {
    this.act(this.api.publish(this.id()));
  }
  protected closeFair(): void {
    this.modal.confirm({ nzTitle: this.t('detail.confirmClose'), nzOnOk: () => this.act(this.api.close(this.id())) });
  }
  protected approve(b: BoothDto): void {
    this.act(this.api.decideBooth(b.id, 'approve'));
  }
  protected decline(b: BoothDto): void {
    this.act(this.api.decideBooth(b.id, 'decline', this.declineReason()[b.id]));
  }
  protected setDeclineReason(id: string, v: string): void {
    this.declineReason.update((r) => ({ ...r, [id]: v }));
  }

  // ——— employer ———
  protected toggleOrder(id: string): void {
    this.chosenOrders = this.chosenOrders.includes(id) ? this.chosenOrders.filter((x) => x !== id) : [...this.chosenOrders, id];
  }
  protected applyBooth(): void {
    this.act(this.api.applyBooth(this.id(), this.chosenOrders, this.boothNote), () => this.message.success(this.t('employer.waiting')));
  }
  protected addSlots(booth: BoothDto): void {
    const f = this.fair().data!;
    this.act(this.api.createSlots(booth.id, `${f.fairDate}T${this.slotStart}:00+08:00`, Number(this.slotMinutes), Number(this.slotCount)));
  }
  protected invite(c: FairCandidateDto): void {
    const slot = this.inviteSlot()[c.registrationId];
    if (slot) this.act(this.api.invite(slot, c.registrationId));
  }
  protected signIntent(c: FairCandidateDto): void {
    const order = this.intentOrder()[c.registrationId];
    if (order) this.act(this.api.createIntent(this.id(), c.registrationId, order, ''));
  }
  protected setPick(which: 'slot' | 'order', registrationId: string, value: string): void {
    (which === 'slot' ? this.inviteSlot : this.intentOrder).update((r) => ({ ...r, [registrationId]: value }));
  }

  // ——— counsellor ———
  protected registerChosen(): void {
    this.act(this.api.register(this.id(), this.chosenTrainees), () => {
      this.chosenTrainees = [];
      this.problems.set([]);
    });
  }
  protected setPaperRef(id: string, v: string): void {
    this.paperRef.update((r) => ({ ...r, [id]: v }));
  }
  protected print(): void {
    window.print();
  }

  // ——— trainee (and counsellor for a trainee) ———
  protected registerSelf(): void {
    this.act(this.api.register(this.id()));
  }
  protected book(slot: SlotDto): void {
    this.act(this.api.book(slot.id));
  }
  protected releaseSlot(slot: SlotDto): void {
    this.act(this.api.release(slot.id));
  }
  protected answer(intent: IntentDto, answer: 'confirm' | 'decline'): void {
    const assisted = this.role() === 'counsellor';
    this.act(this.api.answerIntent(intent.id, answer, this.shareVersion() ?? undefined, assisted ? this.paperRef()[intent.id] : undefined));
  }
  protected candidateFacts(c: FairCandidateDto): string {
    const parts = [...c.skills, ...c.certificates, ...c.diplomas];
    if (c.wageExpectation) parts.push(`¥${c.wageExpectation}`);
    return parts.join(' · ') || '—';
  }
  protected freeSlots(boothId: string): SlotDto[] {
    return (this.slots()[boothId] ?? []).filter((s) => s.state === 'open');
  }
}
