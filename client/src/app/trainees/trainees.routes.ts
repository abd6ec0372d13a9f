import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/trainees`: the caseload, a trainee's file, the roster import and who is behind before release. */
export const traineesRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('counsellor', 'admin')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./caseload/caseload-page').then((m) => m.CaseloadPage),
        title: 'nav.trainees',
      },
      {
        // Facility counsellors only (the server says so too); the page is theirs alone.
        path: 'import',
        canActivate: [roleGuard('counsellor')],
        loadComponent: () => import('./import/import-page').then((m) => m.ImportPage),
        title: 'records.importTitle',
      },
      {
        path: 'pre-release',
        loadComponent: () => import('./pre-release/pre-release-page').then((m) => m.PreReleasePage),
        title: 'nav.preRelease',
      },
      {
        // 再次入所: facility counsellors only (the page says so to others; the server checks it too).
        path: 'readmission',
        canActivate: [roleGuard('counsellor')],
        loadComponent: () => import('./readmission/readmission-form').then((m) => m.ReadmissionForm),
        title: 'records.readmissionTitle',
      },
      {
        path: ':id',
        loadComponent: () => import('./file/trainee-file').then((m) => m.TraineeFile),
        title: 'records.fileTitle',
      },
    ],
  },
];

/** `/handovers`: 出所衔接, outgoing and incoming, and one handover's steps. */
export const handoversRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('counsellor', 'admin')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./handovers/handovers-page').then((m) => m.HandoversPage),
        title: 'nav.handovers',
      },
      {
        path: ':id',
        loadComponent: () => import('./handovers/handover-detail').then((m) => m.HandoverDetail),
        title: 'records.handoverTitle',
      },
      {
        path: ':id/sheet',
        loadComponent: () => import('./handovers/handover-sheet').then((m) => m.HandoverSheet),
        title: 'records.handoverTitle',
      },
    ],
  },
];
