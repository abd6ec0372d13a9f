import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../../common/auth-user';
import { Access } from '../../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../../common/decorators/current-user.decorator';
import { ROLES } from '../../common/role';
import { BindWechatDto, WechatBindingDto } from './dto/wechat.dto';
import { WechatBindingService } from './wechat-binding.service';

/** "接收微信提醒": my own account's WeChat, for reminders. */
@ApiTags('notifications')
@Controller('wechat/binding')
export class WechatBindingController {
  constructor(private readonly wechat: WechatBindingService) {}

  @Get()
  @Access(ROLES, 'self')
  @ApiOkResponse({ type: WechatBindingDto })
  binding(@CurrentUser() user: AuthUser): Promise<WechatBindingDto> {
    return this.wechat.binding(user);
  }

  /** Binds my account to the WeChat that just authorised the 服务号 (the redirect's `code`). */
  @Post()
  @HttpCode(200)
  @Access(ROLES, 'self')
  @ApiOkResponse({ type: WechatBindingDto })
  bind(@CurrentUser() user: AuthUser, @Body() dto: BindWechatDto, @ReqContext() ctx: RequestContext): Promise<WechatBindingDto> {
    return this.wechat.bind(user, dto, ctx);
  }

  /** No more WeChat reminders for my account. */
  @Delete()
  @HttpCode(204)
  @Access(ROLES, 'self')
  @ApiNoContentResponse()
  unbind(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<void> {
    return this.wechat.unbind(user, ctx);
  }
}
