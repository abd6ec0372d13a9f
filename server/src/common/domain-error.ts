import { HttpException, HttpStatus } from '@nestjs/common';
import { MESSAGES, type MessageKey, type ParamsOf, type PlaceholdersOf, type ThingCode } from './messages/catalogue';
import { codeOf, type MessageParams, render } from './messages/render';

type Details = Record<string, unknown>;
/** After the key: its params when the message has placeholders, then the details. */
export type MessageArgs<K extends MessageKey> = [PlaceholdersOf<K>] extends [never]
  ? [details?: Details]
  : [params: ParamsOf<K>, details?: Details];

/**
 * An error a person can act on: a stable `code` for the client, and its message from the catalogue
 * (`messages/catalogue.ts`) in Chinese (the default) and English. Services throw these through the
 * helpers below (`badRequest('ORDER_CLOSED')`); the global filter renders them. The body is
 * `{ statusCode, code, message, messageEn, messageKey?, params?, details? }`: `params` when the message
 * has placeholders and `messageKey` when it is a variant (`CODE.VARIANT`), so the client can render
 * it in its own language.
 */
export class DomainError extends HttpException {
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(
    status: HttpStatus | number,
    readonly key: MessageKey,
    readonly params?: MessageParams,
    readonly details?: Details,
  ) {
    const code = codeOf(key);
    const zh = render(key, 'zh', params);
    const en = render(key, 'en', params);
    super(
      {
        statusCode: status,
        code,
        message: zh,
        messageEn: en,
        ...(key !== code ? { messageKey: key } : {}),
        ...(params && Object.keys(params).length ? { params } : {}),
        ...(details ? { details } : {}),
      },
      status,
    );
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

const make =
  (status: HttpStatus) =>
  <K extends MessageKey>(key: K, ...args: MessageArgs<K>): DomainError => {
    const [params, details] = (args.length === 2 || (args.length === 1 && isParamsOf(key)) ? args : [undefined, args[0]]) as [
      MessageParams | undefined,
      Details | undefined,
    ];
    return new DomainError(status, key, params, details);
  };

/** Whether the message has placeholders (then the first argument after the key is its params). */
const isParamsOf = (key: MessageKey): boolean => /\{\w+\}/.test(MESSAGES[key].zh + MESSAGES[key].en);

/** 404 for a thing the caller cannot see or that does not exist (the same answer on purpose). */
export const notFound = (thing: ThingCode, details?: Details) => new DomainError(HttpStatus.NOT_FOUND, 'NOT_FOUND', { thing }, details);

export const badRequest = make(HttpStatus.BAD_REQUEST);
export const conflict = make(HttpStatus.CONFLICT);
export const forbidden = make(HttpStatus.FORBIDDEN);
