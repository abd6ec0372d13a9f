import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ImportQueryDto {
  /** `true` (default): only check. `false`: write every row, or none if any row is bad. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportProblemDto {
  /** Row number in the sheet (1 is the header). */
  row: number;
  /** Template column key, e.g. `identityNumber`. */
  field: string;
  message: string;
  messageEn: string;
}

export class ImportReportDto {
  /** Data rows read (blank rows skipped). */
  rows: number;
  /** Rows without problems. */
  valid: number;
  @ApiProperty({ type: [ImportProblemDto] })
  problems: ImportProblemDto[];
  /** Rows written (0 on a dry run, or when any row has a problem: the import is all-or-nothing). */
  imported: number;
  committed: boolean;
}
