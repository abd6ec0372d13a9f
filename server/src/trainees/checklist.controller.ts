import { Body, Controller, Get, Param, ParseEnumPipe, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { CHECKLIST_ITEMS, type ChecklistItemKey } from './checklist-item.entity';
import { ChecklistService } from './checklist.service';
import { ChecklistBehindDto, ChecklistItemDto, UpdateChecklistItemDto } from './dto/checklist.dto';

@ApiTags('trainees')
@Controller('trainees')
export class ChecklistController {
  constructor(private readonly checklist: ChecklistService) {}

  /** Pre-release trainees with open checklist items, soonest release first (own organisation). */
  @Get('checklists/behind')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  behind(@CurrentUser() user: AuthUser): Promise<ChecklistBehindDto[]> {
    return this.checklist.behind(user);
  }

  @Get(':id/checklist')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChecklistItemDto[]> {
    return this.checklist.forTrainee(user, id);
  }

  /** Tick (or reopen) one item with the date and a note. */
  @Put(':id/checklist/:itemKey')
  @Access(['counsellor'], 'own-organisation')
  @ApiParam({ name: 'itemKey', enum: CHECKLIST_ITEMS })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemKey', new ParseEnumPipe(Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, k])))) itemKey: ChecklistItemKey,
    @Body() dto: UpdateChecklistItemDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ChecklistItemDto[]> {
    return this.checklist.update(user, id, itemKey, dto, ctx);
  }
}
