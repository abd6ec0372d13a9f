import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/orders`: employers manage their own, counsellors read the open ones and recommend, admins read all. */
export const ordersRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('employer', 'counsellor', 'admin')],
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./orders-page').then((m) => m.OrdersPage), title: 'nav.orders' },
      {
        path: 'new',
        canActivate: [roleGuard('employer')],
        loadComponent: () => import('./employer/order-form-page').then((m) => m.OrderFormPage),
        title: 'orders.newTitle',
      },
      { path: ':id', loadComponent: () => import('./order-detail').then((m) => m.OrderDetail), title: 'orders.detailTitle' },
      {
        path: ':id/edit',
        canActivate: [roleGuard('employer')],
        loadComponent: () => import('./employer/order-form-page').then((m) => m.OrderFormPage),
        title: 'orders.editTitle',
      },
    ],
  },
];

/** `/placements`: a counsellor's trainees on orders (admins may read them too). */
export const placementsRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('counsellor', 'admin')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./counsellor/placements-page').then((m) => m.PlacementsPage),
        title: 'nav.placements',
      },
      {
        path: ':id',
        loadComponent: () => import('./counsellor/placement-detail').then((m) => m.PlacementDetail),
        title: 'orders.placementTitle',
      },
    ],
  },
];
