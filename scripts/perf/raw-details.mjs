// The floor under the product details page: node:http + pg + Handlebars, nothing else. Serves
// GET /products/:id over the project's own `products` table (and the product's image row), a
// page of comparable weight (layout, nav, the product's fields, its image or a placeholder).
// No session, no CSRF, no ORM: the limit. Beside ../shared/perf/raw-shop.mjs, for the shop page.
import http from 'node:http';
import pg from 'pg';
import hbs from 'hbs';

const Handlebars = hbs.handlebars;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const page = Handlebars.compile(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{p.name}} · The Shop</title><link rel="stylesheet" href="/vendor/pico/pico.min.css"><script src="/vendor/htmx/htmx.min.js" defer></script></head>
<body><header class="container"><nav><ul><li><strong>The Shop</strong></li></ul><ul><li><a href="/shop">Shop</a></li><li><a href="/cart">Cart</a></li><li><a href="/login">Log in</a></li><li><a href="/register">Register</a></li></ul></nav></header>
<main class="container"><article><header><p><a href="/shop">Shop</a> › {{p.category}}</p><h1>{{p.name}}</h1></header>
{{#if img}}<img src="/images/{{img.hash}}" width="{{img.width}}" height="{{img.height}}" alt="{{p.name}}">{{else}}<div class="placeholder" role="img" aria-label="{{p.name}}"></div>{{/if}}
<p>{{p.description}}</p><dl><dt>Category</dt><dd>{{p.category}}</dd><dt>Unit price</dt><dd>\${{p.unit_price}}</dd>
<dt>Stock</dt><dd>{{#if p.stock}}{{p.stock}} in stock{{else}}Out of stock{{/if}}</dd></dl>
<p><a href="/login?next=/products/{{p.id}}">Log in</a> to buy this product.</p></article></main></body></html>`);

http.createServer(async (req, res) => {
  const match = /^\/products\/(\d{1,9})$/.exec(req.url ?? '');
  if (!match) { res.writeHead(404).end(); return; }
  try {
    const { rows } = await pool.query(
      `select p.id, p.name, p.description, p.category, p.stock, p.unit_price, p.visibility,
              (select json_build_object('hash', i.hash, 'width', i.width, 'height', i.height)
                 from product_images i where i.product_id = p.id and i.variant = 'large') as img
         from products p where p.id = $1 and p.visibility`,
      [Number(match[1])],
    );
    if (!rows[0]) { res.writeHead(404).end('not found'); return; }
    const body = page({ p: rows[0], img: rows[0].img });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (e) {
    res.writeHead(500).end('error');
    console.error(e.message);
  }
}).listen(Number(process.env.PORT || 3900), '127.0.0.1', () => console.log('raw details on', process.env.PORT || 3900));
