import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { HANDOVER_STATES, type HandoverState } from '../handover.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class HandoverDto {
  id: string;
  traineeId: string;
  traineeName: string;
  fromOrganisationId: string;
  fromOrganisationName: string;
  toOrganisationId: string;
  toOrganisationName: string;
  @ApiProperty({ enum: HANDOVER_STATES })
  state: HandoverState;
  releaseDate: string;
  createdAt: string;
  sentAt: string | null;
  acceptedAt: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  completedAt: string | null;
  escortName: string | null;
  receivingOfficer: string | null;
  documents: string[];
  handoverPlace: string | null;
  handedOverOn: string | null;
  /** Not accepted 48 hours after the release date: shown to both sides and to admins. */
  overdue: boolean;
  /** Which side the caller is on. */
  @ApiProperty({ enum: ['sender', 'receiver', 'admin'] })
  side: 'sender' | 'receiver' | 'admin';
}

export class HandoverPageDto {
  @ApiProperty({ type: [HandoverDto] })
  items: HandoverDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class HandoverQueryDto extends PageQueryDto {
  /** `outgoing` (my organisation hands over), `incoming` (it receives); both when omitted. */
  @IsOptional()
  @IsIn(['outgoing', 'incoming'])
  direction?: 'outgoing' | 'incoming';

  @IsOptional()
  @IsIn(HANDOVER_STATES)
  state?: HandoverState;

  /** Only overdue handovers. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  overdue?: boolean;
}

export class CreateHandoverDto {
  @IsUUID()
  @MaxLength(36)
  traineeId: string;

  /** The receiving community station; defaults to the station of the trainee's home division. */
  @IsOptional()
  @IsUUID()
  @MaxLength(36)
  toOrganisationId?: string;

  /** Planned release date. */
  @IsDateString({ strict: true })
  @MaxLength(40)
  releaseDate: string;
}

export class RejectHandoverDto {
  /** Why the station cannot receive (goes back to the sender). */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class CompleteHandoverDto {
  /** Who delivered the person (送). */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  escortName: string;

  /** Who received them (接). */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  receivingOfficer: string;

  /** Documents handed over, e.g. 解除强制隔离戒毒证明书, 诊断评估结果, 出所前教育记录. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  documents: string[];

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  handoverPlace: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  handedOverOn: string;
}

export class StationSuggestionDto {
  organisationId: string | null;
  organisationName: string | null;
  divisionCode: string;
  divisionName: string;
}
