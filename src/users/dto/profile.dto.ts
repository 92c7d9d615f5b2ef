import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { isChecked } from '../../common/form-fields';
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

  /** The **Public profile** checkbox: present ("on") when ticked, absent otherwise. */
  isPublic?: string;
}

/** What the service saves from the profile form. */
export function toProfileFields(dto: ProfileDto): { username: string; email: string; isPublic: boolean; currentPassword?: string } {
  return { username: dto.username, email: dto.email, isPublic: isChecked(dto.isPublic), currentPassword: dto.currentPassword };
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
