import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * An error a person can act on: a stable `code` for the client, a plain-language message in
 * Chinese (the default) and English. Services throw these; the global filter renders them.
 */
export class DomainError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: Record<string, unknown>,
  ) {
    super({ statusCode: status, code, message: messageZh, messageEn, ...(details ? { details } : {}) }, status);
  }
}

export const notFound = (what: string, whatEn: string) =>
  new DomainError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `找不到该${what}，或您无权查看。`, `${whatEn} not found, or you may not see it.`);

export const badRequest = (code: string, zh: string, en: string, details?: Record<string, unknown>) =>
  new DomainError(HttpStatus.BAD_REQUEST, code, zh, en, details);

export const conflict = (code: string, zh: string, en: string, details?: Record<string, unknown>) =>
  new DomainError(HttpStatus.CONFLICT, code, zh, en, details);

export const forbidden = (code: string, zh: string, en: string) => new DomainError(HttpStatus.FORBIDDEN, code, zh, en);
