import { safeError, safeUrl } from '../logging';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../database-unavailable';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messageEn: string;
  details?: unknown;
  requestId?: string;
}

/** PostgreSQL errors that mean "your input" rather than "our bug" (constraint races included). */
const PG_ERRORS: Record<string, Omit<ErrorBody, 'requestId' | 'details'>> = {
  '23505': { statusCode: 409, code: 'DUPLICATE', message: '该记录已存在。', messageEn: 'This record already exists.' },
  '23503': {
    statusCode: 400,
    code: 'REFERENCE_NOT_FOUND',
    message: '引用的记录不存在或仍在使用中。',
    messageEn: 'A referenced record does not exist or is still in use.',
  },
  '23514': { statusCode: 400, code: 'CONSTRAINT_FAILED', message: '输入不符合规则。', messageEn: 'The input breaks a rule.' },
  '22P02': { statusCode: 400, code: 'MALFORMED_VALUE', message: '输入的格式不正确。', messageEn: 'A value is malformed.' },
  '22001': { statusCode: 400, code: 'VALUE_TOO_LONG', message: '输入内容过长。', messageEn: 'A value is too long.' },
  '40001': {
    statusCode: 409,
    code: 'CONCURRENT_UPDATE',
    message: '有人同时修改了这条记录，请重试。',
    messageEn: 'Someone changed this record at the same time; please try again.',
  },
  '55P03': {
    statusCode: 409,
    code: 'CONCURRENT_UPDATE',
    message: '有人同时修改了这条记录，请重试。',
    messageEn: 'Someone changed this record at the same time; please try again.',
  },
};

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
      if (known) return { ...known, requestId };
    }
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: '服务器出错了，请稍后再试。如果一直出现，请把请求编号告诉管理员。',
      messageEn: 'Something went wrong on our side. If it keeps happening, give the request id to an administrator.',
      requestId,
    };
  }
}

function genericFor(status: number, res: unknown): ErrorBody {
  const text = typeof res === 'string' ? res : ((res as { message?: string | string[] })?.message ?? '');
  const msg = Array.isArray(text) ? text.join('; ') : String(text);
  switch (status) {
    case 400:
      return { statusCode: 400, code: 'BAD_REQUEST', message: `请求有误：${msg}`, messageEn: msg || 'Bad request' };
    case 401:
      return { statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录。', messageEn: 'Please sign in.' };
    case 403:
      return { statusCode: 403, code: 'FORBIDDEN', message: '没有权限。', messageEn: 'Not allowed.' };
    case 404:
      return { statusCode: 404, code: 'NOT_FOUND', message: '找不到该地址。', messageEn: 'Not found.' };
    case 413:
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大。', messageEn: 'The request body is too large.' };
    case 415:
      return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '请以 JSON 格式提交。', messageEn: 'Send JSON.' };
    case 429:
      return {
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        message: '操作太频繁，请一分钟后再试。',
        messageEn: 'Too many attempts; try again in a minute.',
      };
    default:
      return { statusCode: status, code: `HTTP_${status}`, message: msg || '请求失败。', messageEn: msg || 'Request failed.' };
  }
}
