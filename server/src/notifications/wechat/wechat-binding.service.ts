import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser, RequestContext } from '../../common/auth-user';
import { Clock } from '../../common/clock';
import { badRequest, conflict, DomainError } from '../../common/domain-error';
import type { BindWechatDto, WechatBindingDto } from './dto/wechat.dto';
import { WechatApiError, type WechatClient } from './wechat-client';
import { WECHAT_CLIENT } from './wechat-transport';
import { WechatRepository } from './wechat.repository';

/** WeChat's answers for an authorisation code that is wrong, used or expired. */
const BAD_CODE = new Set(['40029', '40163', '41008', '42003']);

/**
 * My account's WeChat (接收微信提醒): bound from the code of WeChat's web authorisation, which only
 * the person holding that WeChat can produce, and only ever one's own — there is no route that names
 * another user. The openid stays on the server; answers say bound or not.
 */
@Injectable()
export class WechatBindingService {
  constructor(
    @Inject(WECHAT_CLIENT) private readonly client: WechatClient | null,
    private readonly wechat: WechatRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async binding(user: AuthUser): Promise<WechatBindingDto> {
    const row = await this.wechat.bindingOf(user.id);
    return { available: this.client !== null, bound: row !== undefined, boundAt: row ? new Date(row.boundAt).toISOString() : null };
  }

  async bind(user: AuthUser, dto: BindWechatDto, ctx: RequestContext): Promise<WechatBindingDto> {
    if (!this.client) throw badRequest('WECHAT_NOT_CONFIGURED');
    let openid: string;
    try {
      openid = await this.client.openidForCode(dto.code);
    } catch (e) {
      if (e instanceof WechatApiError && BAD_CODE.has(e.code)) throw badRequest('WECHAT_CODE_INVALID');
      // WeChat unreachable or misconfigured: not the caller's input, and worth trying again later.
      throw new DomainError(502, 'WECHAT_UNAVAILABLE');
    }
    if ((await this.wechat.bind(user.id, openid, this.clock.now())) === 'taken') throw conflict('WECHAT_BOUND_ELSEWHERE');
    await this.audit.record({ actor: user, action: 'wechat.bind', subjectType: 'user', subjectId: user.id, result: 'success', ctx });
    return this.binding(user);
  }

  async unbind(user: AuthUser, ctx: RequestContext): Promise<void> {
    if (await this.wechat.unbind(user.id))
      await this.audit.record({ actor: user, action: 'wechat.unbind', subjectType: 'user', subjectId: user.id, result: 'success', ctx });
  }
}
