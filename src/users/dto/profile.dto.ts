import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { EmailField, NewPasswordField, SameAs, UsernameField } from './account-fields';

export class ProfileDto {
  @UsernameField()
  username: string;

  @EmailField()
  email: string;

  /** Required by the service only when the username or the email changes. */
  @IsOptional()
  @IsString()
  currentPassword?: string;
}

export class ChangePasswordDto {
  @IsNotEmpty({ message: 'Enter your current password.' })
  currentPassword: string;

  @NewPasswordField()
  newPassword: string;

  @SameAs('newPassword', { message: 'The two new passwords do not match.' })
  @IsNotEmpty({ message: 'Type the new password again.' })
  confirmNewPassword: string;
}
