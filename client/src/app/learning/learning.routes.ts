import type { Routes } from '@angular/router';
import { roleGuard } from '../core/auth/auth-guards';

/** `/learning`: the trainee's own learning, phone first. */
export const learningRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('trainee')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./trainee/my-learning').then((m) => m.MyLearning),
        title: 'nav.learning',
      },
      {
        path: 'courses',
        loadComponent: () => import('./trainee/course-browser').then((m) => m.CourseBrowser),
        title: 'learning.browseTitle',
      },
      {
        path: 'diplomas/:id',
        loadComponent: () => import('./diploma/diploma-print').then((m) => m.DiplomaPrint),
        title: 'learning.diplomaTitle',
      },
    ],
  },
];

/** `/teaching`: an instructor's classes and course sessions. */
export const teachingRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('instructor')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./teaching/teaching-home').then((m) => m.TeachingHome),
        title: 'nav.teaching',
      },
      {
        path: 'classes/:id',
        loadComponent: () => import('./teaching/teaching-class').then((m) => m.TeachingClass),
        title: 'learning.classTitle',
      },
      {
        path: 'sessions/:id',
        loadComponent: () => import('./teaching/teaching-session').then((m) => m.TeachingSession),
        title: 'learning.sessionTitle',
      },
      {
        path: 'diplomas/:id',
        loadComponent: () => import('./diploma/diploma-print').then((m) => m.DiplomaPrint),
        title: 'learning.diplomaTitle',
      },
    ],
  },
];

/** The class and course lists with their detail pages: a counsellor's catalogue and the admin's learning pages share them. */
const catalogueChildren: Routes = [
  { path: 'classes', loadComponent: () => import('./catalogue/classes-page').then((m) => m.ClassesPage), title: 'nav.classes' },
  { path: 'classes/:id', loadComponent: () => import('./catalogue/class-page').then((m) => m.ClassPage), title: 'learning.classTitle' },
  { path: 'courses', loadComponent: () => import('./catalogue/courses-page').then((m) => m.CoursesPage), title: 'nav.courses' },
  { path: 'courses/:id', loadComponent: () => import('./catalogue/course-page').then((m) => m.CoursePage), title: 'learning.courseTitle' },
];

/** `/catalogue/…`: counsellors apply and enrol their trainees. */
export const catalogueRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('counsellor')],
    children: [{ path: '', pathMatch: 'full', redirectTo: 'classes' }, ...catalogueChildren],
  },
];

/** `/admin/learning/…`: programmes, classes (with their applications), courses and sessions. */
export const adminLearningRoutes: Routes = [
  {
    path: '',
    canActivate: [roleGuard('admin')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./catalogue/programmes-page').then((m) => m.ProgrammesPage),
        title: 'nav.learningAdmin',
      },
      ...catalogueChildren,
      { path: 'demand', loadComponent: () => import('./catalogue/demand-page').then((m) => m.DemandPage), title: 'learning.demandTitle' },
    ],
  },
];
