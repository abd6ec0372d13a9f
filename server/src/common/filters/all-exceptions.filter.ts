import { safeError, safeUrl } from '../logging';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../database-unavailable';
import { DomainError } from '../domain-error';
import type { MessageKey } from '../messages/catalogue';
import type { MessageParams } from '../messages/render';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messageEn: string;
  messageKey?: string;
  params?: unknown;
  details?: unknown;
  requestId?: string;
}

/** PostgreSQL errors that mean "your input" rather than "our bug" (constraint races included). */
const PG_ERRORS: Record<string, [number, MessageKey]> = {
  '23505': [409, 'DUPLICATE'],
  '23503': [400, 'REFERENCE_NOT_FOUND'],
  '23514': [400, 'CONSTRAINT_FAILED'],
  '22P02': [400, 'MALFORMED_VALUE'],
  '22001': [400, 'VALUE_TOO_LONG'],
  '40001': [409, 'CONCURRENT_UPDATE'],
  '55P03': [409, 'CONCURRENT_UPDATE'],
};

/** A catalogue message as an error body (the same shape a DomainError sends). */
const bodyOf = (statusCode: number, key: MessageKey, params?: MessageParams): ErrorBody =>
  new DomainError(statusCode, key, params).getResponse() as ErrorBody;

/**
 * One place that renders every error. Anything unexpected is logged with the request id and
 * answered with a neutral 500 that reveals nothing of the internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const requestId = String(req.id ?? '');
    if (isDatabaseUnavailable(exception)) {
      // A blip, not a bug: one line per request without the query, and a 503 the client retries after.
      this.logger.warn({ err: safeError(exception), requestId, url: safeUrl(req.url), method: req.method }, 'database unavailable');
      void reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ ...(databaseUnavailable().getResponse() as ErrorBody), requestId });
      return;
    }
    const body = this.toBody(exception, requestId);
    if (body.statusCode >= 500) {
      // Never the exception itself: a failed query carries its SQL and parameters (what people typed).
      this.logger.error({ err: safeError(exception), requestId, url: safeUrl(req.url), method: req.method }, 'unhandled error');
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      if (typeof res === 'object' && res !== null && 'code' in res) {
        return { ...(res as ErrorBody), statusCode: status, requestId };
      }
      return { ...genericFor(status, res), requestId };
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string } | undefined)?.code;
      const known = pgCode ? PG_ERRORS[pgCode] : undefined;
      if (known) return { ...bodyOf(...known), requestId };
    }
    return { ...bodyOf(500, 'INTERNAL'), requestId };
  }
}

function genericFor(status: number, res: unknown): ErrorBody {
  const text = typeof res === 'string' ? res : ((res as { message?: string | string[] })?.message ?? '');
  const msg = Array.isArray(text) ? text.join('; ') : String(text);
  switch (status) {
    case 400:
      return bodyOf(400, 'BAD_REQUEST', { reason: msg || 'Bad request' });
    case 401:
      return bodyOf(401, 'UNAUTHENTICATED');
    case 403:
      return bodyOf(403, 'FORBIDDEN');
    case 404:
      return bodyOf(404, 'NOT_FOUND.ADDRESS');
    case 413:
      return bodyOf(413, 'PAYLOAD_TOO_LARGE');
    case 415:
      return bodyOf(415, 'UNSUPPORTED_MEDIA_TYPE');
    case 429:
      return bodyOf(429, 'TOO_MANY_REQUESTS', { seconds: 60 });
    default:
      // Not in the catalogue: the framework's own words, else the generic ones.
      return msg
        ? { statusCode: status, code: `HTTP_${status}`, message: msg, messageEn: msg }
        : { ...bodyOf(status, 'HTTP_ERROR'), code: `HTTP_${status}` };
  }
}
