import type { Routes } from '@angular/router';

/** `/notifications`: every signed-in user's own settings (the inbox itself is the bell). */
export const notificationsRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'preferences' },
  {
    path: 'preferences',
    loadComponent: () => import('./notification-preferences').then((m) => m.NotificationPreferences),
    title: 'notifications.settings',
  },
];
