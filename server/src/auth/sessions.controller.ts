import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { ROLES } from '../common/role';
import { type SessionCaller, SessionsService } from './sessions.service';

/** One signed-in device of the caller. Never the raw user agent nor the full address. */
export class SessionInfoDto {
  @ApiProperty({ format: 'uuid', description: 'The session (stays the same while its tokens rotate).' })
  id: string;
  @ApiProperty({ format: 'date-time', description: 'When this device signed in.' })
  startedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the session was last refreshed.' })
  lastUsedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Browser family, e.g. "Chrome", "WeChat"; null: not recognised.' })
  browser: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Operating system, e.g. "Android", "Windows"; null: not recognised.' })
  os: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The client network, masked: "10.2.*.*".' })
  address: string | null;
  @ApiProperty({ description: 'This is the session making the request.' })
  current: boolean;
}

export class SessionsEndedDto {
  @ApiProperty({ description: 'How many other sessions were ended.' })
  ended: number;
}

/** One's own signed-in devices (登录设备): every role, for shared phones as much as office computers. */
@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** The caller's live sessions, most recently used first; `current` marks this one. */
  @Get()
  @Access(ROLES, 'self')
  @ApiOkResponse({ type: [SessionInfoDto] })
  list(@CurrentUser() user: SessionCaller): Promise<SessionInfoDto[]> {
    return this.sessions.list(user);
  }

  /** Sign out every other device; this one stays signed in. */
  @Delete()
  @Access(ROLES, 'self')
  @ApiOkResponse({ type: SessionsEndedDto })
  endOthers(@CurrentUser() user: SessionCaller, @ReqContext() ctx: RequestContext): Promise<SessionsEndedDto> {
    return this.sessions.endOthers(user, ctx);
  }

  /** Sign out one device of one's own (404 for anyone else's). */
  @Delete(':id')
  @HttpCode(204)
  @Access(ROLES, 'self')
  @ApiNoContentResponse()
  end(@CurrentUser() user: SessionCaller, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<void> {
    return this.sessions.end(user, id, ctx);
  }
}
