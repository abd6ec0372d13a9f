import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { NavigationCancel, NavigationEnd, NavigationError, NavigationStart, Router } from '@angular/router';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { filter, map, startWith } from 'rxjs';
import type { OrganisationType, Role } from '../core/api/api-types';
import { AuthStore } from '../core/auth/auth-store';
import { IdleTimeout } from '../core/auth/idle-timeout';
import { I18n } from '../core/i18n/i18n';
import { appIconProviders } from '../core/icons';
import type { TranslationKey } from '../core/i18n/zh';
import { UnsentVisitsCheck } from '../follow-ups/unsent-visits-check';
import { Viewport } from '../shared/viewport';
import { EmployerStanding } from '../home/employer-standing';
import { HomeApi } from '../home/home-api';
import { FollowUpsApi } from '../follow-ups/follow-ups-api';
import { VisitOutbox } from '../follow-ups/visit-outbox';
import { StaffFrame } from './staff-frame';
import { TraineeFrame } from './trainee-frame';

export interface NavItem {
  readonly path: string;
  readonly label: TranslationKey;
  readonly icon: string;
  readonly exact: boolean;
  /** Paths under this one that have an entry of their own (and so do not light this one up). */
  readonly except?: readonly string[];
}

const HOME: NavItem = { path: '/', label: 'nav.home', icon: 'home', exact: true };
/** Entries only a community station's counsellor has work in (a facility's counsellor never does). */
const STATION_ONLY: readonly string[] = ['/follow-ups/transfers', '/follow-ups/lost-contacts'];
/** A navigation quicker than this shows no progress bar (no flash on cached pages). */
export const PROGRESS_DELAY_MS = 150;
/** The due-visit badge is read again on a navigation at most this often (each read is audited). */
const BADGE_REFRESH_MS = 120_000;

/** A station counsellor's bottom tabs on a phone: the field worker's day in one tap each. */
const STATION_TABS: readonly (NavItem & { readonly badge?: true; readonly testid: string })[] = [
  { path: '/', label: 'nav.today', icon: 'home', exact: true, testid: 'tab-today' },
  {
    path: '/follow-ups',
    label: 'nav.followUps',
    icon: 'phone',
    exact: false,
    except: STATION_ONLY,
    badge: true,
    testid: 'tab-follow-ups',
  },
  { path: '/trainees', label: 'nav.trainees', icon: 'team', exact: false, testid: 'tab-trainees' },
  { path: '/notifications', label: 'nav.messages', icon: 'bell', exact: false, testid: 'tab-messages' },
];
const ACCOUNT: NavItem = { path: '/account', label: 'nav.account', icon: 'user', exact: false };

/**
 * What each role finds in the side menu. Features not built yet are not listed. 三权分立: the
 * system administrator has no audit log; the security and audit administrators have one page each.
 */
