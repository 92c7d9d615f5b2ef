import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { PriceField } from '../../products/dto/product.dto';
import { PAYMENT_METHODS, type AddressFields } from '../order.entity';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

function Required(label: string, max: number): PropertyDecorator {
  return (target, key) => {
    MaxLength(max, { message: `${label} can be at most ${max} characters.` })(target, key);
    IsNotEmpty({ message: `Enter your ${label.toLowerCase()}.` })(target, key);
    trim()(target, key);
  };
}

/** The checkout form. Card numbers are never asked for: the payment is a stand-in check. */
export class CheckoutDto {
  @IsIn(PAYMENT_METHODS, { message: 'Choose a payment method: Cash, Visa, MasterCard or Amex.' })
  paymentMethod: string;

  @PriceField({ label: 'Amount paid', example: '25.00' })
  amountPaid: string;

  @Required('First name', 60)
  firstName: string;

  @Required('Last name', 60)
  lastName: string;

  @Required('Address', 200)
  address: string;

  @MaxLength(60, { message: 'Apartment can be at most 60 characters.' })
  @trim()
  apartment: string = '';

  @Required('City', 100)
  city: string;

  @Required('State', 100)
  state: string;

  @Required('Country', 100)
  country: string;

  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$/, { message: 'Zip code must be 3 to 10 letters, digits, spaces or hyphens.' })
  @IsNotEmpty({ message: 'Enter your zip code.' })
  @trim()
  zipCode: string;

  /** The lines and prices the buyer was shown (cartSignature), to catch a change since. */
  expectedCart?: string;

  /** One per checkout page: a second submit of the same form returns the first order. */
  checkoutToken?: string;
}

export function addressFieldsOf(dto: CheckoutDto): AddressFields {
  return {
    firstName: dto.firstName,
    lastName: dto.lastName,
    address: dto.address,
    apartment: dto.apartment ?? '',
    city: dto.city,
    state: dto.state,
    country: dto.country,
    zipCode: dto.zipCode,
  };
}

/** The address as one readable line. */
export function formatAddress(fields: AddressFields): string {
  return [
    `${fields.firstName} ${fields.lastName}`,
    fields.address,
    fields.apartment,
    fields.city,
    `${fields.state} ${fields.zipCode}`,
    fields.country,
  ]
    .filter((part) => part.trim() !== '')
    .join(', ');
}
