import { Injectable } from '@nestjs/common';
import { validateForm } from '../common/form';
import { RegisterDto } from '../users/dto/register.dto';
import { UsersService } from '../users/users.service';

export interface Availability {
  available: boolean;
  message: string;
}

/** Answers "is this username / email free?" with the same rules and words as registration. */
@Injectable()
export class AvailabilityService {
  constructor(private readonly users: UsersService) {}

  /** `exceptUserId`: a signed-in user's own name and email count as free (the profile form). */
  async check(fields: { username?: string; email?: string }, exceptUserId?: number): Promise<Availability> {
    const field = fields.username !== undefined ? 'username' : fields.email !== undefined ? 'email' : undefined;
    if (!field) return { available: false, message: 'Type a username or an email address to check.' };
    const value = (fields[field] ?? '').trim();
    const form = await validateForm(RegisterDto, { [field]: value });
    if (!form.valid && form.errors[field]) return { available: false, message: form.errors[field] };
    const taken = await this.users.findTaken({ [field]: value }, exceptUserId);
    if (taken[field]) return { available: false, message: taken[field] };
    return { available: true, message: field === 'username' ? `${value} is available.` : 'No account uses this email yet.' };
  }
}
