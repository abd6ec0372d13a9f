import { HttpErrorResponse } from '@angular/common/http';
import { NETWORK_ERROR, UNKNOWN_ERROR } from './fallback-errors';

/** The error body every API failure carries (see the server's exception filter). */
export interface ApiError {
  statusCode: number;
  code: string;
  message: string;
  messageEn: string;
  /** The catalogue key when it is a variant of `code` (`CODE.VARIANT`). */
  messageKey?: string;
  /** Values for the message's `{placeholders}`: a string or number, or `{ zh, en }`. */
  params?: Record<string, unknown>;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** One problem of a field, as the validation pipe sends it: a catalogue key and its params. */
export interface FieldMessage {
  key: string;
  params?: Record<string, unknown>;
}

export interface FieldProblem {
  field: string;
  /** English (the Chinese in `problemsZh`; both rendered by the server). */
  problems: string[];
  problemsZh?: string[];
  messages?: FieldMessage[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns anything thrown by HttpClient into the server's error shape, so the UI has one thing to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return { statusCode: 0, ...NETWORK_ERROR };
    const body: unknown = error.error;
    if (isRecord(body) && typeof body['code'] === 'string' && typeof body['message'] === 'string') {
      return {
        statusCode: typeof body['statusCode'] === 'number' ? body['statusCode'] : error.status,
        code: body['code'],
        message: body['message'],
        messageEn: typeof body['messageEn'] === 'string' ? body['messageEn'] : body['message'],
        messageKey: typeof body['messageKey'] === 'string' ? body['messageKey'] : undefined,
        params: isRecord(body['params']) ? body['params'] : undefined,
        details: isRecord(body['details']) ? body['details'] : undefined,
        requestId: typeof body['requestId'] === 'string' ? body['requestId'] : (error.headers?.get('x-request-id') ?? undefined),
      };
    }
    return { statusCode: error.status, ...UNKNOWN_ERROR, requestId: error.headers?.get('x-request-id') ?? undefined };
  }
  return { statusCode: -1, ...UNKNOWN_ERROR };
}

/** `details.fields` of a VALIDATION_FAILED error. */
export function fieldProblems(error: ApiError): FieldProblem[] {
  const fields = error.details?.['fields'];
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldProblem => isRecord(f) && typeof f['field'] === 'string' && Array.isArray(f['problems']));
}

/** A string-valued entry of `details`, e.g. `problem` of CREDIT_CODE_INVALID. */
export function detailString(error: ApiError, key: string): string | undefined {
  const value = error.details?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function detailNumber(error: ApiError, key: string): number | undefined {
  const value = error.details?.[key];
  return typeof value === 'number' ? value : undefined;
}
