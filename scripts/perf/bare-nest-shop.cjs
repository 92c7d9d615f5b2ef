// The least the fixed stack can do for GET /shop: Nest 11 on Express, one controller, one pg
// query, nothing else. FEATURES (comma-separated) adds, one by one, what the real shop must have:
//   page   - the shop's own page (views/layouts/main + shop/index and their partials) instead of
//            the raw floor's light template;
//   helmet - the shop's security headers (common/security-headers.ts);
//   log    - the shop's access line per request (logging/request-logging.ts), written
//            synchronously to stdout.
// Run by stack-floor.mjs; see there.
require('reflect-metadata');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { NestFactory } = require('@nestjs/core');
const { Controller, Get, Header, Module, Query } = require('@nestjs/common');
const pg = require('pg');
const hbs = require('hbs');

const ROOT = join(__dirname, '../..');
const FEATURES = new Set((process.env.FEATURES || '').split(',').filter(Boolean));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const Handlebars = hbs.handlebars;

// The raw floor's query, as in ../shared/perf/raw-shop.mjs.
function query(q) {
  const where = ['visibility = true'], args = [];
  if (q.category) { args.push(q.category); where.push(`category = $${args.length}`); }
  if (q.name) { args.push('%' + q.name.replace(/[\\%_]/g, (c) => '\\' + c) + '%'); where.push(`name ILIKE $${args.length}`); }
  const order = q.sort === 'price_asc' ? 'unit_price ASC, id' : q.sort === 'price_desc' ? 'unit_price DESC, id' : 'created DESC, id DESC';
  return { text: `SELECT id, name, category, unit_price, stock FROM products WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT 10`, values: args };
}

// The raw floor's own template (same markup, same weight).
const floorPage = Handlebars.compile(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Shop</title><link rel="stylesheet" href="/static/pico.min.css"><script src="/static/htmx.min.js" defer></script></head>
<body><header class="container"><nav><ul><li><strong>Shop</strong></li></ul><ul><li><a href="/shop">Shop</a></li><li><a href="/cart">Cart</a></li><li><a href="/login">Log in</a></li><li><a href="/register">Register</a></li></ul></nav></header>
<main class="container"><form method="get" action="/shop" hx-get="/shop" hx-target="#results" hx-push-url="true">
<label>Search <input name="name" value="{{q.name}}"></label><label>Category <input name="category" value="{{q.category}}"></label>
<label>Sort <select name="sort"><option value="">Newest</option><option value="price_asc">Price: low to high</option><option value="price_desc">Price: high to low</option></select></label>
<button>Filter</button></form><section id="results">{{#each rows}}<article><h3><a href="/products/{{id}}">{{name}}</a></h3>
<p>{{category}}</p><p>\${{unit_price}}</p>{{#unless stock}}<p>Out of stock</p>{{/unless}}</article>{{else}}<p>No products match.</p>{{/each}}</section></main></body></html>`);

let render = (rows, q) => floorPage({ rows, q });
if (FEATURES.has('page')) {
  const views = require(join(ROOT, 'dist/src/common/views.js'));
  views.registerHelpers();
  views.registerPartials();
  const compile = (name) => Handlebars.compile(readFileSync(join(ROOT, 'views', `${name}.hbs`), 'utf8'), views.COMPILE_OPTIONS);
  const layout = compile('layouts/main');
  const shop = compile('shop/index');
  const categories = Array.from({ length: 12 }, (_, i) => `Category ${i}`).sort();
  render = (rows, q) => {
    const data = {
      title: 'Shop', categories, filters: { name: q.name ?? '', category: q.category ?? '', sort: q.sort ?? 'newest' },
      products: rows.map((r) => ({ id: r.id, name: r.name, category: r.category, stock: r.stock, unitPrice: Math.round(Number(r.unit_price) * 100), ratingCount: 0 })),
      images: {}, nav: { total: 900, first: 1, last: 90, nextUrl: '/shop?page=2' }, currentUrl: '/shop',
    };
    return layout({ ...data, body: shop(data) });
  };
}

class ShopController {
  async index(q) {
    const { rows } = await pool.query(query(q));
    return render(rows, q);
  }
}
const index = Object.getOwnPropertyDescriptor(ShopController.prototype, 'index');
Reflect.decorate([Get('shop'), Header('Content-Type', 'text/html; charset=utf-8')], ShopController.prototype, 'index', index);
Query()(ShopController.prototype, 'index', 0);
Reflect.decorate([Controller()], ShopController);
class AppModule {}
Reflect.decorate([Module({ controllers: [ShopController] })], AppModule);

NestFactory.create(AppModule, { logger: false, bodyParser: false }).then((app) => {
  const dist = (file) => require(join(ROOT, 'dist/src', file));
  // The shop's own middleware, as configureApp installs it: the same headers, the same access line.
  if (FEATURES.has('helmet')) app.use(dist('common/security-headers.js').securityHeaders({ production: true }));
  if (FEATURES.has('log')) {
    const root = dist('logging/root-logger.js').createRootLogger({ level: 'info', format: 'json' });
    app.use(dist('logging/request-logging.js').requestLogging(root));
  }
  return app.listen(Number(process.env.PORT), '127.0.0.1');
});
