import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/follow-ups`: station counsellors record visits; admins read them (never abstinence). */
export const followUpsRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('admin', 'counsellor')],
    loadComponent: () => import('./follow-ups-page').then((m) => m.FollowUpsPage),
    title: 'nav.followUps',
  },
];
