import { ADDRESS_MAX_LENGTH } from '../order.entity';
import { ADDRESS_FIELD_LIMITS, formatAddress } from './checkout.dto';

describe('the composed address', () => {
  it('fits the orders.address column with every field at its longest', () => {
    const longest = Object.fromEntries(
      Object.entries(ADDRESS_FIELD_LIMITS).map(([field, max]) => [field, 'w'.repeat(max)]),
    ) as unknown as Parameters<typeof formatAddress>[0];
    const line = formatAddress(longest);
    expect(line.length).toBe(702);
    expect(line.length).toBeLessThanOrEqual(ADDRESS_MAX_LENGTH);
  });
});
