import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '../common/decorators';
import { renderView } from '../common/htmx';
import { pageNav, readPage } from '../common/pagination';
import { isStaff, type SessionUser } from '../common/session-user';
import { PROFILE_REVIEWS_PER_PAGE } from '../reviews/profile-reviews.query';
import { commentLines, memberSince, publicProfileUrl } from './public-profile';
import { PublicProfileService } from './public-profile.service';

/** /users/:username: anyone may look, signed in or not; htmx paging swaps only the review list. */
@Controller('users')
export class PublicProfileController {
  constructor(private readonly profiles: PublicProfileService) {}

  @Public()
  @Get(':username')
  async show(
    @Req() req: Request,
    @Res() res: Response,
    @Param('username') username: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() viewer?: SessionUser,
  ): Promise<void> {
    const request = readPage(query, PROFILE_REVIEWS_PER_PAGE);
    const result = await this.profiles.find(username, request, { userId: viewer?.id, staff: isStaff(viewer) });
    if (!result.ok) throw new NotFoundException();
    const { profile, reviews } = result;
    const data = {
      title: profile.username,
      profile: { ...profile, memberSince: memberSince(profile.since), url: publicProfileUrl(profile.username) },
      ownProfile: result.ownProfile,
      // Only its owner ever sees a private profile: the page tells them so.
      privateToOwner: result.ownProfile && !profile.isPublic,
      reviews: reviews.rows.map((review) => ({ ...review, lines: commentLines(review.comment) })),
      nav: pageNav(req, reviews),
    };
    renderView(req, res, { page: 'users/public-profile', fragment: 'users/_profile_reviews', data });
  }
}
