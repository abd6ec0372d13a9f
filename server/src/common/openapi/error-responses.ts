import { RequestMethod } from '@nestjs/common';
import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import type { RouteFacts } from './route-facts';

/**
 * Writes into the OpenAPI document the error answers each route can really give, from the route's
 * metadata (the same the guards read) and the server-wide rules in app.factory.ts and common/:
 * every error body is the one `AllExceptionsFilter` renders. Also declares what the path parameter
 * pipes enforce, the rate-limit headers, and the security schemes' descriptions.
 */

export const ERROR_SCHEMA_NAME = 'ErrorBody';
const ERROR_REF = `#/components/schemas/${ERROR_SCHEMA_NAME}`;

/** The body `AllExceptionsFilter` (common/filters) renders for every error. */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Every error answer · 所有错误答复的格式 (rendered by the global exception filter).',
  required: ['statusCode', 'code', 'message', 'messageEn'],
  properties: {
    statusCode: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, description: 'The HTTP status, repeated.' },
    code: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9_]*$',
      maxLength: 64,
      description: 'Stable machine-readable code, e.g. `VALIDATION_FAILED`, `NOT_FOUND`, `FORBIDDEN_ROLE`, `SERVICE_UNAVAILABLE`.',
    },
    message: { type: 'string', description: 'For the person, in Chinese.' },
    messageEn: { type: 'string', description: 'For the person, in English.' },
    details: {
      type: 'object',
      description: 'Facts about this error, by code; `VALIDATION_FAILED` lists `fields: [{ field, problems[] }]`.',
    },
    requestId: {
      type: 'string',
      pattern: '^[A-Za-z0-9._-]{8,64}$',
      maxLength: 64,
      description: 'The request id (also the `x-request-id` header): give it to an administrator.',
    },
  },
};

/** Public routes that answer 401: a wrong password, an expired or reused refresh cookie, a stale mfaToken. */
const PUBLIC_ROUTES_ANSWERING_401 = new Set(['AuthController_login', 'AuthController_mfa', 'AuthController_refresh']);

/**
 * Routes that never reach the database (so never answer 503 SERVICE_UNAVAILABLE). Every
 * authenticated route does: the access token is checked against its live session row.
 */
const ROUTES_WITHOUT_DATABASE = new Set([
  'HealthController_live',
  'AuthController_challenge',
  'ReferenceController_recommendationReasons',
  'MetricsController_scrape',
]);

/**
 * Writes the IdempotencyInterceptor leaves alone (common/idempotency/idempotency.interceptor.ts,
 * EXCLUDED_ROUTES): they never answer IDEMPOTENCY_IN_PROGRESS (409) or IDEMPOTENCY_KEY_REUSED (422).
 * Keep in step with that list.
 */
const ROUTES_WITHOUT_IDEMPOTENCY = new Set([
  'AuthController_login',
  'AuthController_refresh',
  'AuthController_logout',
  'AuthController_mfa',
  'MfaController_start',
  'MfaController_confirm',
]);

/** Fastify's router refuses a path parameter longer than this (`maxParamLength`): the route is not found. */
export const FASTIFY_MAX_PARAM_LENGTH = 100;

const WRITES = new Set([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const RETRY_AFTER: HeaderObject = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
};

/** @fastify/rate-limit's headers, on every answer of a @RateLimited() route once the limit is checked. */
const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'X-RateLimit-Limit': {
    description: 'Requests allowed per minute from this client address on this route.',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 100_000 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current minute.',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 100_000 },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current minute ends.',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 60 },
  },
};

/**
 * Sent with every answer to a cross-origin request from an origin listed in CORS_ORIGINS (app.factory.ts
 * enables CORS only then: by default the app and the API share one origin and it is never sent).
 */
const ALLOW_ORIGIN: HeaderObject = {
  description: 'The requesting origin, only when CORS_ORIGINS lists it (CORS is off by default).',
  schema: { type: 'string', pattern: '^https?://[^/]+$', maxLength: 2048 },
};

export interface ServerLimits {
  /** Largest uploaded file (multipart `fileSize`), in bytes. */
  uploadBytes: number;
}

/** Adds the error answers, parameter constraints and rate-limit headers to every operation of `document` (in place). */
export function documentErrorResponses(document: OpenAPIObject, routes: Map<string, RouteFacts>, limits: ServerLimits): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_SCHEMA_NAME] = ERROR_BODY_SCHEMA;
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const facts = operation.operationId ? routes.get(operation.operationId) : undefined;
      documentOperation(operation, facts, limits);
    }
  }
  return document;
}

