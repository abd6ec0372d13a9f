import { DestroyRef, Directive, ElementRef, afterNextRender, inject, input, output } from '@angular/core';

/** How far below the fold a block starts to be built: a short scroll ahead, never the whole page at once. */
export const AHEAD = '0px 0px 240px 0px';
/** In the viewport itself: for work so long that doing it for something not yet seen would block taps (a chart). */
export const IN_VIEW = '0px';

/**
 * Calls `seen` once `el` comes within `margin` of the viewport, then stops watching. Returns the way to stop
 * early. Without IntersectionObserver (old browsers, unit tests) it calls at once: everything is drawn, as before.
 */
export function whenNearView(el: Element, seen: () => void, margin: string = AHEAD): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    seen();
    return () => undefined;
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      seen();
    },
    { rootMargin: margin },
  );
  io.observe(el);
  return () => io.disconnect();
}

/**
 * `(jbhNearView)="…"`: fires once, when the element is about to scroll into view (`jbhNearViewMargin`: how far
 * ahead, AHEAD by default). The reports page builds a report only then, and the caseload its further cards on a
 * phone, so the first paint does not wait for what nobody sees yet.
 */
@Directive({ selector: '[jbhNearView]' })
export class NearView {
  readonly jbhNearView = output<void>();
  readonly jbhNearViewMargin = input<string>(AHEAD);

  constructor() {
    const el = inject<ElementRef<Element>>(ElementRef).nativeElement;
    let stop = (): void => undefined;
    afterNextRender(() => (stop = whenNearView(el, () => this.jbhNearView.emit(), this.jbhNearViewMargin())));
    inject(DestroyRef).onDestroy(() => stop());
  }
}
