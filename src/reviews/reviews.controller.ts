import { Body, Controller, ForbiddenException, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { flash } from '../common/flash';
import { validateForm } from '../common/form';
import { IdPipe } from '../common/id.pipe';
import { redirectAfterPost, renderView, wantsFragment } from '../common/htmx';
import { readPage } from '../common/pagination';
import { isStaff, type SessionUser } from '../common/session-user';
import { ReviewDto } from './dto/review.dto';
import { REVIEWS_PER_PAGE } from './product-reviews.query';
import { ONLY_BUYERS, REVIEW_MESSAGES } from './rating-text';
import { ReviewsService, type Viewer } from './reviews.service';

/**
 * Posting a review and staff hiding or showing one. With htmx the reviews block (or its list)
 * comes back with the average out of band; without, a 303 back to the product's page.
 */
@Controller('products/:id/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Open to everyone so that a signed-out post is the contract's 403, like any non-buyer's. */
  @Public()
  @Post()
  async post(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', IdPipe) productId: number,
    @Body() body: unknown,
    @CurrentUser() user?: SessionUser,
  ): Promise<void> {
    if (!user) throw new ForbiddenException(ONLY_BUYERS);
    const viewer = { userId: user.id, staff: isStaff(user) };
    const outcome = await this.reviews.post(productId, viewer, await validateForm(ReviewDto, body));
    if (!outcome.ok && outcome.reason === 'not-found') throw new NotFoundException();
    if (!outcome.ok && outcome.reason === 'not-buyer') throw new ForbiddenException(ONLY_BUYERS);
    const notice = outcome.ok ? (outcome.replaced ? REVIEW_MESSAGES.replaced : REVIEW_MESSAGES.posted) : undefined;
    if (outcome.ok && !wantsFragment(req)) {
      flash(req, 'success', notice!);
      return redirectAfterPost(req, res, `/products/${productId}#reviews`);
    }
    const typed = outcome.ok || outcome.reason !== 'invalid' ? undefined : { values: outcome.values, errors: outcome.errors };
    const block = await this.reviews.productReviews(productId, viewer, `/products/${productId}`, readPage({}, REVIEWS_PER_PAGE), typed);
    // Refused without JavaScript: the form alone on a page of its own, its messages beside the fields.
    renderView(req, res, {
      page: 'reviews/form-page',
      fragment: outcome.ok ? 'reviews/_posted' : 'reviews/_reviews',
      status: outcome.ok ? 200 : 422,
      data: { title: 'Your review', ...block },
      fragmentData: { ...block, notice },
    });
  }

  @Roles('admin', 'shop_owner')
  @Post(':reviewId/hide')
  hide(@Req() req: Request, @Res() res: Response, @Param('id', IdPipe) productId: number, @Param('reviewId', IdPipe) reviewId: number, @CurrentUser() user: SessionUser) {
    return this.setVisibility(req, res, user, productId, reviewId, false);
  }

  @Roles('admin', 'shop_owner')
  @Post(':reviewId/show')
  show(@Req() req: Request, @Res() res: Response, @Param('id', IdPipe) productId: number, @Param('reviewId', IdPipe) reviewId: number, @CurrentUser() user: SessionUser) {
    return this.setVisibility(req, res, user, productId, reviewId, true);
  }

  private async setVisibility(req: Request, res: Response, user: SessionUser, productId: number, reviewId: number, visible: boolean) {
    const outcome = await this.reviews.setVisibility(productId, reviewId, visible);
    if (!outcome.ok) throw new NotFoundException();
    const notice = visible ? REVIEW_MESSAGES.shown : REVIEW_MESSAGES.hidden;
    // Back to the page of reviews the button was on.
    const request = readPage((req.body ?? {}) as Record<string, unknown>, REVIEWS_PER_PAGE);
    const listUrl = `/products/${productId}${request.page > 1 ? `?page=${request.page}` : ''}`;
    if (!wantsFragment(req)) {
      flash(req, 'success', notice);
      return redirectAfterPost(req, res, `${listUrl}#reviews`);
    }
    const viewer: Viewer = { userId: user.id, staff: isStaff(user) };
    const block = await this.reviews.productReviews(productId, viewer, listUrl, request);
    renderView(req, res, { page: 'reviews/form-page', fragment: 'reviews/_list_changed', data: { ...block, notice } });
  }
}
