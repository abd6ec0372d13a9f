import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { Access, Public } from '../../common/decorators/access.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { RateLimited } from '../../common/decorators/rate-limited.decorator';
import { ROLES } from '../../common/role';
import { SetSmsPreferenceDto, SmsPreferenceDto, SmsReplyAckDto } from './dto/sms.dto';
import { SmsPreferencesService } from './sms-preferences.service';

/** "接收短信提醒": my own setting. */
@ApiTags('notifications')
@Controller('notifications/sms')
export class SmsPreferencesController {
  constructor(private readonly sms: SmsPreferencesService) {}

  @Get()
  @Access(ROLES, 'self')
  preference(@CurrentUser() user: AuthUser): Promise<SmsPreferenceDto> {
    return this.sms.preference(user);
  }

  @Put()
  @Access(ROLES, 'self')
  setPreference(@CurrentUser() user: AuthUser, @Body() dto: SetSmsPreferenceDto): Promise<SmsPreferenceDto> {
    return this.sms.setPreference(user, dto);
  }
}

/**
 * Tencent's SMS reply callback (configured in Tencent's console as `…/api/sms/replies?token=<SMS_CALLBACK_TOKEN>`).
 * The body is taken as it comes (not a DTO): a forged call must get the 404 before anything is validated.
 */
@Controller('sms')
export class SmsRepliesController {
  constructor(private readonly sms: SmsPreferencesService) {}

  @Post('replies')
  @Public()
  @RateLimited()
  @HttpCode(200)
  reply(@Query('token') token: string | undefined, @Body() body: unknown): Promise<SmsReplyAckDto> {
    return this.sms.reply(token, body);
  }
}