function documentOperation(op: OperationObject, facts: RouteFacts | undefined, limits: ServerLimits): void {
  const id = op.operationId ?? '';
  // Without facts (a route added outside a controller), assume the stricter server-wide defaults.
  const isPublic = facts?.isPublic ?? false;
  const write = facts ? WRITES.has(facts.method) : false;
  const rateLimited = facts?.rateLimitPerMinute !== undefined;
  const multipart = !!(op.requestBody && 'content' in op.requestBody && op.requestBody.content['multipart/form-data']);
  const responses = (op.responses ??= {});

  const add = (status: string, description: string, headers?: Record<string, HeaderObject>) => {
    const existing = responses[status];
    if (existing && '$ref' in existing) return;
    const response: ResponseObject = existing ?? { description };
    response.content ??= { 'application/json': { schema: { $ref: ERROR_REF } } };
    if (headers) response.headers = { ...headers, ...response.headers };
    responses[status] = response;
  };

  add(
    '400',
    '请求有误 · The request is malformed: a field fails validation (`VALIDATION_FAILED`, each field named), a parameter is not of its format, a NUL character or JSON nested too deeply.',
  );
  if (!isPublic || PUBLIC_ROUTES_ANSWERING_401.has(id)) {
    add('401', isPublic ? '凭据无效 · Wrong or expired credentials.' : '未登录或登录已过期 · Not signed in, or the session expired.');
  }
  if (!isPublic) {
    add(
      '403',
      `无权使用 · This account may not use this route${facts?.roles ? ` (only for: ${facts.roles.join(', ')})` : ''}: its role, an unverified employer's standing, or a second factor still to set up.`,
    );
  } else if (write) {
    add('403', '跨站请求 · Refused as a cross-site request (`CROSS_SITE_REQUEST`).');
  }
  if (facts && facts.pathParams.size > 0) {
    add('404', '找不到 · Not found, or not visible to this account (the same answer for both).');
  }
  if (write && !ROUTES_WITHOUT_IDEMPOTENCY.has(id) && !multipart) {
    add(
      '409',
      '冲突 · A rule about the current state refuses the change, the record exists already, someone changed it at the same time, or the same `Idempotency-Key` submit is still running.',
    );
    add('422', '请求编号已用 · This `Idempotency-Key` was already used for a different request (`IDEMPOTENCY_KEY_REUSED`).');
  }
  if (write) {
    add('413', '内容太大 · The request body (or the uploaded file) is too large.');
    add('415', '格式不支持 · The body is not of a media type this route reads (the sign-in routes read JSON only).');
  }
  if (rateLimited) {
    const max = facts?.rateLimitPerMinute;
    add(
      '429',
      `操作太频繁 · Too many requests from this address: at most ${typeof max === 'number' ? max : 'AUTH_RATE_LIMIT_PER_MINUTE (20 by default)'} a minute on this route.`,
      { 'Retry-After': RETRY_AFTER },
    );
  }
  add('500', '服务器出错 · Something went wrong on the server; the body names the request id.');
  if (!ROUTES_WITHOUT_DATABASE.has(id)) {
    add('503', '暂时无法访问数据 · The database is not answering right now; try again after Retry-After seconds.', {
      'Retry-After': RETRY_AFTER,
    });
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!response || '$ref' in response) continue;
    if (rateLimited && /^[24]/.test(status)) response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
    if (response.headers) response.headers = { 'Access-Control-Allow-Origin': ALLOW_ORIGIN, ...response.headers };
  }

  for (const parameter of op.parameters ?? []) {
    if ('$ref' in parameter || parameter.in !== 'path') continue;
    describePathParameter(parameter, facts?.pathParams.get(parameter.name) ?? 'none');
  }
  if (multipart && op.requestBody && 'content' in op.requestBody) {
    limitUploadedFiles(op.requestBody.content['multipart/form-data']?.schema, limits.uploadBytes);
  }
}

function describePathParameter(parameter: ParameterObject, check: 'uuid' | 'enum' | 'none'): void {
  const schema = (parameter.schema ?? { type: 'string' }) as SchemaObject;
  if (check === 'uuid') {
    // ParseUUIDPipe: anything else is a 400 before the handler runs.
    parameter.schema = { ...schema, type: 'string', format: 'uuid', minLength: 36, maxLength: 36 };
  } else if (check === 'none' && schema.type === 'string' && schema.maxLength === undefined && !schema.enum) {
    parameter.schema = { ...schema, maxLength: FASTIFY_MAX_PARAM_LENGTH };
    parameter.description ??= `Longer values are not routed (404).`;
  }
}

function limitUploadedFiles(schema: SchemaObject | ReferenceObject | undefined, uploadBytes: number): void {
  if (!schema || '$ref' in schema) return;
  for (const property of Object.values(schema.properties ?? {})) {
    if ('$ref' in property || property.type !== 'string' || property.format !== 'binary') continue;
    // For a binary string, maxLength counts bytes: @fastify/multipart refuses a larger file with 413.
    property.maxLength ??= uploadBytes;
  }
}
