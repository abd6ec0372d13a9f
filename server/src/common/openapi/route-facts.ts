import { type INestApplication, ParseEnumPipe, ParseUUIDPipe, type RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../decorators/access.decorator';

/** How a path parameter is checked before the handler runs. */
export type PathParamCheck = 'uuid' | 'enum' | 'none';

/** What the route's decorators say about the answers it can give (read from the same metadata the guards read). */
export interface RouteFacts {
  operationId: string;
  method: RequestMethod;
  /** `@Public()`: no JwtAuthGuard, no RolesGuard. */
  isPublic: boolean;
  /** `@Access(roles, …)`: the roles the RolesGuard lets through. */
  roles: readonly string[] | undefined;
  /** `@RateLimited()`: the per-address limit per minute (`undefined` when the route has none; `null` for the configured default). */
  rateLimitPerMinute: number | null | undefined;
  /** Path parameters by name, with the pipe that checks them. */
  pathParams: Map<string, PathParamCheck>;
}

/** The operation ids the document uses (Swagger's default spelling, given explicitly so both sides agree). */
export const operationIdOf = (controllerKey: string, methodKey: string): string => `${controllerKey}_${methodKey}`;

interface ControllerWrapper {
  metatype: unknown;
}
interface ModuleLike {
  controllers: Map<unknown, ControllerWrapper>;
}
interface ContainerLike {
  getModules(): Map<string, ModuleLike>;
}

/**
 * Every route handler of the application with its facts, by operation id. Walks the same module
 * container the Swagger scanner walks (`app.container`, which Nest does not type publicly).
 */
export function collectRouteFacts(app: INestApplication): Map<string, RouteFacts> {
  const container = (app as unknown as { container: ContainerLike }).container;
  const facts = new Map<string, RouteFacts>();
  for (const module of container.getModules().values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as abstract new (...args: never[]) => object;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const methodKey of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[methodKey];
        if (methodKey === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const operationId = operationIdOf(controller.name, methodKey);
        const targets = [handler, controller];
        facts.set(operationId, {
          operationId,
          method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod,
          isPublic: targets.some((t) => Reflect.getMetadata(IS_PUBLIC_KEY, t) === true),
          roles: (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as readonly string[] | undefined,
          rateLimitPerMinute: rateLimitOf(handler),
          pathParams: pathParamsOf(controller, methodKey),
        });
      }
    }
  }
  return facts;
}

function rateLimitOf(handler: object): number | null | undefined {
  const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as { rateLimit?: { max?: number } } | undefined;
  if (!config?.rateLimit) return undefined;
  return typeof config.rateLimit.max === 'number' ? config.rateLimit.max : null;
}

function pathParamsOf(controller: object, methodKey: string): Map<string, PathParamCheck> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodKey) ?? {}) as Record<
    string,
    { data?: unknown; pipes?: unknown[] }
  >;
  const params = new Map<string, PathParamCheck>();
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.PARAM) || typeof arg.data !== 'string') continue;
    const pipes = arg.pipes ?? [];
    const isA = (pipeClass: abstract new (...args: never[]) => object) => pipes.some((p) => p === pipeClass || p instanceof pipeClass);
    params.set(arg.data, isA(ParseUUIDPipe) ? 'uuid' : isA(ParseEnumPipe) ? 'enum' : 'none');
  }
  return params;
}
