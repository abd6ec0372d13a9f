import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/**
 * Administration at the provincial bureau, split three ways (三权分立): the audit log for the audit
 * administrator, permissions for the security administrator, everything else for the system
 * administrator. The specific paths come first: `''` below would otherwise claim them.
 */
export const adminRoutes: Routes = [
  {
    path: 'audit',
    canActivate: [roleGuard('audit_admin')],
    loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage),
    title: 'nav.audit',
  },
  {
    path: 'permissions',
    canActivate: [roleGuard('security_admin')],
    loadComponent: () => import('./permissions/permissions-page').then((m) => m.PermissionsPage),
    title: 'nav.users',
  },
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
      { path: 'jobs', loadComponent: () => import('./jobs/jobs-page').then((m) => m.JobsPage), title: 'nav.jobQueue' },
      {
        path: 'job-limits',
        loadComponent: () => import('./job-limits/job-limits-page').then((m) => m.JobLimitsPage),
        title: 'nav.jobLimits',
      },
      {
        path: 'sealing',
        loadComponent: () => import('./sealing/sealing-page').then((m) => m.SealingPage),
        title: 'nav.sealing',
      },
      { path: 'learning', loadChildren: () => import('../learning/learning.routes').then((m) => m.adminLearningRoutes) },
    ],
  },
];
