import { DOCUMENT } from '@angular/common';
import { Injectable, computed, inject, signal } from '@angular/core';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import { type ApiError, fieldProblems } from '../errors/api-error';
import { type Lang, readStoredLang, storeLang } from './lang-storage';
import { type TranslationKey, zh } from './zh';

export { LANG_STORAGE_KEY, type Lang } from './lang-storage';
export type TranslationParams = Readonly<Record<string, string | number>>;

type Dictionary = Readonly<Record<TranslationKey, string>>;

type MessageLang = 'zh' | 'en';

/** The server's message catalogue (`core/api/generated/messages.ts`, generated from the server's). */
export type MessageCatalogue = typeof import('../api/generated/messages');

/**
 * A server message from the catalogue, or undefined when the key is unknown (a newer server) or a
 * placeholder has no value.
 */
export function renderMessage(
  { MESSAGES, THINGS }: MessageCatalogue,
  key: string,
  lang: MessageLang,
  params: Readonly<Record<string, unknown>> = {},
): string | undefined {
  const entry = Object.hasOwn(MESSAGES, key) ? MESSAGES[key] : undefined;
  if (!entry) return undefined;
  let complete = true;
  const text = entry[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (typeof value === 'object' && value !== null && 'zh' in value && 'en' in value)
      return String((value as Record<MessageLang, unknown>)[lang]);
    if (name === 'thing' && typeof value === 'string' && Object.hasOwn(THINGS, value)) return THINGS[value]![lang];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    complete = false;
    return whole;
  });
  return complete ? text : undefined;
}

