import {
  authControllerChallengePath,
  authControllerLoginPath,
  authControllerMfaPath,
  authControllerRefreshPath,
} from '../app/core/api/generated/paths';
import type { LoginDto } from '../app/core/api/generated/models/login-dto';
import type { MfaLoginDto } from '../app/core/api/generated/models/mfa-login-dto';
import { hasSessionHint, setSessionHint, withRefreshLock } from '../app/core/auth/early-refresh';
import { safeReturnUrl } from '../app/core/auth/sign-in-address';
import { NETWORK_ERROR, UNKNOWN_ERROR } from '../app/core/errors/fallback-errors';
import { type Lang, readStoredLang, storeLang } from '../app/core/i18n/lang-storage';
import { ICONS } from './sign-in-icons';
import { type SignInKey, type SignInWords, WORD_PARAMS, ZH_WORDS, loadEnglishWords } from './sign-in-words';

/**
 * The API the page calls, by the generated paths (`generated/paths.ts`, from the server's document): the
 * generated functions run on Angular's HttpClient, which this page does not load.
 */
export const SIGN_IN_API = {
  login: authControllerLoginPath,
  mfa: authControllerMfaPath,
  refresh: authControllerRefreshPath,
  challenge: authControllerChallengePath,
} as const;

/** Errors after which the second step's token is spent: only a new password step helps. */
const MFA_RESTART_CODES = new Set(['MFA_TOKEN_INVALID', 'SESSION_EXPIRED']);
const MFA_CODE = /^\s*\d{3}\s?\d{3}\s*$/;
const RECOVERY_MIN_LENGTH = 10;

/** What the server answered: its status (0: no answer) and its JSON body, when there was one. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** What the page shows for a failed answer: the server's own words in both languages. */
interface Problem {
  readonly code: string;
  readonly message: string;
  readonly messageEn: string;
}

/** What the page needs from the browser (the spec gives its own). */
export interface SignInBrowser {
  readonly document: Document;
  readonly location: { readonly search: string; readonly pathname: string; replace(url: string): void };
  readonly history?: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly fetch: typeof fetch;
  /** Registers `<altcha-widget>` (the proof-of-work check asked for after repeated failures). */
  readonly loadChallenge: () => Promise<void>;
  readonly loadEnglish?: () => Promise<SignInWords>;
  /** Runs `work` once the page has nothing else to do (the app's files are fetched then). */
  readonly whenIdle?: (work: () => void) => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemOf(answer: Answer): Problem {
  if (answer.status === 0) return NETWORK_ERROR;
  const body = answer.body;
  if (isRecord(body) && typeof body['code'] === 'string' && typeof body['message'] === 'string') {
    return {
      code: body['code'],
      message: body['message'],
      messageEn: typeof body['messageEn'] === 'string' ? body['messageEn'] : body['message'],
    };
  }
  return UNKNOWN_ERROR;
}

function interpolate(text: string): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => WORD_PARAMS[name] ?? whole);
}

/**
 * The sign-in page (src/sign-in/index.html): username and password, then the code step for accounts
 * with two-step verification, the proof-of-work check after repeated failures, the language switch,
 * and the notices an idle or expired session leaves (`?notice=`). On success it marks the browser as
 * signed in and loads the app where the person was going (`?returnUrl=`, same-site paths only); the
 * app takes the session up from the refresh cookie, as on any reload.
 */
export class SignInPage {
  private readonly doc: Document;
  private words: SignInWords = ZH_WORDS;
  private lang: Lang = 'zh-CN';
  private busy = false;
  /** The last problem shown, kept so a language switch can show it in the other language. */
  private problem: Problem | null = null;
  private mfaProblem: Problem | null = null;
  private challengePayload: string | null = null;
  private mfaToken: string | null = null;
  private mfaRecovery = false;

  constructor(private readonly browser: SignInBrowser) {
    this.doc = browser.document;
  }

  private el<T extends HTMLElement = HTMLElement>(id: string): T {
    const found = this.doc.getElementById(id);
    if (!found) throw new Error(`the sign-in page has no #${id}`);
    return found as T;
  }

  private t(key: SignInKey): string {
    return interpolate(this.words[key]);
  }

