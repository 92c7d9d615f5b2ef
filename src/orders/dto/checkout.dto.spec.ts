import { validateForm } from '../../common/form';
import { ADDRESS_MAX_LENGTH } from '../order.entity';
import { ADDRESS_FIELD_LIMITS, CheckoutDto, formatAddress } from './checkout.dto';

describe('the composed address', () => {
  it('fits the orders.address column with every field at its longest', () => {
    const longest = Object.fromEntries(
      Object.entries(ADDRESS_FIELD_LIMITS).map(([field, max]) => [field, 'w'.repeat(max)]),
    ) as unknown as Parameters<typeof formatAddress>[0];
    const line = formatAddress(longest);
    expect(line.length).toBe(702);
    expect(line.length).toBeLessThanOrEqual(ADDRESS_MAX_LENGTH);
  });

  it('leaves out an empty State without a double space', () => {
    const line = formatAddress({
      firstName: 'Ada', lastName: 'Lovelace', address: '12 Analytical Row', apartment: '',
      city: 'London', state: '', country: 'United Kingdom', zipCode: 'W1 1AA',
    });
    expect(line).toBe('Ada Lovelace, 12 Analytical Row, London, W1 1AA, United Kingdom');
  });
});

describe('the State field', () => {
  const form = (fields: Record<string, string>) =>
    validateForm(CheckoutDto, {
      paymentMethod: 'Visa', amountPaid: '10.00', firstName: 'Ada', lastName: 'Lovelace', address: '1 Row',
      city: 'Town', zipCode: '12345', ...fields,
    });

  it.each(['United Kingdom', 'Germany', 'Narnia'])('may be empty in %p', async (country) => {
    const result = await form({ country, state: '  ' });
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.value.state).toBe('');
  });

  it('may be left out of the body where the country has none', async () => {
    expect((await form({ country: 'United Kingdom' })).valid).toBe(true);
  });

  it.each(['United States', 'United States of America', 'Canada', 'australia'])('is asked for in %p', async (country) => {
    const result = await form({ country, state: '' });
    expect(result).toMatchObject({ valid: false, errors: { state: 'Enter your state.' } });
    expect(Object.keys(result.valid ? {} : result.errors)).toEqual(['state']);
  });

  it('is still at most 100 characters anywhere', async () => {
    const result = await form({ country: 'United Kingdom', state: 's'.repeat(101) });
    expect(result).toMatchObject({ valid: false, errors: { state: 'State can be at most 100 characters.' } });
  });
});
