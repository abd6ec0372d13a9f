// `npm run restore -- <file>`: restores a backup made by `npm run backup` into an empty database.
import 'reflect-metadata';
import { main, runRestore } from './cli';

void main(runRestore, 'Restore');
