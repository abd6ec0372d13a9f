import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../common/decorators/access.decorator';
import { AuditService } from './audit.service';
import { AuditEntryPageDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /**
   * Browse the audit log, newest first. Only the audit administrator (审计管理员): 三权分立 keeps the
   * people whose acts the log records (system and security administrators) from reading it.
   */
  @Get()
  @Access(['audit_admin'], 'all')
  search(@Query() q: AuditQueryDto): Promise<AuditEntryPageDto> {
    return this.audit.search(q);
  }
}
