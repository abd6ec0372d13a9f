import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ROLES } from '../common/role';
import {
  NotificationListDto,
  NotificationPreferencesDto,
  NotificationQueryDto,
  SetNotificationPreferencesDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** A page of my notifications (newest first, 50 by default) and the unread count. */
  @Get()
  @Access(ROLES, 'self')
  mine(@CurrentUser() user: AuthUser, @Query() q: NotificationQueryDto): Promise<NotificationListDto> {
    return this.notifications.mine(user, q);
  }

  /** Which groups of notices reach me. */
  @Get('preferences')
  @Access(ROLES, 'self')
  preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(user);
  }

  @Put('preferences')
  @Access(ROLES, 'self')
  setPreferences(@CurrentUser() user: AuthUser, @Body() dto: SetNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.notifications.setPreferences(user, dto);
  }

  @Post('read')
  @HttpCode(200)
  @Access(ROLES, 'self')
  readAll(@CurrentUser() user: AuthUser): Promise<NotificationListDto> {
    return this.notifications.markRead(user, null);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access(ROLES, 'self')
  read(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationListDto> {
    return this.notifications.markRead(user, id);
  }
}
