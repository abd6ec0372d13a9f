import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { ROLES, type Role } from '../user.entity';

export class UserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** Part of the username or display name. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;
}