const NAV: Readonly<Record<Role, readonly NavItem[]>> = {
  admin: [
    HOME,
    { path: '/admin/organisations', label: 'nav.organisations', icon: 'bank', exact: false },
    { path: '/admin/users', label: 'nav.users', icon: 'team', exact: false },
    { path: '/trainees', label: 'nav.trainees', icon: 'team', exact: false },
    { path: '/handovers', label: 'nav.handovers', icon: 'swap', exact: false },
    { path: '/admin/learning', label: 'nav.learningAdmin', icon: 'book', exact: false },
    { path: '/follow-ups', label: 'nav.followUps', icon: 'phone', exact: false },
    { path: '/matching/weights', label: 'nav.matchingWeights', icon: 'setting', exact: false },
    { path: '/orders', label: 'nav.orders', icon: 'solution', exact: false },
    { path: '/fairs', label: 'nav.fairs', icon: 'shop', exact: false },
    { path: '/reports', label: 'nav.reports', icon: 'bar-chart', exact: false },
    { path: '/admin/jobs', label: 'nav.jobQueue', icon: 'thunderbolt', exact: false },
    // 'nav.jobLimits' (从业限制 / Job limits) is to be added to core/i18n/zh.ts and en.ts.
    { path: '/admin/job-limits', label: 'nav.jobLimits', icon: 'stop', exact: false },
    { path: '/admin/sealing', label: 'nav.sealing', icon: 'lock', exact: false },
    ACCOUNT,
  ],
  counsellor: [
    HOME,
    { path: '/trainees', label: 'nav.trainees', icon: 'team', exact: false, except: ['/trainees/pre-release'] },
    { path: '/trainees/pre-release', label: 'nav.preRelease', icon: 'check-circle', exact: false },
    { path: '/handovers', label: 'nav.handovers', icon: 'swap', exact: false },
    {
      path: '/follow-ups',
      label: 'nav.followUps',
      icon: 'phone',
      exact: false,
      except: ['/follow-ups/transfers', '/follow-ups/lost-contacts'],
    },
    // 'nav.transfers' (转移监管 / Transfers) and 'nav.lostContacts' (失联人员 / Lost contact) are to be added to core/i18n/zh.ts and en.ts.
    { path: '/follow-ups/transfers', label: 'nav.transfers', icon: 'environment', exact: false },
    { path: '/follow-ups/lost-contacts', label: 'nav.lostContacts', icon: 'exclamation-circle', exact: false },
    { path: '/catalogue/classes', label: 'nav.classes', icon: 'book', exact: false },
    { path: '/catalogue/courses', label: 'nav.courses', icon: 'tool', exact: false },
    { path: '/orders', label: 'nav.orders', icon: 'solution', exact: false },
    { path: '/placements', label: 'nav.placements', icon: 'flag', exact: false },
    { path: '/fairs', label: 'nav.fairs', icon: 'shop', exact: false },
    { path: '/reports', label: 'nav.reports', icon: 'bar-chart', exact: false },
    ACCOUNT,
  ],
  security_admin: [HOME, { path: '/admin/permissions', label: 'nav.users', icon: 'key', exact: false }, ACCOUNT],
  audit_admin: [HOME, { path: '/admin/audit', label: 'nav.audit', icon: 'audit', exact: false }, ACCOUNT],
  instructor: [HOME, { path: '/teaching', label: 'nav.teaching', icon: 'book', exact: false }, ACCOUNT],
  employer: [
    HOME,
    { path: '/orders', label: 'nav.orders', icon: 'solution', exact: false },
    { path: '/fairs', label: 'nav.fairs', icon: 'shop', exact: false },
    ACCOUNT,
  ],
  // Real destinations only: the account page and signing out are under 我的 (a stray tap on a tab never signs anyone out).
  trainee: [
    HOME,
    { path: '/learning', label: 'nav.learning', icon: 'book', exact: false },
    { path: '/me/jobs', label: 'nav.jobs', icon: 'solution', exact: false },
    { path: '/fairs', label: 'nav.fairs', icon: 'shop', exact: false },
    { path: '/me', label: 'nav.me', icon: 'user', exact: false, except: ['/me/jobs'] },
  ],
};

/**
 * The signed-in frame: what it knows (the role's menu, the station's due visits, where a navigation is
 * going) and the progress bar. Staff get a header with a side menu, a drawer on phones (`StaffFrame`);
 * trainees a phone-first frame with large touch targets and a bottom bar (`TraineeFrame`). Each frame
 * is its own chunk (`@defer` in the template; boot.ts fetches the role's early), so neither carries
 * the other's components.
 */
