import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CHECKLIST_ITEMS, type ChecklistItemKey } from '../checklist-item.entity';

export class ChecklistItemDto {
  @ApiProperty({ enum: CHECKLIST_ITEMS })
  itemKey: ChecklistItemKey;
  label: string;
  labelEn: string;
  /** Date the item was done; null while open. */
  doneOn: string | null;
  note: string | null;
  doneByName: string | null;
}

export class UpdateChecklistItemDto {
  /** The date it was done, or null to reopen it. */
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  @MaxLength(40)
  doneOn: string | null;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** A trainee in pre-release whose checklist is not complete. */
export class ChecklistBehindDto {
  traineeId: string;
  fullName: string;
  expectedReleaseOn: string;
  daysToRelease: number;
  done: number;
  total: number;
  @ApiProperty({ enum: CHECKLIST_ITEMS, isArray: true })
  missing: ChecklistItemKey[];
}
