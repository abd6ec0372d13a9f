import PAGE from './index.html' with { loader: 'text' };
import { authControllerChallenge } from '../app/core/api/generated/fn/auth/auth-controller-challenge';
import { authControllerLogin } from '../app/core/api/generated/fn/auth/auth-controller-login';
import { authControllerMfa } from '../app/core/api/generated/fn/auth/auth-controller-mfa';
import { authControllerRefresh } from '../app/core/api/generated/fn/auth/auth-controller-refresh';
import { MFA_ISSUER } from '../app/account/mfa/mfa-words';
import { SESSION_HINT_KEY } from '../app/core/auth/early-refresh';
import { LANG_STORAGE_KEY } from '../app/core/i18n/lang-storage';
import { en } from '../app/core/i18n/en';
import { SIGN_IN_API, SignInPage } from './sign-in-page';
import { type SignInKey, ZH_WORDS } from './sign-in-words';

const INVALID = { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码不正确。', messageEn: 'Wrong username or password.' };
const CHALLENGE = {
  statusCode: 401,
  code: 'CHALLENGE_REQUIRED',
  message: '登录尝试过多，请先完成下方的安全验证，再重新登录。',
  messageEn: 'Too many sign-in attempts: complete the security check below, then sign in again.',
};

interface Call {
  path: string;
  body: Record<string, unknown>;
}

/** The page in jsdom with a scripted server: `answers` are taken in order, one per request. */
function mount(search = '', answers: { status: number; body?: unknown }[] = [], appIndex = '') {
  const doc = document.implementation.createHTMLDocument('sign-in');
  doc.documentElement.innerHTML = PAGE.replace(/^<!doctype html>/i, '');
  const calls: Call[] = [];
  const replace = vi.fn<(url: string) => void>();
  const replaceState = vi.fn();
  const loadChallenge = vi.fn(() => Promise.resolve());
  const fetch = vi.fn((path: string, init?: RequestInit) => {
    // The app's index.html (read by the prefetch): not an API call.
    if (path === '/') return Promise.resolve(new Response(appIndex, { status: 200, headers: { 'content-type': 'text/html' } }));
    calls.push({ path, body: JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown> });
    const next = answers.shift();
    if (!next) return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(
      new Response(next.body === undefined ? null : JSON.stringify(next.body), {
        status: next.status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  const page = new SignInPage({
    document: doc,
    location: { search, pathname: '/login', replace },
    history: { replaceState },
    fetch: fetch as unknown as typeof globalThis.fetch,
    loadChallenge,
    loadEnglish: () => import('./sign-in-words').then((m) => m.loadEnglishWords()),
  });
  const $ = <T extends HTMLElement = HTMLElement>(selector: string) => doc.querySelector<T>(selector)!;
  const submit = async (username: string, password: string) => {
    $<HTMLInputElement>('#username').value = username;
    $<HTMLInputElement>('#password').value = password;
    $<HTMLFormElement>('#login-form').requestSubmit();
    await settle();
  };
  return { doc, page, calls, replace, replaceState, loadChallenge, fetch, $, submit };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const visible = (el: Element | null) => !!el && !(el as HTMLElement).hidden && !(el as HTMLElement).closest('[hidden]');

describe('the sign-in page (no framework)', () => {
  beforeEach(() => localStorage.clear());

  it('is written in the Chinese dictionary’s words, so nothing changes when the script starts', () => {
    const { doc } = mount();
    const template = doc.querySelector<HTMLTemplateElement>('#mfa-template')!.content;
    const written = [...doc.body.querySelectorAll<HTMLElement>('[data-t]'), ...template.querySelectorAll<HTMLElement>('[data-t]')];
    expect(written.length).toBeGreaterThan(20);
    for (const node of written)
      expect(node.textContent.trim(), node.dataset['t']).toBe(ZH_WORDS[node.dataset['t'] as SignInKey].replace('{issuer}', MFA_ISSUER));
    // The frame says 技能与就业, never the programme's name: the page may be seen on a shared phone.
    expect(doc.title).toBe('登录 · 技能与就业');
    expect(doc.body.textContent).not.toContain('金不换');
  });

  it('calls the API the generated client names', () => {
    expect(SIGN_IN_API.login).toBe(authControllerLogin.PATH);
    expect(SIGN_IN_API.mfa).toBe(authControllerMfa.PATH);
    expect(SIGN_IN_API.refresh).toBe(authControllerRefresh.PATH);
    expect(SIGN_IN_API.challenge).toBe(authControllerChallenge.PATH);
  });

  it('asks for both fields before sending anything', async () => {
    const { page, fetch, $, submit } = mount();
    await page.start();
    await submit('  ', '');
    expect(fetch).not.toHaveBeenCalled();
    expect(visible($('#username-error'))).toBe(true);
    expect(visible($('#password-error'))).toBe(true);
    expect($('#username').getAttribute('aria-invalid')).toBe('true');
  });

  it('signs in and loads the app where the person was going, same-site only', async () => {
    const { page, calls, replace, submit } = mount('?returnUrl=%2Ftrainees%3Fstate%3Dactive', [
      { status: 200, body: { accessToken: 't' } },
    ]);
    await page.start();
    await submit('  Counsellor ', 'Demo#2026');
    expect(calls).toEqual([{ path: '/api/auth/login', body: { username: 'counsellor', password: 'Demo#2026' } }]);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
    expect(replace).toHaveBeenCalledWith('/trainees?state=active');
    // Nothing typed is kept in the browser: only the "signed in before" flag.
    expect(Object.keys(localStorage)).toEqual([SESSION_HINT_KEY]);

    for (const hostile of ['https%3A%2F%2Fevil.example', '%2F%2Fevil.example', '%2F%5Cevil.example', '%2Flogin']) {
      const other = mount(`?returnUrl=${hostile}`, [{ status: 200, body: {} }]);
      await other.page.start();
      await other.submit('counsellor', 'Demo#2026');
      expect(other.replace).toHaveBeenCalledWith('/');
    }
  });

  it('shows the server’s words for a wrong password, in the language chosen, and empties the password', async () => {
    const { page, $, submit, doc } = mount('', [{ status: 401, body: INVALID }]);
    await page.start();
    await submit('admin', 'Wrong#2026');
    expect(visible($('[data-testid=login-error]'))).toBe(true);
    expect($('[data-testid=login-error]').textContent).toContain('用户名或密码不正确。');
    expect($<HTMLInputElement>('#password').value).toBe('');
    $('#lang-toggle').click();
    await vi.waitFor(() => expect(doc.documentElement.lang).toBe('en'));
    expect($('[data-testid=login-error]').textContent).toContain('Wrong username or password.');
    expect($('#login-title').textContent).toBe(en['login.title']);
    expect(doc.title).toBe(`${en['login.title']} · ${en['app.discreetName']}`);
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
  });

  it('says so when the server cannot be reached', async () => {
    const { page, $, submit } = mount('', []);
    await page.start();
    await submit('admin', 'Demo#2026');
    expect($('[data-testid=login-error]').textContent).toContain('连不上服务器');
  });

  it('after repeated failures shows the check, keeps the password, and sends one solution per attempt', async () => {
    const { page, $, submit, loadChallenge, calls, doc } = mount('', [
      { status: 401, body: CHALLENGE },
      { status: 401, body: INVALID },
    ]);
    await page.start();
    await submit('counsellor2', 'Maybe#2026');
    expect(loadChallenge).toHaveBeenCalledTimes(1);
    expect(visible($('[data-testid=login-challenge]'))).toBe(true);
    const widget = doc.querySelector('altcha-widget')!;
    expect(widget.getAttribute('challenge')).toBe('/api/auth/challenge');
    expect($<HTMLInputElement>('#password').value).toBe('Maybe#2026');

    widget.dispatchEvent(new CustomEvent('statechange', { detail: { state: 'verified', payload: 'solved-1' } }));
    $<HTMLFormElement>('#login-form').requestSubmit();
    await settle();
    expect(calls[1]!.body['altcha']).toBe('solved-1');
    // Spent: the next press without a new solution sends none.
    await submit('counsellor2', 'Again#2026');
    expect(calls[2]?.body['altcha']).toBeUndefined();
  });

  it('asks for the code after the password, then signs in with it', async () => {
    const { page, $, submit, calls, replace, doc, fetch } = mount('', [
      { status: 200, body: { mfaRequired: true, mfaToken: 'mfa-token-1' } },
      { status: 200, body: {} },
    ]);
    await page.start();
    await submit('admin', 'Demo#2026');
    const step = $('[data-testid=mfa-step]');
    expect(visible(step)).toBe(true);
    expect(visible($('#login-form'))).toBe(false);
    // One submit button on the page a person can press (the password form's is hidden with it).
    expect([...doc.querySelectorAll('button[type=submit]')].filter(visible)).toHaveLength(1);
    expect(step.textContent).toContain('技能与就业');

    $<HTMLInputElement>('#mfa-code').value = '12345';
    step.querySelector('form')!.requestSubmit();
    await settle();
    expect(calls).toHaveLength(1);
    expect(visible($('#mfa-code-error'))).toBe(true);

    $<HTMLInputElement>('#mfa-code').value = '123 456';
    step.querySelector('form')!.requestSubmit();
    await settle();
    expect(calls[1]).toEqual({ path: '/api/auth/mfa', body: { mfaToken: 'mfa-token-1', code: '123456' } });
    // A session call: the cookie comes back with the answer; no bearer token, no idempotency key.
    const init = fetch.mock.calls[1]![1]!;
    expect(init.credentials).toBe('same-origin');
    expect(Object.keys(init.headers as Record<string, string>).sort()).toEqual(['Accept', 'Content-Type']);
    expect(replace).toHaveBeenCalledWith('/');
  });

  it('takes a recovery code instead, and offers only a fresh start once the step is spent', async () => {
    const { page, $, submit, calls } = mount('', [
      { status: 200, body: { mfaRequired: true, mfaToken: 'mfa-token-2' } },
      { status: 401, body: { statusCode: 401, code: 'MFA_TOKEN_INVALID', message: '验证已超时，请重新登录。', messageEn: 'Start again.' } },
    ]);
    await page.start();
    await submit('admin', 'Demo#2026');
    $('[data-testid=mfa-toggle]').click();
    expect(visible($('#mfa-recovery-code'))).toBe(true);
    expect(visible($('#mfa-code'))).toBe(false);
    $<HTMLInputElement>('#mfa-recovery-code').value = ' ABCDE-FGHJK ';
    $('[data-testid=mfa-step] form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls[1]!.body).toEqual({ mfaToken: 'mfa-token-2', recoveryCode: 'ABCDE-FGHJK' });
    expect($('[data-testid=mfa-step-error]').textContent).toContain('验证已超时');
    expect(visible($('[data-testid=mfa-restart]'))).toBe(true);
    expect(visible($('[data-testid=mfa-step] form'))).toBe(false);

    $('[data-testid=mfa-restart]').click();
    expect($('[data-testid=mfa-step]')).toBeNull();
    expect(visible($('#login-form'))).toBe(true);
    expect($<HTMLInputElement>('#password').value).toBe('');
  });

  it('says why after an idle sign-out, once: the notice leaves the address', async () => {
    const { page, $, replaceState } = mount('?notice=idle&returnUrl=%2Ftrainees');
    await page.start();
    expect(visible($('[data-testid=session-idle]'))).toBe(true);
    expect($('[data-testid=session-idle]').textContent).toContain('长时间未操作');
    expect(visible($('[data-testid=session-expired]'))).toBe(false);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/login?returnUrl=%2Ftrainees');
  });

  it('fills in the username the activation page sends, cut to the field’s length', async () => {
    const { page, $ } = mount(`?username=${'y'.repeat(60)}`);
    await page.start();
    expect($<HTMLInputElement>('#username').value).toBe('y'.repeat(40));
  });

  it('goes on into the app when this browser’s session still holds, and forgets a refused one', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const holding = mount('?returnUrl=%2Fme', [{ status: 200, body: { accessToken: 't' } }]);
    await holding.page.start();
    expect(holding.calls[0]!.path).toBe('/api/auth/refresh');
    expect(holding.replace).toHaveBeenCalledWith('/me');

    const refused = mount('', [{ status: 401, body: { code: 'SESSION_EXPIRED' } }]);
    await refused.page.start();
    expect(refused.replace).not.toHaveBeenCalled();
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();

    // A server that does not answer keeps the flag and shows the form (the app would send the person back: no loop).
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const away = mount('', [{ status: 503, body: {} }]);
    await away.page.start();
    expect(away.replace).not.toHaveBeenCalled();
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
  });

  it('fetches the app’s start-up files into the cache while the person types, and follows nothing else', async () => {
    const index =
      '<link rel="stylesheet" href="styles-AB12CD34.css"><link rel="modulepreload" href="chunk-XY98ZW76.js">' +
      '<script src="main-QW12ER34.js" type="module"></script><script src="https://evil.example/x.js"></script>' +
      '<link rel="icon" href="favicon.svg"><script src="../up.js"></script><script src="/abs/path.js"></script>';
    const { page, doc, calls, fetch } = mount('', [], index);
    await page.prefetchApp();
    expect(fetch.mock.calls.map(([path]) => path)).toEqual(['/']);
    expect(calls).toEqual([]);
    const links = [...doc.head.querySelectorAll<HTMLLinkElement>('link[rel=prefetch]')].map((l) => l.getAttribute('href'));
    expect(links).toEqual(['/styles-AB12CD34.css', '/chunk-XY98ZW76.js', '/main-QW12ER34.js']);
  });

  it('shows the password on request and says so to a screen reader', async () => {
    const { page, $ } = mount();
    await page.start();
    $('#show-password').click();
    expect($<HTMLInputElement>('#password').type).toBe('text');
    expect($('#show-password').getAttribute('aria-pressed')).toBe('true');
    expect($('#show-password svg')).not.toBeNull();
  });
});