@Component({
  selector: 'jbh-shell',
  imports: [TraineeFrame, StaffFrame],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
  providers: [appIconProviders()],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly unsent = inject(UnsentVisitsCheck);
  readonly t = this.i18n.t;
  readonly isPhone = inject(Viewport).isPhone;

  readonly user = this.auth.user;
  /**
   * Once a trainee's frame, always (until the shell goes): signing out clears the user a moment before
   * /login shows, and the staff frame must not flash up in between (its bell would ask for messages
   * without a session and draw two 401s).
   */
  private traineeFrame = false;
  readonly isTrainee = computed(() => (this.traineeFrame ||= this.auth.role() === 'trainee'));
  /** An employer not (yet) verified: home and account only — the server refuses it everything else. */
  private readonly employerStanding = inject(EmployerStanding);
  private readonly homeApi = inject(HomeApi);
  /** The signed-in counsellor's organisation type (read once per sign-in; the home page's API, already in the start-up bundle). */
  private readonly orgType = signal<{ organisationId: string; type: OrganisationType } | null>(null);
  /** A counsellor at a community station (unknown while the organisation is read: not a station yet). */
  readonly isStation = computed(() => {
    const user = this.auth.user();
    const known = this.orgType();
    return user?.role === 'counsellor' && known?.organisationId === user.organisationId && known.type === 'community_station';
  });
  readonly nav = computed(() => {
    if (!this.employerStanding.verified()) return [HOME, ACCOUNT];
    const items = NAV[this.auth.role() ?? 'trainee'];
    // Transfers and lost contacts are a station's work: a facility's counsellor does not see them.
    return this.auth.role() === 'counsellor' && !this.isStation() ? items.filter((i) => !STATION_ONLY.includes(i.path)) : items;
  });
  readonly tabs = STATION_TABS;
  /** Station staff on a phone get the bottom tabs (the side menu stays behind the hamburger for the rest). */
  readonly showTabs = computed(() => this.isPhone() && this.isStation());
  /** Visits due or overdue at the station, for the 回访 tab's badge (null: not known, no badge). */
  readonly due = signal<number | null>(null);
  private dueReadAt = 0;
  private readonly followUps = inject(FollowUpsApi);
  /** A navigation under way for longer than PROGRESS_DELAY_MS: the thin bar at the top shows. */
  readonly loading = signal(false);
  /** Where a navigation under way is going: the menu lights it up at once (back to `path` if it is cancelled). */
  private readonly target = signal<string | null>(null);
  readonly initial = computed(() => (this.user()?.displayName ?? '?').slice(0, 1));
  /**
   * The frame's secondary part is built a task after the first render: the notification bell (which asks
   * for the unread count), and in the staff frame the header's other controls (the language switch and the
   * user menu) too. The page's first paint does not wait for them: on a slow phone the first change detection
   * is the load's longest task, and a long task is charged more than the same work in two.
   */
  readonly secondary = signal(false);
  private secondaryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The current path without query or fragment: a filtered list still lights up its menu entry. */
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
      startWith(this.router.url),
      map((url) => url.split(/[?#]/)[0] || '/'),
    ),
    { initialValue: '/' },
  );

  constructor() {
    // Staff sign out after a while without input (office computers); stops when the frame goes.
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(inject(IdleTimeout).start());
    // A counsellor's organisation type decides the station's tabs and menu entries.
    effect(() => {
      const user = this.auth.user();
      if (user?.role !== 'counsellor') return;
      const id = user.organisationId;
      untracked(() => {
        if (this.orgType()?.organisationId === id) return;
        this.homeApi
          .organisation(id)
          .subscribe({ next: (o) => this.orgType.set({ organisationId: id, type: o.type }), error: () => undefined });
      });
    });
    effect(() => {
      if (this.isStation()) untracked(() => this.readDue(true));
    });
    // Visits sent from the phone's outbox change what is due.
    inject(VisitOutbox)
      .results.pipe(takeUntilDestroyed())
      .subscribe(() => this.readDue(true));
    destroyRef.onDestroy(() => clearTimeout(this.secondaryTimer));
    this.trackNavigation(destroyRef);
  }

  /**
   * Called by the frame once it is drawn (its `afterNextRender`): the secondary parts come a task later,
   * so the first paint of the frame and the page does not wait for them.
   */
  framed(): void {
    if (this.secondaryTimer !== undefined) return;
    this.secondaryTimer = setTimeout(() => {
      this.secondary.set(true);
      // Counsellors type visits, offline too: the sign-out question's code is fetched while online.
      if (this.auth.role() === 'counsellor') this.unsent.prepare(true);
    });
  }

  /** NavigationStart lights the menu at once; the bar shows only if the route takes a while to load and resolve. */
  private trackNavigation(destroyRef: DestroyRef): void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    destroyRef.onDestroy(stop);
    this.router.events.pipe(takeUntilDestroyed()).subscribe((e) => {
      if (e instanceof NavigationStart) {
        this.target.set(e.url.split(/[?#]/)[0] || '/');
        stop();
        timer = setTimeout(() => this.loading.set(true), PROGRESS_DELAY_MS);
      } else if (e instanceof NavigationEnd || e instanceof NavigationCancel || e instanceof NavigationError) {
        stop();
        this.loading.set(false);
        this.target.set(null);
        if (e instanceof NavigationEnd) this.readDue(false);
      }
    });
  }

  /** The badge's count: `force` after a send or at first; otherwise at most every BADGE_REFRESH_MS. */
  private readDue(force: boolean): void {
    if (!this.isStation() || (!force && Date.now() - this.dueReadAt < BADGE_REFRESH_MS)) return;
    this.dueReadAt = Date.now();
    this.followUps.dueCount().subscribe({ next: (n) => this.due.set(n), error: () => this.due.set(null) });
  }

  isActive(item: NavItem): boolean {
    const path = this.target() ?? this.path();
    if (item.exact) return path === item.path;
    const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
    return under(item.path) && !(item.except ?? []).some(under);
  }

  toggleLang(): void {
    void this.i18n.toggle();
  }

  /** Visits typed offline still on the phone? Ask first (send now, keep them sealed for this user, or discard). */
  async logout(): Promise<void> {
    if (await this.unsent.confirmLogout()) this.auth.logout();
  }
}
