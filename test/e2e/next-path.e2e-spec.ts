import request from 'supertest';
import { agent, csrfFrom } from '../support/http';
import { signedUp } from '../support/accounts';
import { ProbeModule } from '../support/probe.module';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * `next` ends up in a Location or HX-Redirect header, and Node refuses any header character
 * outside printable ASCII by throwing. Thrown inside a session-save callback, that used to
 * stop the whole process.
 */
describe('where a log-in leads next', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });
  afterAll(() => t?.close());

  async function logInWithNext(next: string, headers: Record<string, string> = {}) {
    const account = await signedUp(agent(t.server));
    const client = agent(t.server);
    const page = await client.get(`/login?next=${encodeURIComponent(next)}`).expect(200);
    const res = await client
      .post('/login')
      .set(headers)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), identifier: account.username, password: account.password, next });
    return { page, res };
  }

  it('survives an htmx log-in whose next holds a character above U+00FF, and leads there percent-encoded', async () => {
    const { page, res } = await logInWithNext('/\u0101', { 'HX-Request': 'true' });
    expect(page.text).toContain('name="next" value="/%C4%81"');
    expect(res.status).toBe(204);
    expect(res.headers['hx-redirect']).toBe('/%C4%81');
    await request(t.server).get('/healthz').expect(200);
  });

  it('leads a plain browser there too, with a 303 to the percent-encoded path', async () => {
    const { res } = await logInWithNext('/shop?name=caf\u00e9 \u0101');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/shop?name=caf%C3%A9%20%C4%81');
  });

  it('refuses a next with control characters, which browsers would drop to make //host', async () => {
    const { res } = await logInWithNext('/\t/evil.example', { 'HX-Request': 'true' });
    expect(res.headers['hx-redirect']).toBe('/account');
  });

  it('answers a friendly 500 when a header written after a session save is refused, and keeps serving', async () => {
    const res = await request(t.server).get('/__probe/bad-redirect').set('HX-Request', 'true');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong');
    expect(res.text).not.toMatch(/ERR_INVALID_CHAR|TypeError|at .*\.js/);
    await request(t.server).get('/healthz').expect(200);
  });
});
