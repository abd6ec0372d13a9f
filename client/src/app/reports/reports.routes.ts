import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/reports`: outcome dashboards for admins (the province) and counsellors (their organisation). */
export const reportsRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('admin', 'counsellor')],
    loadComponent: () => import('./reports-page').then((m) => m.ReportsPage),
    title: 'nav.reports',
  },
];
