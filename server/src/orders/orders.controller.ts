import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { CreateOrderDto, OrderDto, OrderPageDto, OrderQueryDto, UpdateOrderDto } from './dto/order.dto';
import { OrdersService } from './orders.service';

const READERS = { admin: 'all', counsellor: 'all', employer: 'own-organisation' } as const;

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Employers: their own orders. Counsellors: open orders. Admins: all. */
  @Get()
  @Access(['admin', 'counsellor', 'employer'], READERS)
  list(@CurrentUser() user: AuthUser, @Query() q: OrderQueryDto): Promise<OrderPageDto> {
    return this.orders.list(user, q);
  }

  @Get(':id')
  @Access(['admin', 'counsellor', 'employer'], READERS)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    return this.orders.get(user, id);
  }

  /** A new order, as a draft. */
  @Post()
  @Access(['employer'], 'own-organisation')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrderDto, @ReqContext() ctx: RequestContext): Promise<OrderDto> {
    return this.orders.create(user, dto, ctx);
  }

  @Patch(':id')
  @Access(['employer'], 'own-organisation')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrderDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<OrderDto> {
    return this.orders.update(user, id, dto, ctx);
  }

  /** Publish (verified employers only). */
  @Post(':id/open')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  open(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<OrderDto> {
    return this.orders.open(user, id, ctx);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  close(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<OrderDto> {
    return this.orders.close(user, id, ctx);
  }
}
