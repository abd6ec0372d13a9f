import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { CaseloadSummaryDto, MyTraineeStatusDto } from './dto/trainee.dto';
import { TraineesService } from './trainees.service';

@ApiTags('trainees')
@Controller('trainees')
export class TraineesController {
  constructor(private readonly trainees: TraineesService) {}

  /** Counts per lifecycle state for the counsellor's organisation (admins: everyone). */
  @Get('caseload-summary')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  caseloadSummary(@CurrentUser() user: AuthUser): Promise<CaseloadSummaryDto> {
    return this.trainees.caseloadSummary(user);
  }

  /** A trainee's own status and next date. */
  @Get('me')
  @Access(['trainee'], 'self')
  me(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<MyTraineeStatusDto> {
    return this.trainees.myStatus(user, ctx);
  }
}
