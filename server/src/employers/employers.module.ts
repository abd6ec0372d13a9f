import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UsersModule } from '../users/users.module';
import { EmployersController } from './employers.controller';
import { EmployersService } from './employers.service';

@Module({
  imports: [OrganisationsModule, UsersModule],
  controllers: [EmployersController],
  providers: [EmployersService],
})
export class EmployersModule {}
