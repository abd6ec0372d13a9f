import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeysetPageQueryDto } from '../../common/dto/page.dto';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { NOTIFICATION_GROUP_KEYS, type NotificationGroup } from '../notification-kinds';

export class NotificationDto {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** My notices, newest first; 50 a page unless asked otherwise. `after` continues by keyset. */
export class NotificationQueryDto extends KeysetPageQueryDto {
  override pageSize: number = 50;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];
  /** For the badge: all my unread notices, at most COUNT_CAP (10,000). */
  unread: number;
  @ApiProperty({ description: 'All my notices, at most COUNT_CAP (10,000): see totalCapped' })
  total: number;
  page: number;
  pageSize: number;
  @ApiPropertyOptional({ description: 'More than COUNT_CAP notices: total is a lower bound (show "10,000+")' })
  totalCapped?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' })
  nextCursor?: string | null;
}

export class NotificationGroupDto {
  @ApiProperty({ enum: NOTIFICATION_GROUP_KEYS })
  group: NotificationGroup;
  label: string;
  labelEn: string;
  enabled: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationGroupDto] })
  groups: NotificationGroupDto[];
}

/** The groups to turn off (an empty list turns everything on). */
export class SetNotificationPreferencesDto {
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(NOTIFICATION_GROUP_KEYS, { each: true })
  @ApiProperty({ enum: NOTIFICATION_GROUP_KEYS, isArray: true })
  mutedGroups: NotificationGroup[];
}
