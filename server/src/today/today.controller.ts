import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { TodayDto } from './dto/today.dto';
import { TodayService } from './today.service';

/** Each count reaches exactly as far as the list it opens: the bureau all, staff their organisation. */
const SCOPE = { admin: 'all', counsellor: 'own-organisation', instructor: 'own-organisation' } as const;

@ApiTags('today')
@Controller('me')
export class TodayController {
  constructor(private readonly today: TodayService) {}

  /** What the caller must do today, as counts for their home (by role and organisation type). */
  @Get('today')
  @Access(['admin', 'counsellor', 'instructor'], SCOPE)
  get(@CurrentUser() user: AuthUser): Promise<TodayDto> {
    return this.today.forCaller(user);
  }
}
