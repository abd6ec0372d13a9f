import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { RolesGuard } from './common/guards/roles.guard';
import { LoggingModule } from './common/logging.module';
import { validationPipe } from './common/validation';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env';
import { dataSourceOptions, poolTimeouts } from './database/data-source-options';
import { ConsentsModule } from './consents/consents.module';
import { CoursesModule } from './courses/courses.module';
import { DiplomasModule } from './diplomas/diplomas.module';
import { OrdersModule } from './orders/orders.module';
import { PlacementsModule } from './placements/placements.module';
import { FairsModule } from './fairs/fairs.module';
import { MatchingModule } from './matching/matching.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { PlansModule } from './plans/plans.module';
import { JobLimitsModule } from './job-limits/job-limits.module';
import { NotificationsModule } from './notifications/notifications.module';
import { EmployersModule } from './employers/employers.module';
import { HandoversModule } from './handovers/handovers.module';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { MfaModule } from './mfa/mfa.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReportsModule } from './reports/reports.module';
import { ReferenceModule } from './reference/reference.module';
import { TraineesModule } from './trainees/trainees.module';
import { UsersModule } from './users/users.module';
import { SealingModule } from './sealing/sealing.module';
import { SupervisionModule } from './supervision/supervision.module';
import { ActivationModule } from './activation/activation.module';
import { TodayModule } from './today/today.module';

/**
 * The whole application. The global pipeline is registered here as providers (not in main.ts),
 * so the tests, which build this module, run exactly what production runs.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        LoggingModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, {}, config)),
        AccessModule,
        AuditModule,
        MetricsModule,
        JobsModule.forRoot({ url: databaseUrl, pool: poolTimeouts(config) }),
        HealthModule,
        ReferenceModule,
        OrganisationsModule,
        UsersModule,
        SealingModule,
        AuthModule,
        MfaModule,
        EmployersModule,
        TraineesModule,
        ConsentsModule,
        HandoversModule,
        NotificationsModule,
        CoursesModule,
        DiplomasModule,
        OrdersModule,
        PlacementsModule,
        FairsModule,
        MatchingModule,
        FollowUpsModule,
        PlansModule,
        JobLimitsModule,
        ReportsModule,
        HousekeepingModule,
        ActivationModule,
        SupervisionModule,
        TodayModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: validationPipe },
        // Order matters: authenticate first, then check the role.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
