import type { Routes } from '@angular/router';
import { appStylesReady, baseStylesReady } from './core/app-styles';
import { authGuard, leaveForSignIn } from './core/auth/auth-guards';
import { mfaEnrolmentGuard } from './core/auth/mfa-guard';
import { SignInOffline } from './sign-in-offline/sign-in-offline';

// Route titles are translation keys (see I18nTitleStrategy).

export const routes: Routes = [
  // The sign-in page is plain HTML served by the server (src/sign-in/), not a page of this app.
  { path: 'login', canActivate: [leaveForSignIn], children: [] },
  // Its button has ng-zorro's classes: the base styles, loaded by then on every way here (cached when offline).
  { path: 'sign-in-offline', canActivate: [baseStylesReady], component: SignInOffline, title: 'signIn.offlineTitle' },
  // Public: a code from release day opens the person's own account (the title is the discreet app name).
  {
    path: 'activate',
    canActivate: [appStylesReady],
    loadComponent: () => import('./activate/activate').then((m) => m.Activate),
    title: 'app.discreetName',
  },
  {
    path: 'register/employer',
    canActivate: [appStylesReady],
    loadComponent: () => import('./register-employer/register-employer').then((m) => m.RegisterEmployer),
    title: 'register.title',
  },
  // Public diploma verification: no sign-in, outside the signed-in frame.
  {
    path: 'verify',
    canActivate: [baseStylesReady],
    loadComponent: () => import('./verify/verify-page').then((m) => m.VerifyPage),
    title: 'learning.verifyTitle',
  },
  {
    path: 'verify/:code',
    canActivate: [baseStylesReady],
    loadComponent: () => import('./verify/verify-page').then((m) => m.VerifyPage),
    title: 'learning.verifyTitle',
  },
  {
    path: '',
    canActivate: [authGuard, appStylesReady],
    // An account that must enrol a second factor first sees only the enrolment page.
    canActivateChild: [mfaEnrolmentGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./home/home').then((m) => m.Home), title: 'nav.home' },
      { path: 'admin', loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes) },
      { path: 'account', loadComponent: () => import('./account/account').then((m) => m.Account), title: 'account.title' },
      {
        path: 'account/mfa',
        loadComponent: () => import('./account/mfa/mfa-enrolment').then((m) => m.MfaEnrolment),
        title: 'account.title',
      },
      {
        path: 'account/sessions',
        loadComponent: () => import('./account/sessions/sessions-page').then((m) => m.SessionsPage),
        title: 'account.title',
      },
      { path: 'learning', loadChildren: () => import('./learning/learning.routes').then((m) => m.learningRoutes) },
      { path: 'teaching', loadChildren: () => import('./learning/learning.routes').then((m) => m.teachingRoutes) },
      { path: 'catalogue', loadChildren: () => import('./learning/learning.routes').then((m) => m.catalogueRoutes) },
      { path: 'trainees', loadChildren: () => import('./trainees/trainees.routes').then((m) => m.traineesRoutes) },
      { path: 'handovers', loadChildren: () => import('./trainees/trainees.routes').then((m) => m.handoversRoutes) },
      { path: 'me', loadChildren: () => import('./portal/portal.routes').then((m) => m.portalRoutes) },
      { path: 'orders', loadChildren: () => import('./orders/orders.routes').then((m) => m.ordersRoutes) },
      { path: 'placements', loadChildren: () => import('./orders/orders.routes').then((m) => m.placementsRoutes) },
      { path: 'fairs', loadChildren: () => import('./fairs/fairs.routes').then((m) => m.fairsRoutes) },
      { path: 'reports', loadChildren: () => import('./reports/reports.routes').then((m) => m.reportsRoutes) },
      { path: 'follow-ups', loadChildren: () => import('./follow-ups/follow-ups.routes').then((m) => m.followUpsRoutes) },
      { path: 'matching', loadChildren: () => import('./matching/matching.routes').then((m) => m.matchingRoutes) },
      {
        path: 'notifications',
        loadChildren: () => import('./notifications/notifications.routes').then((m) => m.notificationsRoutes),
      },
    ],
  },
  {
    path: '**',
    canActivate: [appStylesReady],
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
    title: 'notFound.title',
  },
];
