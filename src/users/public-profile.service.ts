import { Injectable } from '@nestjs/common';
import type { Page, PageRequest } from '../common/pagination';
import { ProfileReviewsQuery, type ProfileReview } from '../reviews/profile-reviews.query';
import { USERNAME_PATTERN } from './dto/account-fields';
import { UsersService } from './users.service';

/** Who is looking at a profile: signed out (no id), a user, staff. */
export interface ProfileViewer {
  userId?: number;
  staff: boolean;
}

/** What a public profile may show: never the email (it is not even read into this). */
export interface PublicProfile {
  username: string;
  since: Date;
  isPublic: boolean;
}

export type PublicProfileResult =
  | { ok: false; reason: 'not-found' }
  | { ok: true; profile: PublicProfile; ownProfile: boolean; reviews: Page<ProfileReview> };

/** /users/:username: a user's public profile and their reviews. */
@Injectable()
export class PublicProfileService {
  constructor(
    private readonly users: UsersService,
    private readonly reviews: ProfileReviewsQuery,
  ) {}

  /**
   * By username in any case. A private profile is "not found" to everyone but its owner, the
   * same answer as an unknown name, so nobody learns which usernames exist from it.
   */
  async find(username: string, request: PageRequest, viewer: ProfileViewer): Promise<PublicProfileResult> {
    if (!USERNAME_PATTERN.test(username)) return { ok: false, reason: 'not-found' };
    const user = await this.users.findByUsername(username);
    if (!user) return { ok: false, reason: 'not-found' };
    const ownProfile = viewer.userId === user.id;
    if (!user.isPublic && !ownProfile) return { ok: false, reason: 'not-found' };
    const reviews = await this.reviews.page(user.id, request, { staff: viewer.staff });
    return { ok: true, profile: { username: user.username, since: user.created, isPublic: user.isPublic }, ownProfile, reviews };
  }
}
