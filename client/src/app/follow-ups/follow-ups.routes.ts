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
  // 转移监管 between community stations, and 失联 cases ('nav.transfers' / 'nav.lostContacts' are to be added to core/i18n).
  {
    path: 'transfers',
    canActivate: [roleGuard('admin', 'counsellor')],
    loadComponent: () => import('./transfers/transfers-page').then((m) => m.TransfersPage),
    title: 'nav.transfers',
  },
  {
    path: 'lost-contacts',
    canActivate: [roleGuard('admin', 'counsellor')],
    loadComponent: () => import('./lost-contacts/lost-contacts-page').then((m) => m.LostContactsPage),
    title: 'nav.lostContacts',
  },
];
