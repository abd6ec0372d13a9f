import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** Administration: the provincial bureau's admins only. */
export const adminRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('admin')],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'organisations' },
      {
        path: 'organisations',
        loadComponent: () => import('./organisations/organisations-page').then((m) => m.OrganisationsPage),
        title: 'nav.organisations',
      },
      { path: 'users', loadComponent: () => import('./users/users-page').then((m) => m.UsersPage), title: 'nav.users' },
      { path: 'audit', loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage), title: 'nav.audit' },
      { path: 'learning', loadChildren: () => import('../learning/learning.routes').then((m) => m.adminLearningRoutes) },
    ],
  },
];
