import { isDay, orderBy, orderCondition, parseOrderFilters } from './order-filters';
import { allowedActions, refusal } from './order-status';

describe('order history filters', () => {
  it('reads real calendar days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay('2026-01-01T00:00')).toBe(false);
  });

  it('refuses unreadable filters instead of dropping them, and keeps what was typed', () => {
    const parsed = parseOrderFilters({ from: '2026-03-05', to: '2026-03-01', category: 'Candles', status: 'lost' }, { staff: true });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual({ to: 'To must be on or after From.', status: expect.stringContaining('Choose a status') });
    expect(parsed.filters).toMatchObject({ from: '2026-03-05', to: '2026-03-01', category: 'Candles' });
  });

  it('ignores staff filters for a buyer and falls back to the default sort', () => {
    const parsed = parseOrderFilters({ status: 'lost', buyer: 'bob', sort: 'sideways' }, { staff: false });
    expect(parsed).toEqual({ ok: true, filters: { from: '', to: '', category: '', sort: 'date_desc', status: '', buyer: '' } });
  });

  it('puts the buyer scope first and takes wildcards in Buyer literally', () => {
    const filters = { from: '2026-03-01', to: '', category: '', sort: 'date_desc' as const, status: '' as const, buyer: '50%_off' };
    const condition = orderCondition(filters, { userId: 7, excludeCancelled: true }, 'Europe/Paris');
    expect(condition.sql.startsWith('o.user_id = ?')).toBe(true);
    expect(condition.params).toEqual([7, '2026-03-01', 'Europe/Paris', '%50\\%\\_off%']);
    expect(condition.sql).toContain(`o.status <> 'cancelled'`);
  });

  it('breaks ties newest first, then by id', () => {
    expect(orderBy('total_asc')).toBe('o.total_price asc, o.created desc, o.id desc');
  });
});

describe('order status rules', () => {
  it('offers staff every move the status allows and the buyer only cancel while placed', () => {
    expect(allowedActions('placed', { staff: true })).toEqual(['ship', 'cancel']);
    expect(allowedActions('shipped', { staff: true })).toEqual(['deliver']);
    expect(allowedActions('delivered', { staff: true })).toEqual([]);
    expect(allowedActions('placed', { staff: false })).toEqual(['cancel']);
    expect(allowedActions('shipped', { staff: false })).toEqual([]);
  });

  it('says a cancelled order is already cancelled, whatever was tried', () => {
    expect(refusal('cancel', 'cancelled')).toBe('This order is already cancelled.');
    expect(refusal('ship', 'cancelled')).toBe('This order is already cancelled.');
  });
});
