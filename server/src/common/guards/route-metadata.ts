import type { ExecutionContext } from '@nestjs/common';

type Handler = ReturnType<ExecutionContext['getHandler']>;
type Controller = ReturnType<ExecutionContext['getClass']>;

/**
 * What a guard or interceptor reads from a route's decorators, worked out once per route instead of
 * on every request: the decorators are fixed when the controllers load, and the Reflector look-ups
 * (two targets each, merged) were a noticeable share of a cheap request. Keyed by controller class,
 * then handler, so a handler inherited by two controllers keeps each class's own metadata.
 */
export class RouteMetadataCache<T> {
  private readonly byClass = new WeakMap<Controller, WeakMap<Handler, T>>();

  constructor(private readonly compute: (targets: [Handler, Controller]) => T) {}

  get(context: ExecutionContext): T {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byHandler = this.byClass.get(cls);
    if (!byHandler) this.byClass.set(cls, (byHandler = new WeakMap()));
    let value = byHandler.get(handler);
    if (value === undefined) {
      value = this.compute([handler, cls]);
      byHandler.set(handler, value);
    }
    return value;
  }
}
