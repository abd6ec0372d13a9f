import { TestBed } from '@angular/core/testing';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import { en } from './en';
import { I18n, LANG_STORAGE_KEY } from './i18n';
import { zh } from './zh';

describe('I18n', () => {
  beforeEach(() => localStorage.clear());

  function create(): I18n {
    TestBed.configureTestingModule({});
    return TestBed.inject(I18n);
  }

  it('speaks Chinese first', () => {
    const i18n = create();
    expect(i18n.lang()).toBe('zh-CN');
    expect(i18n.t('nav.home')).toBe('首页');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('writes calendar dates by hand exactly as Intl does, in both languages', async () => {
    const i18n = create();
    const dates = ['2026-12-05', '2024-02-29', '1999-01-01', '2030-09-30'];
    const intl = (lang: string, d: string) =>
      new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
    for (const d of dates) expect(i18n.date(d)).toBe(intl('zh-CN', d));
    for (const d of dates) expect(i18n.shortDate(d)).toBe(d);
    expect(i18n.date('2026-12-05')).toBe('2026年12月5日');
    await i18n.setLang('en');
    for (const d of dates) expect(i18n.date(d)).toBe(intl('en', d));
    expect(i18n.date('2026-12-05')).toBe('December 5, 2026');
    const intlShort = (d: string) =>
      new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${d}T12:00:00Z`),
      );
    for (const d of dates) expect(i18n.shortDate(d)).toBe(intlShort(d));
    expect(i18n.shortDate('2026-09-30')).toBe('Sep 30, 2026');
    expect(i18n.date(null)).toBe('');
  });

  it('fills in parameters', () => {
    const i18n = create();
    expect(i18n.t('common.total', { total: 42 })).toBe('共 42 条');
    expect(i18n.t('creditCode.checkDigit', { expected: '3' })).toContain('应为 3');
  });

  it('switches to English at runtime, remembers it, and switches ng-zorro too', async () => {
    const i18n = create();
    const nz = TestBed.inject(NzI18nService);
    await i18n.setLang('en');
    expect(i18n.lang()).toBe('en');
    expect(i18n.t('nav.home')).toBe('Home');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(nz.getLocale()).toBe(en_US);
    expect(document.documentElement.lang).toBe('en');

    await i18n.toggle();
    expect(i18n.t('nav.home')).toBe('首页');
    expect(nz.getLocale()).toBe(zh_CN);
  });

  it('restores the remembered language at start-up', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    const i18n = create();
    await i18n.restore();
    expect(i18n.isEnglish()).toBe(true);
    expect(i18n.t('login.submit')).toBe('Sign in');
  });

  it('shows the server message in the current language', async () => {
    const i18n = create();
    const error = {
      statusCode: 423,
      code: 'ACCOUNT_LOCKED',
      message: '账号已锁定，请15分钟后再试。',
      messageEn: 'Locked: try again in 15 minute(s).',
    };
    expect(i18n.errorMessage(error)).toBe('账号已锁定，请15分钟后再试。');
    await i18n.setLang('en');
    expect(i18n.errorMessage(error)).toBe('Locked: try again in 15 minute(s).');
  });

  it('shows a known code from the catalogue, rendered with its params, in the current language', async () => {
    const i18n = create();
    await i18n.loadMessages();
    const error = { statusCode: 404, code: 'NOT_FOUND', message: 'x', messageEn: 'y', params: { thing: 'TRAINEE_RECORD' } };
    expect(i18n.errorMessage(error)).toBe('找不到该学员档案，或您无权查看。');
    await i18n.setLang('en');
    expect(i18n.errorMessage(error)).toBe('Trainee record not found, or you may not see it.');
  });

  it('renders the field problems of VALIDATION_FAILED per language', async () => {
    const i18n = create();
    await i18n.loadMessages();
    const error = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'x',
      messageEn: 'y',
      details: { fields: [{ field: 'code', problems: ['?'], messages: [{ key: 'FAIR_CHECKIN_CODE_FORMAT', params: { field: 'code' } }] }] },
    };
    expect(i18n.errorMessage(error)).toBe('请检查输入：code：签到码为 8 位，由数字 2–9 和大写字母组成（没有 0、1、I、L、O）');
    await i18n.setLang('en');
    expect(i18n.errorMessage(error)).toBe(
      'Please check the input: code: the check-in code has 8 characters: digits 2–9 and capital letters except I, L and O',
    );
  });

  it('translates runtime keys only when they exist', () => {
    const i18n = create();
    expect(i18n.tryT('audit.action.auth.login')).toBe('登录');
    expect(i18n.tryT('audit.action.something.new')).toBeUndefined();
  });

  it('has the same keys, all non-empty, in both dictionaries', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const value of [...Object.values(zh), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });
});
