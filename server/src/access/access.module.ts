import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** The one access policy, available to every domain module. */
@Global()
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}
