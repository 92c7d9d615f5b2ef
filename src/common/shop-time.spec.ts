import { addDays, shopDateTime, shopDay } from './shop-time';

describe('shop time', () => {
  it('reads the day and time in the shop zone, not UTC', () => {
    const instant = new Date('2026-03-01T04:30:00Z');
    expect(shopDay(instant, 'UTC')).toBe('2026-03-01');
    expect(shopDay(instant, 'America/New_York')).toBe('2026-02-28');
    expect(shopDateTime(instant, 'America/New_York')).toBe('2026-02-28 23:30');
    expect(shopDateTime(new Date('2026-03-01T00:00:00Z'), 'UTC')).toBe('2026-03-01 00:00');
  });

  it('adds calendar days across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', -29)).toBe('2025-12-03');
  });
});
