import { ApiProperty } from '@nestjs/swagger';

export class NotificationDto {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];
  /** For the badge. */
  unread: number;
}
