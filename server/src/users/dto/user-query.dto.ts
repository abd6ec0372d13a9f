import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { ROLES, type Role } from '../../common/role';

export class UserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
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
