import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/me`: the trainee's own checklist, consents and data, phone first. */
export const portalRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('trainee')],
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./me-hub').then((m) => m.MeHub), title: 'nav.me' },
      { path: 'checklist', loadComponent: () => import('./my-checklist').then((m) => m.MyChecklist), title: 'records.myChecklist' },
      { path: 'consents', loadComponent: () => import('./my-consents').then((m) => m.MyConsents), title: 'records.myConsents' },
      { path: 'data', loadComponent: () => import('./my-data').then((m) => m.MyData), title: 'records.myData' },
      { path: 'jobs', loadComponent: () => import('./my-jobs').then((m) => m.MyJobs), title: 'orders.myJobs' },
      { path: 'plan', loadComponent: () => import('./plan/my-plan').then((m) => m.MyPlan), title: 'nav.me' },
    ],
  },
];
