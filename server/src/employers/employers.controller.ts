import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '../common/auth-user';
import { Public } from '../common/decorators/access.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import { ReqContext } from '../common/decorators/current-user.decorator';
import { EmployerRegistrationDto, RegisterEmployerDto } from './dto/register-employer.dto';
import { EmployersService } from './employers.service';

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  /**
   * An employer registers itself and its first account; it stays pending until an admin verifies
   * it. 202 with the same body whether or not the username was free: nothing here tells which
   * usernames exist.
   */
  @Post('registrations')
  @Public()
  @RateLimited()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: EmployerRegistrationDto })
  register(@Body() dto: RegisterEmployerDto, @ReqContext() ctx: RequestContext): Promise<EmployerRegistrationDto> {
    return this.employers.register(dto, ctx);
  }
}
