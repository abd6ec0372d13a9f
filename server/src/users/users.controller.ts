import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { UsersService } from './users.service';

/** Staff accounts, managed by the bureau's admins. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access(['admin'], 'all')
  list(@Query() q: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(q);
  }

  @Get(':id')
  @Access(['admin'], 'all')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @Access(['admin'], 'all')
  create(@CurrentUser() admin: AuthUser, @Body() dto: CreateUserDto, @ReqContext() ctx: RequestContext): Promise<UserDto> {
    return this.users.create(admin, dto, ctx);
  }

  @Patch(':id')
  @Access(['admin'], 'all')
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<UserDto> {
    return this.users.update(admin, id, dto, ctx);
  }

  /** Set a temporary password (also lifts a lockout and ends the account's sessions). */
  @Post(':id/password')
  @HttpCode(204)
  @Access(['admin'], 'all')
  resetPassword(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<void> {
    return this.users.resetPassword(admin, id, dto, ctx);
  }
}
