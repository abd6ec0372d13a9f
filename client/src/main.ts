// First: starts the first page's code and the session restore before Angular is evaluated (boot.ts).
import './boot';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((err: unknown) => console.error(err));
