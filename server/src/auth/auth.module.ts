import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { UsersModule } from '../users/users.module';
import { AccountEventsListener } from './account-events.listener';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { SessionsController } from './sessions.controller';
import { SessionsModule } from './sessions.module';
import { SignInThrottleModule } from './throttle/sign-in-throttle.module';

@Module({
  imports: [
    PassportModule,
    UsersModule,
    SessionsModule,
    SignInThrottleModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, SessionsController],
  providers: [AuthService, JwtStrategy, AccountEventsListener],
})
export class AuthModule {}
