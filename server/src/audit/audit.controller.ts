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

  /** Browse the audit log, newest first. */
  @Get()
  @Access(['admin'], 'all')
  search(@Query() q: AuditQueryDto): Promise<AuditEntryPageDto> {
    return this.audit.search(q);
  }
}
