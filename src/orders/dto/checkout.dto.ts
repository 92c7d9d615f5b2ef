import { IsIn, IsNotEmpty, Matches, MaxLength, ValidateBy } from 'class-validator';
import { Trim } from '../../common/form-fields';
import { countryRequiresState } from '../countries';
import { PriceField } from '../../products/dto/product.dto';
import { PAYMENT_METHODS, type AddressFields } from '../order.entity';

function Required(label: string, max: number): PropertyDecorator {
  return (target, key) => {
    MaxLength(max, { message: `${label} can be at most ${max} characters.` })(target, key);
    IsNotEmpty({ message: `Enter your ${label.toLowerCase()}.` })(target, key);
    Trim()(target, key);
  };
}

/** State is asked for only where the country's addresses have one (countries.ts). */
function GivenWhereTheCountryHasStates(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'stateWhereTheCountryHasStates',
      validator: {
        validate: (value: unknown, args) => {
          const { country } = args?.object as { country?: unknown };
          return (typeof value === 'string' && value !== '') || typeof country !== 'string' || !countryRequiresState(country);
        },
      },
    },
    { message: 'Enter your state.' },
  );
}

/** The longest each address field may be, as typed (after trimming). */
export const ADDRESS_FIELD_LIMITS = {
  firstName: 60,
  lastName: 60,
  address: 200,
  apartment: 60,
  city: 100,
  state: 100,
  country: 100,
  zipCode: 10,
} as const satisfies Record<keyof AddressFields, number>;
const LIMIT = ADDRESS_FIELD_LIMITS;

/** The checkout form. Card numbers are never asked for: the payment is a stand-in check. */
export class CheckoutDto {
  @IsIn(PAYMENT_METHODS, { message: 'Choose a payment method: Cash, Visa, MasterCard or Amex.' })
  paymentMethod: string;

  @PriceField({ label: 'Amount paid', example: '25.00' })
  amountPaid: string;

  @Required('First name', LIMIT.firstName)
  firstName: string;

  @Required('Last name', LIMIT.lastName)
  lastName: string;

  @Required('Address', LIMIT.address)
  address: string;

  @MaxLength(LIMIT.apartment, { message: `Apartment can be at most ${LIMIT.apartment} characters.` })
  @Trim()
  apartment: string = '';

  @Required('City', LIMIT.city)
  city: string;

  @MaxLength(LIMIT.state, { message: `State can be at most ${LIMIT.state} characters.` })
  @GivenWhereTheCountryHasStates()
  @Trim()
  state: string = '';

  @Required('Country', LIMIT.country)
  country: string;

  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$/, { message: 'Zip code must be 3 to 10 letters, digits, spaces or hyphens.' })
  @IsNotEmpty({ message: 'Enter your zip code.' })
  @Trim()
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
    [fields.state, fields.zipCode].filter((part) => part !== '').join(' '),
    fields.country,
  ]
    .filter((part) => part.trim() !== '')
    .join(', ');
}