export function interpolate(text: string, params?: TranslationParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The interface language: Chinese first, English second, switched at runtime and remembered in
 * localStorage. `t()` reads a signal, so templates that call it re-render when the language changes.
 * The English dictionary is loaded on demand: most people never need it.
 */
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS_EN_SHORT = MONTHS_EN.map((m) => m.slice(0, 3));

@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly nzI18n = inject(NzI18nService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Lang>('zh-CN');
  private readonly english = signal<Dictionary | null>(null);
  private englishLoading?: Promise<void>;
  /**
   * The server's messages, loaded the first time an error is shown: they are ~50 kB and most visits
   * see no error. Until then an error shows the text the server rendered from the same catalogue.
   */
  private readonly messages = signal<MessageCatalogue | null>(null);
  private messagesLoading?: Promise<void>;

  readonly lang = this.current.asReadonly();
  readonly isEnglish = computed(() => this.current() === 'en');
  private readonly dictionary = computed((): Dictionary => (this.current() === 'en' ? (this.english() ?? zh) : zh));
  private readonly dateTimeFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.current(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  );
  private readonly dateFormat = computed(() => new Intl.DateTimeFormat(this.current(), { year: 'numeric', month: 'long', day: 'numeric' }));
  private readonly shortDateFormat = computed(
    () => new Intl.DateTimeFormat(this.current(), { year: 'numeric', month: 'short', day: 'numeric' }),
  );

  constructor() {
    this.apply('zh-CN');
  }

  /** At start-up: switch to the remembered language (loading English first if that is it). */
  restore(): Promise<void> {
    return readStoredLang() === 'en' ? this.setLang('en') : Promise.resolve();
  }

  /** Resolves once the new language shows. */
  async setLang(lang: Lang): Promise<void> {
    storeLang(lang);
    if (lang === 'en') await this.loadEnglish();
    this.current.set(lang);
    this.apply(lang);
  }

  toggle(): Promise<void> {
    return this.setLang(this.current() === 'en' ? 'zh-CN' : 'en');
  }

  /** Arrow function so templates can use it unbound: `protected readonly t = inject(I18n).t`. */
  readonly t = (key: TranslationKey, params?: TranslationParams): string => interpolate(this.dictionary()[key], params);

  /** A translation for a key built at runtime (e.g. an audit action), or undefined when there is none. */
  readonly tryT = (key: string): string | undefined => {
    const dictionary: Readonly<Record<string, string>> = this.dictionary();
    return Object.hasOwn(dictionary, key) ? dictionary[key] : undefined;
  };

  /** Picks the server's Chinese or English text. */
  readonly pick = (zhText: string, enText: string | null | undefined): string => (this.current() === 'en' && enText ? enText : zhText);

  /**
   * The server's message for an error, in the current language: from the catalogue by its code (and
   * params), else the text the server sent (a code this client does not know yet).
   */
  readonly errorMessage = (error: ApiError): string => {
    const lang: MessageLang = this.current() === 'en' ? 'en' : 'zh';
    const params = error.code === 'VALIDATION_FAILED' ? { ...error.params, summary: this.fieldSummary(error) } : error.params;
    return this.render(error.messageKey ?? error.code, lang, params ?? {}) ?? this.pick(error.message, error.messageEn);
  };

  /** Loads the server's message catalogue (also started by the first error shown). */
  loadMessages(): Promise<void> {
    this.messagesLoading ??= import('../api/generated/messages').then(
      (m) => this.messages.set(m),
      () => {
        // Offline or a stale deploy: keep showing the server's own texts; try again next time.
        this.messagesLoading = undefined;
      },
    );
    return this.messagesLoading;
  }

  private render(key: string, lang: MessageLang, params: Readonly<Record<string, unknown>>): string | undefined {
    const catalogue = this.messages();
    if (!catalogue) {
      void this.loadMessages();
      return undefined;
    }
    return renderMessage(catalogue, key, lang, params);
  }

  /** A VALIDATION_FAILED error's field problems, each in the current language. */
  readonly fieldMessages = (error: ApiError): { field: string; problems: string[] }[] => {
    const lang: MessageLang = this.current() === 'en' ? 'en' : 'zh';
    return fieldProblems(error).map((f) => ({
      field: f.field,
      problems: f.messages?.length
        ? f.messages.map(
            (m, i) =>
              this.render(m.key, lang, m.params ?? {}) ?? (lang === 'zh' ? (f.problemsZh?.[i] ?? f.problems[i]) : f.problems[i]) ?? '',
          )
        : lang === 'zh' && f.problemsZh
          ? f.problemsZh
          : f.problems,
    }));
  };

  private fieldSummary(error: ApiError): string | undefined {
    const fields = this.fieldMessages(error);
    if (!fields.length) return undefined;
    return this.current() === 'en'
      ? fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')
      : fields.map((f) => `${f.field}：${f.problems.join('，')}`).join('；');
  }

  readonly dateTime = (iso: string | null | undefined): string => (iso ? this.dateTimeFormat().format(new Date(iso)) : '');

  readonly date = (isoDate: string | null | undefined): string => {
    if (!isoDate) return '';
    // A bare `YYYY-MM-DD` is a calendar date, written out by hand exactly as Intl would ("2026年12月5日",
    // "December 5, 2026"): no time zone can shift the day, and the first Intl formatter a page creates
    // costs ~50 ms of a slow phone's main thread (locale data), in the middle of rendering a list.
    return this.calendarDate(isoDate, MONTHS_EN) ?? this.dateFormat().format(new Date(isoDate));
  };

  /**
   * A calendar date for dense table columns: "2026-12-05" in Chinese (as tables here usually write it),
   * "Dec 5, 2026" in English (Intl's `month: 'short'`). The row's card or title keeps the long form.
   */
  readonly shortDate = (isoDate: string | null | undefined): string => {
    if (!isoDate) return '';
    if (this.current() !== 'en' && /^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
    return this.calendarDate(isoDate, MONTHS_EN_SHORT) ?? this.shortDateFormat().format(new Date(isoDate));
  };

  private calendarDate(isoDate: string, months: readonly string[]): string | null {
    const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (!bare) return null;
    const [year, month, day] = [bare[1]!, Number(bare[2]), Number(bare[3])];
    if (month < 1 || month > 12) return null;
    return this.current() === 'en' ? `${months[month - 1]} ${day}, ${year}` : `${year}年${month}月${day}日`;
  }

  private loadEnglish(): Promise<void> {
    this.englishLoading ??= import('./en').then(
      (m) => this.english.set(m.en),
      (error: unknown) => {
        // Offline or a stale deploy: stay in Chinese and allow another try.
        this.englishLoading = undefined;
        throw error;
      },
    );
    return this.englishLoading;
  }

  private apply(lang: Lang): void {
    this.nzI18n.setLocale(lang === 'en' ? en_US : zh_CN);
    this.document.documentElement.lang = lang;
  }
}
