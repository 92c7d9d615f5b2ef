import 'reflect-metadata';
import {
  CallHandler, CanActivate, Controller, ExecutionContext, Get, Header, Injectable, Module,
  NestInterceptor, OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import Handlebars from 'handlebars';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Pool } from 'pg';
import pino, { Logger } from 'pino';
import { Observable } from 'rxjs';

// ---- the one pino logger: same options as the shop's root logger (JSON, sync writes), to a file.
export function createRootLogger(file: string): Logger {
  return pino(
    {
      level: 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ['password', '*.password', 'currentPassword', 'newPassword', 'confirmPassword', '_csrf', '*._csrf',
          'cookie', 'headers.cookie', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: file, sync: true }),
  );
}

// ---- the same CSP as /work/main/src/app.setup.ts, production branch (NODE_ENV=production).
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      upgradeInsecureRequests: [] as string[],
    },
  },
  strictTransportSecurity: true,
};

// ---- templates: the shop's layout + partials + shop page, compiled once at start-up.
// The shop's own templates (this folder is docs/perf/adapter-spike; dist/ sits beside src/).
const VIEWS = join(__dirname, '..', '..', '..', '..', 'views');
const hb = Handlebars.create();
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : e.endsWith('.hbs') ? [p] : [];
  });
}
for (const file of walk(VIEWS)) {
  const name = relative(VIEWS, file).replace(/\.hbs$/, '');
  if (!name.startsWith('layouts/')) hb.registerPartial(name, readFileSync(file, 'utf8'));
}
const formatCents = (c: number) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('money', (c: unknown) => (typeof c === 'number' ? formatCents(c) : ''));
hb.registerHelper('number', (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : ''));
hb.registerHelper('hasRole', () => false);
hb.registerHelper('ratingAverage', (a: unknown) => (typeof a === 'string' ? Number(a).toFixed(1) : ''));
hb.registerHelper('reviewCount', (n: unknown) => (typeof n === 'number' ? `${n} review${n === 1 ? '' : 's'}` : ''));
const layout = hb.compile(readFileSync(join(VIEWS, 'layouts/main.hbs'), 'utf8'));
const page = hb.compile(readFileSync(join(VIEWS, 'shop/index.hbs'), 'utf8'));
export function renderShop(locals: Record<string, unknown>): string {
  return layout({ ...locals, body: page(locals) });
}

const CATEGORIES = Array.from({ length: 12 }, (_, i) => `Category ${i}`).sort();
const SQL = 'SELECT id, name, category, unit_price, stock FROM products WHERE visibility = true ORDER BY created DESC, id DESC LIMIT 10';

export const PG_POOL = Symbol('PG_POOL');

@Injectable()
export class ShopService implements OnApplicationShutdown {
  readonly pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  async page(): Promise<string> {
    const { rows } = await this.pool.query(SQL);
    const products = rows.map((r: any) => ({
      id: r.id, name: r.name, category: r.category, stock: r.stock,
      unitPrice: Math.round(Number(r.unit_price) * 100),
      ratingCount: r.id % 3 === 0 ? 0 : r.id % 40, averageRating: ((r.id % 40) / 10 + 1).toFixed(4),
    }));
    const images: Record<number, unknown> = {};
    for (const p of products) if (p.id % 2) images[p.id] = { url: `/static/uploads/${p.id}-320.webp`, width: 320, height: 240, lazy: true };
    return renderShop({
      title: 'Shop', products, images, categories: CATEGORIES,
      filters: { name: '', category: '', sort: 'newest' }, unknownCategory: false, filtered: false,
      nav: { total: 900, first: 1, last: 10, more: false, nextUrl: '/shop?page=2' },
      currentUser: undefined, isStaff: false, currentUrl: '/shop',
    });
  }
  async onApplicationShutdown() { await this.pool.end(); }
}

@Controller()
export class ShopController {
  constructor(private readonly shop: ShopService) {}
  @Get('shop')
  @Header('Content-Type', 'text/html; charset=utf-8')
  shopPage(): Promise<string> {
    return this.shop.page();
  }
}

@Injectable()
export class AllowGuard implements CanActivate {
  canActivate(_ctx: ExecutionContext): boolean { return true; }
}

@Injectable()
export class PassInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> { return next.handle(); }
}

@Module({
  controllers: [ShopController],
  providers: [ShopService, { provide: APP_GUARD, useClass: AllowGuard }, { provide: APP_INTERCEPTOR, useClass: PassInterceptor }],
})
export class AppModule {}
