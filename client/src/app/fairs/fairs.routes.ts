import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/fairs`: job fairs for everyone who takes part (instructors have no part in them). */
export const fairsRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('admin', 'counsellor', 'employer', 'trainee')],
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./fairs-page').then((m) => m.FairsPage), title: 'nav.fairs' },
      { path: ':id', loadComponent: () => import('./fair-detail').then((m) => m.FairDetail), title: 'nav.fairs' },
      {
        path: ':id/desk',
        canActivate: [roleGuard('admin', 'counsellor')],
        loadComponent: () => import('./fair-desk').then((m) => m.FairDesk),
        title: 'nav.fairDesk',
      },
      {
        path: ':id/report',
        canActivate: [roleGuard('admin')],
        loadComponent: () => import('./fair-report').then((m) => m.FairReport),
        title: 'nav.fairReport',
      },
    ],
  },
];
