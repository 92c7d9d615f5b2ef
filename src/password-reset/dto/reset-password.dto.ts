import { IsNotEmpty } from 'class-validator';
import { NewPasswordField, SameAs } from '../../users/dto/account-fields';

/** The same rules and words as every other new password (registration, the profile). */
export class ResetPasswordDto {
  @NewPasswordField()
  newPassword: string;

  @SameAs('newPassword', { message: 'The two new passwords do not match.' })
  @IsNotEmpty({ message: 'Type the new password again.' })
  confirmNewPassword: string;
}
