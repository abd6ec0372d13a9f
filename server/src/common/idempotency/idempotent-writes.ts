import { type INestApplicationContext, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';

const WRITES = new Set<RequestMethod>([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);

/**
 * Puts the IdempotencyInterceptor on every POST, PUT, PATCH and DELETE handler of every controller,
 * and on nothing else. It used to be a global interceptor, which reads (most requests) paid for
 * although it let them straight through: with any interceptor on a route, Nest wraps each request
 * in an rxjs pipeline (defer, mergeAll, a ReplaySubject, a disconnect listener, lastValueFrom) — a
 * tenth of a health check's CPU. A read now has no interceptor at all and Nest calls its handler
 * directly; a write gets the same interceptor instance as before, outermost as a global one was.
 *
 * Called once between NestFactory.create() and the first listen()/init(), which is when Nest reads
 * the routes' enhancers (`createApp`). Returns how many handlers it bound (a check for tests).
 */
export function bindIdempotencyToWrites(app: INestApplicationContext): number {
  const interceptor = app.get(IdempotencyInterceptor);
  const scanner = new MetadataScanner();
  let bound = 0;
  for (const moduleRef of app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || !WRITES.has(method)) continue;
        const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        if (own.includes(interceptor)) continue;
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
        bound++;
      }
    }
  }
  return bound;
}
