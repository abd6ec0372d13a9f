import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { CreateUserDto, ResetPasswordDto, SetPermissionsDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { UsersService } from './users.service';

/**
 * Staff accounts. 三权分立: the system administrator (`admin`) creates, edits, disables accounts and
 * resets passwords; the security administrator (`security_admin`) reads the list (staff accounts
 * only) and grants or revokes permissions; the audit administrator reaches none of it.
 */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access(['admin', 'security_admin'], 'all')
  list(@CurrentUser() user: AuthUser, @Query() q: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(user, q);
  }

  @Get(':id')
  @Access(['admin', 'security_admin'], 'all')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(user, id);
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

  /** Grant or revoke permissions (`identity.unmask`, `station.head`): the whole new set, with a reason. */
  @Put(':id/permissions')
  @Access(['security_admin'], 'all')
  setPermissions(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetPermissionsDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<UserDto> {
    return this.users.setPermissions(user, id, dto, ctx);
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
