// CPU of the template render alone (no HTTP, no DB): the part both adapters share.
import common from './dist/common.js';
const rows = Array.from({ length: 10 }, (_, i) => i + 1);
const locals = () => ({
  title: 'Shop', categories: Array.from({ length: 12 }, (_, i) => `Category ${i}`).sort(),
  products: rows.map((id) => ({ id, name: `Product ${id} c4ca4238a0b923820dcc509a6f75849b`, category: `Category ${id % 12}`, stock: id % 50, unitPrice: 7919 * id, ratingCount: id % 3 ? id : 0, averageRating: '3.5000' })),
  images: {}, filters: { name: '', category: '', sort: 'newest' }, nav: { total: 900, first: 1, last: 10, nextUrl: '/shop?page=2' }, currentUrl: '/shop',
});
for (let i = 0; i < 2000; i++) common.renderShop(locals());
const N = 5000, t = process.cpuUsage();
for (let i = 0; i < N; i++) common.renderShop(locals());
const u = process.cpuUsage(t);
console.log(JSON.stringify({ renderCpuMsPerCall: (u.user + u.system) / 1000 / N }));
