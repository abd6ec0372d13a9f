import { BreakpointObserver } from '@angular/cdk/layout';
import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

const PHONE_QUERY = '(max-width: 767.98px)';

/** Whether the screen is phone-sized (the shell swaps its side menu for a drawer there). */
@Injectable({ providedIn: 'root' })
export class Viewport {
  readonly isPhone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: typeof matchMedia === 'function' ? matchMedia(PHONE_QUERY).matches : false },
  );
}
