import type { Role } from '../../common/role';
import type { Caller, PermissionDefinition, RowRule } from '../access.types';

/** An employer's own orders, in any state. */
const ordersOfEmployer: RowRule = (r, caller, wanted, q) => r.ordersOfEmployer(wanted, caller.organisationId, q);

/** Orders that are published: counsellors match and recommend against them. Drafts stay the employer's. */
const publishedOrders: RowRule = (r, _caller, wanted, q) => r.openOrders(wanted, q);

/** Orders that were ever published (open, filled or closed): their placements and history stay readable. */
const everPublishedOrders: RowRule = (r, _caller, wanted, q) => r.everPublishedOrders(wanted, q);

const ORDER = 'ORDER' as const;

export const ORDERS_PERMISSIONS = {
  /** See an order: admins all; an employer its own; counsellors the open ones. */
  'order.read': {
    noun: ORDER,
    rules: {
      admin: { all: 'any' },
      employer: { 'own-organisation': ordersOfEmployer },
      counsellor: { all: publishedOrders, 'own-organisation': publishedOrders },
    },
  },
  /** An order's placements and fulfilment: like reading it, but closed and filled orders stay in reach. */
  'order.follow': {
    noun: ORDER,
    rules: {
      admin: { all: 'any' },
      employer: { 'own-organisation': ordersOfEmployer },
      counsellor: { all: everPublishedOrders, 'own-organisation': everPublishedOrders },
    },
  },
  /** Change, open or close an order: its employer only. */
  'order.manage': { noun: ORDER, rules: { employer: { 'own-organisation': ordersOfEmployer } } },
} satisfies Record<string, PermissionDefinition>;

export const ORDERS_CAPABILITIES = {} satisfies Record<string, readonly Role[]>;

/** Which orders a list shows the caller: `employerId` narrows to one employer, `openOnly` to published ones. */
export interface OrderListFilter {
  employerId: string | null;
  openOnly: boolean;
}

export function orderListFilter(caller: Caller): OrderListFilter {
  if (caller.role === 'employer') return { employerId: caller.organisationId, openOnly: false };
  return { employerId: null, openOnly: caller.role !== 'admin' };
}
