import { Injectable } from '@nestjs/common';

/** The class of an event; its instances are what is published. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor: events take whatever their fields are
export type EventType<E extends object> = abstract new (...args: any[]) => E;

/** What a listener does with one event. */
export type EventHandler<E extends object> = (event: E) => Promise<void> | void;

/**
 * A small typed in-process event bus: a module says what happened in its domain, another module
 * acts on it, and the first never imports the second (no folder cycle, no Nest module cycle).
 *
 * `publish` runs the handlers one after the other and waits for each. An event raised inside a
 * transaction carries its `EntityManager`, so what the handlers write commits or rolls back with the
 * publisher's change; a handler's error fails the publish, exactly as a direct call would. Handlers
 * register at start-up (`onModuleInit`), before any request or job can publish.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<EventType<object>, EventHandler<object>[]>();

  on<E extends object>(type: EventType<E>, handler: EventHandler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as EventHandler<object>);
    this.handlers.set(type, list);
  }

  async publish(event: object): Promise<void> {
    for (const handler of this.handlers.get(event.constructor as EventType<object>) ?? []) await handler(event);
  }

  /** How many handlers listen for `type` (start-up checks and tests). */
  listenerCount(type: EventType<object>): number {
    return this.handlers.get(type)?.length ?? 0;
  }
}
