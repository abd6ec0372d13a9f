import { RequestMethod } from '@nestjs/common';
import type { OpenAPIObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { documentErrorResponses, ERROR_SCHEMA_NAME } from './error-responses';
import type { RouteFacts } from './route-facts';

const facts = (operationId: string, over: Partial<RouteFacts>): RouteFacts => ({
  operationId,
  method: RequestMethod.GET,
  isPublic: false,
  roles: ['admin'],
  rateLimitPerMinute: undefined,
  pathParams: new Map(),
  ...over,
});

function documentOf(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/things/{id}': {
        get: {
          operationId: 'ThingsController_one',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '' }, '401': { description: 'not signed in' } },
        },
      },
      '/api/auth/login': {
        post: {
          operationId: 'AuthController_login',
          requestBody: { content: { 'application/json': { schema: {} } } },
          responses: { '200': { description: '' } },
        },
      },
      '/api/health/live': { get: { operationId: 'HealthController_live', responses: { '200': { description: '' } } } },
    },
  };
}

const routes = new Map([
  ['ThingsController_one', facts('ThingsController_one', { pathParams: new Map([['id', 'uuid']]) })],
  [
    'AuthController_login',
    facts('AuthController_login', { method: RequestMethod.POST, isPublic: true, rateLimitPerMinute: null, roles: undefined }),
  ],
  ['HealthController_live', facts('HealthController_live', { isPublic: true, roles: undefined })],
]);

describe('documentErrorResponses', () => {
  const doc = documentErrorResponses(documentOf(), routes, { uploadBytes: 1024 });
  const codes = (path: string, method: 'get' | 'post') => Object.keys(doc.paths[path]![method]!.responses).sort();

  it('declares what an authenticated read by id can answer, keeping existing descriptions', () => {
    expect(codes('/api/things/{id}', 'get')).toEqual(['200', '400', '401', '403', '404', '500', '503']);
    const unauthenticated = doc.paths['/api/things/{id}']!.get!.responses['401'] as ResponseObject;
    expect(unauthenticated.description).toBe('not signed in');
    expect(unauthenticated.content?.['application/json']?.schema).toEqual({ $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` });
    expect(doc.components?.schemas?.[ERROR_SCHEMA_NAME]).toBeDefined();
  });

  it('declares a UUID path parameter as the ParseUUIDPipe checks it', () => {
    const [id] = doc.paths['/api/things/{id}']!.get!.parameters as ParameterObject[];
    expect(id!.schema).toMatchObject({ type: 'string', format: 'uuid', maxLength: 36 });
  });

  it('gives a public, rate-limited sign-in route 401, 403 (cross-site), 429 and the rate-limit headers, but no idempotency answers', () => {
    expect(codes('/api/auth/login', 'post')).toEqual(['200', '400', '401', '403', '413', '415', '429', '500', '503']);
    const ok = doc.paths['/api/auth/login']!.post!.responses['200'] as ResponseObject;
    expect(Object.keys(ok.headers ?? {})).toEqual(
      expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']),
    );
    expect((doc.paths['/api/auth/login']!.post!.responses['429'] as ResponseObject).headers).toHaveProperty('Retry-After');
  });

  it('gives a public route that never reads the database neither 401 nor 503', () => {
    expect(codes('/api/health/live', 'get')).toEqual(['200', '400', '500']);
  });
});
