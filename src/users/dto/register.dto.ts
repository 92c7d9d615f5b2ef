import { IsNotEmpty } from 'class-validator';
import { EmailField, NewPasswordField, SameAs, UsernameField } from './account-fields';

export class RegisterDto {
  @UsernameField()
  username: string;

  @EmailField()
  email: string;

  @NewPasswordField()
  password: string;

  @SameAs('password', { message: 'The two passwords do not match.' })
  @IsNotEmpty({ message: 'Type the password again.' })
  confirmPassword: string;
}
