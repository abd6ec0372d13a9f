import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/matching`: counsellors' explained rankings, admins' weights, trainees' fitting orders. */
export const matchingRoutes: Routes = [
  {
    path: 'orders/:id',
    canActivate: [roleGuard('admin', 'counsellor')],
    loadComponent: () => import('./order-matching').then((m) => m.OrderMatching),
    title: 'nav.matching',
  },
  {
    path: 'weights',
    canActivate: [roleGuard('admin')],
    loadComponent: () => import('./weights-page').then((m) => m.WeightsPage),
    title: 'nav.matchingWeights',
  },
  {
    path: 'me',
    canActivate: [roleGuard('trainee')],
    loadComponent: () => import('./my-matches').then((m) => m.MyMatches),
    title: 'nav.myMatches',
  },
];
