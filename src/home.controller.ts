import { Controller, Get, Redirect } from '@nestjs/common';
import { Public } from './common/decorators';

@Controller()
export class HomeController {
  @Public()
  @Get()
  @Redirect('/shop', 302)
  home(): void {}
}
