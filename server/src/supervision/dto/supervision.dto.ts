import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { CONTACT_METHODS, type ContactMethod } from '../../follow-ups/follow-up.entities';
import {
  TRANSFER_REASONS,
  TRANSFER_REJECT_REASONS,
  TRANSFER_STATES,
  type TransferReason,
  type TransferRejectReason,
  type TransferState,
} from '../supervision.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A transfer between two community stations, as either station (or an admin) sees it. */
export class StationTransferDto {
  id: string;
  traineeId: string;
  traineeName: string;
  fromStationId: string;
  fromStationName: string;
  toStationId: string;
  toStationName: string;
  @ApiProperty({ enum: TRANSFER_REASONS })
  reason: TransferReason;
  /** The sending station's note (staff only, internal to the two stations). */
  note: string | null;
  @ApiProperty({ enum: TRANSFER_STATES })
  state: TransferState;
  requestedAt: string;
  requestedByName: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  @ApiProperty({ enum: TRANSFER_REJECT_REASONS, nullable: true })
  rejectReason: TransferRejectReason | null;
  /** Which side the caller is on: it decides the steps offered (sender: cancel; receiver: accept, reject). */
  @ApiProperty({ enum: ['sender', 'receiver', 'admin'] })
  side: 'sender' | 'receiver' | 'admin';
}

export class StationTransferPageDto {
  @ApiProperty({ type: [StationTransferDto] })
  items: StationTransferDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class StationTransferQueryDto extends PageQueryDto {
  /** `outgoing` (my station asked), `incoming` (my station is asked); both when omitted. */
  @IsOptional()
  @IsIn(['outgoing', 'incoming'])
  direction?: 'outgoing' | 'incoming';

  @IsOptional()
  @IsIn(TRANSFER_STATES)
  state?: TransferState;
}

export class CreateStationTransferDto {
  @IsUUID()
  @MaxLength(36)
  traineeId: string;

  /** The receiving community station (not the one supervising the person now). */
  @IsUUID()
  @MaxLength(36)
  toStationId: string;

  @IsIn(TRANSFER_REASONS)
  reason: TransferReason;

  /** Internal note for the receiving station (address, circumstances): never shown outside the two stations. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RejectStationTransferDto {
  @IsIn(TRANSFER_REJECT_REASONS)
  reason: TransferRejectReason;
}

/** An open (or, once found, closed) lost-contact case (失联). */
export class LostContactDto {
  id: string;
  traineeId: string;
  traineeName: string;
  stationId: string;
  stationName: string;
  /** The day of the first unreachable attempt of the run (YYYY-MM-DD). */
  since: string;
  /** Unreachable attempts in a row. */
  attempts: number;
  /** The station heads (and the bureau) were told. */
  escalated: boolean;
  foundOn: string | null;
  @ApiProperty({ enum: CONTACT_METHODS, nullable: true })
  foundMethod: ContactMethod | null;
  foundByName: string | null;
  note: string | null;
}

export class LostContactPageDto {
  @ApiProperty({ type: [LostContactDto] })
  items: LostContactDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class LostContactQueryDto extends PageQueryDto {}

export class FoundDto {
  /** The day the person was reached again (not in the future, not before the case opened). */
  @IsDateString({ strict: true })
  @MaxLength(10)
  foundOn: string;

  @IsIn(CONTACT_METHODS)
  contactMethod: ContactMethod;

  /** How they were found (internal to the station). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note?: string;
}

/** A community station a person may be transferred to: a directory entry (name and division only). */
export class StationOptionDto {
  id: string;
  name: string;
  divisionCode: string;
  divisionName: string;
}
