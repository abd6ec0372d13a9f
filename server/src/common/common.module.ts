import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { FieldCipherProvider } from './crypto/field-cipher.provider';

/** Cross-cutting services every domain may inject: the clock and the field cipher. */
@Global()
@Module({ providers: [Clock, FieldCipherProvider], exports: [Clock, FieldCipherProvider] })
export class CommonModule {}
