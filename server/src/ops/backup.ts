// `npm run backup`: a consistent logical backup of the app's database, made by the app itself.
import 'reflect-metadata';
import { main, runBackup } from './cli';

void main(runBackup, 'Backup');
