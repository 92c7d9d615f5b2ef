import { EmailField } from '../../users/dto/account-fields';

export class ForgotPasswordDto {
  @EmailField()
  email: string;
}
