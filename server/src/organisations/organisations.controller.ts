import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { ROLES } from '../common/role';
import {
  CreateOrganisationDto,
  EmployerDecisionDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  /** Admins: every organisation. Everyone else: their own. */
  @Get()
  @Access(ROLES, {
    admin: 'all',
    counsellor: 'own-organisation',
    instructor: 'own-organisation',
    employer: 'own-organisation',
    trainee: 'own-organisation',
  })
  list(@CurrentUser() user: AuthUser, @Query() q: OrganisationQueryDto): Promise<OrganisationPageDto> {
    return this.organisations.list(user, q);
  }

  @Get(':id')
  @Access(ROLES, {
    admin: 'all',
    counsellor: 'own-organisation',
    instructor: 'own-organisation',
    employer: 'own-organisation',
    trainee: 'own-organisation',
  })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OrganisationDto> {
    return this.organisations.get(user, id);
  }

  @Post()
  @Access(['admin'], 'all')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganisationDto, @ReqContext() ctx: RequestContext): Promise<OrganisationDto> {
    return this.organisations.create(user, dto, ctx);
  }

  @Patch(':id')
  @Access(['admin'], 'all')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<OrganisationDto> {
    return this.organisations.update(user, id, dto, ctx);
  }

  /** Verify or reject a self-registered employer. */
  @Post(':id/decision')
  @Access(['admin'], 'all')
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EmployerDecisionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<OrganisationDto> {
    return this.organisations.decideEmployer(user, id, dto, ctx);
  }
}