  async start(): Promise<void> {
    this.drawIcons(this.doc.body);
    this.el<HTMLFormElement>('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.signIn();
    });
    this.el('show-password').addEventListener('click', () => this.togglePassword());
    this.el('lang-toggle').addEventListener('click', () => void this.setLang(this.lang === 'en' ? 'zh-CN' : 'en'));
    this.readAddress();
    if (readStoredLang() === 'en') await this.setLang('en');
    if (hasSessionHint()) await this.resumeSession();
    this.browser.whenIdle?.(() => void this.prefetchApp());
  }

  /**
   * The app's start-up files (named in its index.html) fetched into the browser's cache while the person
   * types, at the lowest priority: after "登录" only the app's start is left, not its download. They are
   * hashed and immutable, so the cached copies are the ones the app loads. Nothing on Save-Data or 2G.
   */
  async prefetchApp(): Promise<void> {
    const navigator: (Navigator & { connection?: { saveData?: boolean; effectiveType?: string } }) | undefined =
      this.doc.defaultView?.navigator;
    const connection = navigator?.connection;
    if (connection && (connection.saveData === true || /(^|-)2g$/.test(connection.effectiveType ?? ''))) return;
    let html = '';
    try {
      const res = await this.browser.fetch('/', { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (res.ok) html = await res.text();
    } catch {
      return;
    }
    // Only plain file names at the site's root (what the app's build writes): nothing else is followed.
    const files = new Set([...html.matchAll(/\b(?:src|href)="([\w.-]+\.(?:js|css))"/g)].map((m) => m[1]!));
    for (const file of files) {
      const link = this.doc.createElement('link');
      link.rel = 'prefetch';
      link.href = `/${file}`;
      this.doc.head.append(link);
    }
  }

  /** `?username=` (from the activation page), `?notice=` (shown once: taken out of the address). */
  private readAddress(): void {
    const query = new URLSearchParams(this.browser.location.search);
    const username = query.get('username');
    if (username) this.el<HTMLInputElement>('username').value = username.slice(0, 40);
    const notice = query.get('notice');
    if (notice === 'idle') this.el('notice-idle').hidden = false;
    if (notice === 'expired') this.el('notice-expired').hidden = false;
    if (notice !== null) {
      query.delete('notice');
      const rest = query.toString();
      this.browser.history?.replaceState(null, '', `${this.browser.location.pathname}${rest ? `?${rest}` : ''}`);
    }
  }

  private returnUrl(): string {
    return safeReturnUrl(new URLSearchParams(this.browser.location.search).get('returnUrl'));
  }

  /** Into the app: it restores the session from the refresh cookie the answer has just set. */
  private enter(): void {
    setSessionHint(true);
    this.browser.location.replace(this.returnUrl());
  }

  private async post(path: string, body: unknown): Promise<Answer> {
    try {
      const res = await this.browser.fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    } catch {
      return { status: 0, body: null };
    }
  }

  /**
   * This browser was signed in: when the session still holds, go on into the app instead of asking
   * again. A refusal forgets the flag; no answer leaves it and shows the form (no loop with the app).
   */
  private async resumeSession(): Promise<void> {
    const answer = await withRefreshLock(() => this.post(SIGN_IN_API.refresh, {}));
    if (answer.status >= 200 && answer.status < 300) this.enter();
    else if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) setSessionHint(false);
  }

  // ── Username and password ──────────────────────────────────────────────────────────────────
  private async signIn(): Promise<void> {
    if (this.busy) return;
    const username = this.el<HTMLInputElement>('username');
    const password = this.el<HTMLInputElement>('password');
    const missingName = this.markRequired(username, 'username-error', username.value.trim() === '');
    const missingPassword = this.markRequired(password, 'password-error', password.value === '');
    if (missingName || missingPassword) {
      (missingName ? username : password).focus();
      return;
    }
    this.showProblem(null);
    this.setBusy('login-submit', true);
    const credentials: LoginDto = {
      username: username.value.trim().toLowerCase(),
      password: password.value,
      ...(this.challengePayload ? { altcha: this.challengePayload } : {}),
    };
    const answer = await this.post(SIGN_IN_API.login, credentials);
    this.setBusy('login-submit', false);
    if (answer.status >= 200 && answer.status < 300) {
      if (isRecord(answer.body) && answer.body['mfaRequired'] === true && typeof answer.body['mfaToken'] === 'string') {
        this.showMfaStep(answer.body['mfaToken']);
      } else {
        this.enter();
      }
      return;
    }
    const problem = problemOf(answer);
    this.showProblem(problem);
    this.hideNotices();
    if (problem.code === 'CHALLENGE_REQUIRED') void this.showChallenge();
    // A solution opens one attempt: a sent one is spent, so solve a fresh one.
    if (this.challengePayload) this.renewChallenge();
    // Asked for the check only: the password was not looked at, keep it for the next press.
    if (problem.code !== 'CHALLENGE_REQUIRED') password.value = '';
  }

  private markRequired(input: HTMLInputElement, errorId: string, missing: boolean): boolean {
    this.el(errorId).hidden = !missing;
    if (missing) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return missing;
  }

  private setBusy(buttonId: string, busy: boolean, root: ParentNode = this.doc): void {
    this.busy = busy;
    const button = buttonId ? this.doc.getElementById(buttonId) : root.querySelector<HTMLElement>('button[type=submit]');
    if (busy) button?.setAttribute('aria-busy', 'true');
    else button?.removeAttribute('aria-busy');
  }

  private togglePassword(): void {
    const password = this.el<HTMLInputElement>('password');
    const show = password.type === 'password';
    password.type = show ? 'text' : 'password';
    const button = this.el('show-password');
    button.setAttribute('aria-pressed', String(show));
    const icon = button.querySelector<HTMLElement>('[data-icon]');
    if (icon) {
      icon.dataset['icon'] = show ? 'eye-invisible' : 'eye';
      this.drawIcons(button);
    }
  }

  private hideNotices(): void {
    this.el('notice-idle').hidden = true;
    this.el('notice-expired').hidden = true;
  }

  private showProblem(problem: Problem | null): void {
    this.problem = problem;
    this.renderProblem(this.el('login-error'), problem);
  }

  private renderProblem(box: HTMLElement, problem: Problem | null): void {
    box.hidden = problem === null;
    const text = box.querySelector('.alert-text');
    if (text) text.textContent = problem ? (this.lang === 'en' ? problem.messageEn : problem.message) : '';
  }

  // ── The check after repeated failures (ALTCHA proof of work, solved in a worker) ────────────
  private async showChallenge(): Promise<void> {
    const box = this.el('login-challenge');
    if (!box.hidden) return;
    box.hidden = false;
    try {
      await this.browser.loadChallenge();
    } catch {
      // Without the widget the page still works: the server keeps answering CHALLENGE_REQUIRED with its message.
      return;
    }
    const widget = this.doc.createElement('altcha-widget');
    widget.setAttribute('challenge', SIGN_IN_API.challenge);
    widget.setAttribute('auto', 'onload');
    widget.setAttribute('language', this.lang === 'en' ? 'en' : 'zh-cn');
    widget.setAttribute('configuration', '{"hideFooter":true}');
    widget.addEventListener('statechange', (event) => {
      const { state, payload } = (event as CustomEvent<{ state?: string; payload?: string }>).detail ?? {};
      this.challengePayload = state === 'verified' && payload ? payload : null;
    });
    box.append(widget);
  }

  private renewChallenge(): void {
    this.challengePayload = null;
    const widget = this.doc.querySelector('altcha-widget') as
      (HTMLElement & { reset?: () => void; verify?: () => Promise<unknown> }) | null;
    widget?.reset?.();
    void widget?.verify?.();
  }

  // ── The second step: a code from the authenticator app, or a recovery code ─────────────────
  private mfaStep(): HTMLElement | null {
    return this.el('mfa-slot').querySelector<HTMLElement>('[data-testid=mfa-step]');
  }

  private showMfaStep(token: string): void {
    this.mfaToken = token;
    this.mfaRecovery = false;
    this.mfaProblem = null;
    const template = this.el<HTMLTemplateElement>('mfa-template');
    const slot = this.el('mfa-slot');
    slot.replaceChildren(template.content.cloneNode(true));
    const step = this.mfaStep()!;
    this.drawIcons(step);
    this.applyWords(step);
    this.showMfaMode();
    step.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitMfa();
    });
    for (const button of step.querySelectorAll<HTMLElement>('[data-action=restart]'))
      button.addEventListener('click', () => this.restart());
    step.querySelector('[data-action=toggle]')!.addEventListener('click', () => {
      this.mfaRecovery = !this.mfaRecovery;
      this.mfaProblem = null;
      this.renderProblem(step.querySelector<HTMLElement>('[data-testid=mfa-step-error]')!, null);
      this.showMfaMode();
    });
    this.el('login-form').hidden = true;
    this.showProblem(null);
    this.hideNotices();
    this.doc.getElementById('mfa-code')?.focus();
  }

  private showMfaMode(): void {
    const step = this.mfaStep();
    if (!step) return;
    for (const part of step.querySelectorAll<HTMLElement>('[data-mode]')) {
      part.hidden = part.dataset['mode'] !== (this.mfaRecovery ? 'recovery' : 'code');
    }
    step.querySelector('[data-action=toggle]')!.textContent = this.t(this.mfaRecovery ? 'mfa.useCode' : 'mfa.useRecovery');
  }

  private async submitMfa(): Promise<void> {
    const step = this.mfaStep();
    if (!step || !this.mfaToken || this.busy) return;
    const field = this.el<HTMLInputElement>(this.mfaRecovery ? 'mfa-recovery-code' : 'mfa-code');
    const value = field.value;
    const invalid = this.mfaRecovery ? value.trim().length < RECOVERY_MIN_LENGTH : !MFA_CODE.test(value);
    if (this.markRequired(field, this.mfaRecovery ? 'mfa-recovery-error' : 'mfa-code-error', invalid)) {
      field.focus();
      return;
    }
    const mfaAnswer: MfaLoginDto = this.mfaRecovery
      ? { mfaToken: this.mfaToken, recoveryCode: value.trim() }
      : { mfaToken: this.mfaToken, code: value.replace(/\s+/g, '') };
    this.setBusy('', true, step);
    const answer = await this.post(SIGN_IN_API.mfa, mfaAnswer);
    this.setBusy('', false, step);
    if (answer.status >= 200 && answer.status < 300) {
      this.enter();
      return;
    }
    const problem = problemOf(answer);
    this.mfaProblem = problem;
    this.renderProblem(step.querySelector<HTMLElement>('[data-testid=mfa-step-error]')!, problem);
    field.value = '';
    if (MFA_RESTART_CODES.has(problem.code)) {
      // This step's token is spent: only the big "start again" button stays.
      step.querySelector<HTMLElement>('form')!.hidden = true;
      step.querySelector<HTMLElement>('[data-action=toggle]')!.hidden = true;
      step.querySelector<HTMLElement>('[data-testid=mfa-restart]')!.hidden = false;
    }
  }

  /** Back to username and password. */
  private restart(): void {
    this.mfaToken = null;
    this.mfaProblem = null;
    this.el('mfa-slot').replaceChildren();
    this.el('login-form').hidden = false;
    this.showProblem(null);
    const password = this.el<HTMLInputElement>('password');
    password.value = '';
    password.focus();
  }

  // ── Words and icons ──────────────────────────────────────────────────────────────────────────
  /** Resolves once the page shows the language (English is fetched first; offline it stays Chinese). */
  async setLang(lang: Lang): Promise<void> {
    if (lang === 'en') {
      try {
        this.words = await (this.browser.loadEnglish ?? loadEnglishWords)();
      } catch {
        return;
      }
    } else {
      this.words = ZH_WORDS;
    }
    storeLang(lang);
    this.lang = lang;
    this.doc.documentElement.lang = lang;
    this.applyWords(this.doc);
    const toggle = this.el('lang-toggle');
    toggle.setAttribute('lang', lang === 'en' ? 'zh-CN' : 'en');
    toggle.setAttribute('aria-label', `${this.t('lang.label')}: ${this.t('lang.other')}`);
    this.el('show-password').setAttribute('aria-label', this.t('login.password'));
    this.doc.title = `${this.t('login.title')} · ${this.t('app.discreetName')}`;
    this.showMfaMode();
    this.showProblem(this.problem);
    const step = this.mfaStep();
    if (step) this.renderProblem(step.querySelector<HTMLElement>('[data-testid=mfa-step-error]')!, this.mfaProblem);
    this.doc.querySelector('altcha-widget')?.setAttribute('language', lang === 'en' ? 'en' : 'zh-cn');
  }

  private applyWords(root: ParentNode): void {
    for (const node of root.querySelectorAll<HTMLElement>('[data-t]')) {
      node.textContent = this.t(node.dataset['t'] as SignInKey);
    }
  }

  private drawIcons(root: ParentNode): void {
    for (const node of root.querySelectorAll<HTMLElement>('[data-icon]')) {
      // Our own constants (the app's icon set), never text from anywhere else.
      node.innerHTML = ICONS[node.dataset['icon'] ?? ''] ?? '';
    }
  }
}
