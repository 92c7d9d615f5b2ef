import { Controller, Get, Module, Query } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import request from 'supertest';
import { Public } from '../../src/common/decorators';
import { User } from '../../src/users/user.entity';
import { PASSWORD, logIn, logOut, signedInWithRole, signedUp } from '../support/accounts';
import { agent, csrfFrom, submitForm } from '../support/http';
import { LogCapture, type LogLine } from '../support/log-capture';
import { ProbeModule } from '../support/probe.module';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A second user with an email that is taken: the unique index answers, through the ORM. */
@Controller('__logging_probe')
class DuplicateEmailController {
  constructor(private readonly em: EntityManager) {}

  @Public()
  @Get('duplicate-email')
  async duplicate(@Query('email') email: string): Promise<string> {
    await this.em.insert(User, { username: `dup_${Date.now()}`, email, password: 'x'.repeat(60) });
    return 'inserted';
  }
}

@Module({ controllers: [DuplicateEmailController] })
class DuplicateEmailProbe {}

describe('the log', () => {
  let t: TestApp;
  // Debug: the ORM's own query lines are captured too, to prove they carry no values.
  const logs = new LogCapture('debug');

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule, DuplicateEmailProbe], logs });
  });
  afterAll(async () => {
    await t?.close();
  });

  function accessLine(requestId: string): LogLine {
    const lines = logs.ofRequest(requestId).filter((line) => line.context === 'Access');
    expect(lines).toHaveLength(1);
    return lines[0];
  }

  function securityLines(event: string): LogLine[] {
    return logs.matching({ context: 'Security', event });
  }

  describe('request id', () => {
    it('echoes a sane X-Request-Id and puts it on the access line', async () => {
      const res = await request(t.server).get('/shop').set('X-Request-Id', 'Proxy-1.a_b').expect(200);
      expect(res.headers['x-request-id']).toBe('Proxy-1.a_b');
      const line = accessLine('Proxy-1.a_b');
      expect(line).toMatchObject({ level: 'info', method: 'GET', url: '/shop', route: '/shop', status: 200 });
      expect(typeof line.durationMs).toBe('number');
    });

    it.each([
      ['with a space', 'two words'],
      ['too long', 'x'.repeat(65)],
      ['with a quote', 'a"b'],
      ['with a newline escape', 'a\\nb'],
    ])('replaces one %s by a generated id', async (_label, given) => {
      const res = await request(t.server).get('/shop').set('X-Request-Id', given).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
      accessLine(res.headers['x-request-id']);
      expect(logs.text()).not.toContain(given);
    });

    it('is generated when absent, and sent on static files, redirects, 404s and refused forms', async () => {
      const answers = await Promise.all([
        request(t.server).get('/shop').expect(200),
        request(t.server).get('/static/shop.css').expect(200),
        request(t.server).get('/vendor/htmx/htmx.min.js').expect(200),
        request(t.server).get('/').expect(302),
        request(t.server).get('/account').expect(303),
        request(t.server).get('/no/such/page').expect(404),
        request(t.server).post('/shop').type('form').send({ a: '1' }).expect(403),
        request(t.server).post('/shop').set('Content-Type', 'application/json').send('{"a":').expect(415),
      ]);
      const ids = answers.map((res) => res.headers['x-request-id']);
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [i, id] of ids.entries()) expect(accessLine(id).status).toBe(answers[i].status);
    });

    it('is the reference on the 500 page and on the error line', async () => {
      const res = await request(t.server).get('/__probe/boom').set('X-Request-Id', 'boom-42').expect(500);
      expect(res.headers['x-request-id']).toBe('boom-42');
      expect(res.text).toContain('reference: <code>boom-42</code>');
      const [error] = logs.ofRequest('boom-42').filter((line) => line.context === 'Errors');
      expect(error).toMatchObject({ level: 'error', msg: expect.stringContaining('GET /__probe/boom failed') });
      expect(accessLine('boom-42')).toMatchObject({ level: 'error', status: 500 });
    });
  });

  describe('the access line', () => {
    it('never holds the cookie, the CSRF token, the password or the query string of /login', async () => {
      const client = agent(t.server);
      const account = await signedUp(client, 'redact');
      await logOut(client);
      logs.clear();
      const page = await client.get('/login?next=%2Fsecret-destination').expect(200);
      const token = csrfFrom(page.text);
      const res = await client
        .post('/login')
        .set('X-Request-Id', 'login-1')
        .type('form')
        .send({ identifier: account.username, password: account.password, next: '/secret-destination', _csrf: token })
        .expect(303);
      const cookie = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0].split('=')[1];
      const text = logs.text();
      expect(text).toContain('"url":"/login"');
      expect(accessLine('login-1')).toMatchObject({ method: 'POST', url: '/login', route: '/login', status: 303 });
      for (const secret of [account.password, PASSWORD, token, cookie, decodeURIComponent(cookie), 'secret-destination']) {
        expect(text).not.toContain(secret);
      }
    });

    it('masks a secret-looking query parameter on other URLs', async () => {
      await request(t.server).get('/shop?name=lamp&token=abc123secret').set('X-Request-Id', 'masked-1').expect(200);
      expect(accessLine('masked-1').url).toBe('/shop?name=lamp&token=[redacted]');
      expect(logs.text()).not.toContain('abc123secret');
    });
  });

  describe('security events', () => {
    function expectEvent(event: string, requestId: string, fields: Record<string, unknown>) {
      const lines = securityLines(event).filter((line) => line.requestId === requestId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ ...fields, ip: expect.stringMatching(/127\.0\.0\.1/) });
      return lines[0];
    }

    it('records registration, password changed and log-out with the user id, IP and request id', async () => {
      const client = agent(t.server);
      const registered = await submitForm(
        client,
        '/register',
        '/register',
        { username: 'eve_events', email: 'eve.events@example.com', password: PASSWORD, confirmPassword: PASSWORD },
        { 'X-Request-Id': 'register-1' },
      );
      expect(registered.status).toBe(303);
      const eve = await t.em().findOneOrFail(User, { username: 'eve_events' });
      expectEvent('registration', 'register-1', { level: 'info', userId: eve.id, username: 'eve_events' });

      const changed = await submitForm(
        client,
        '/profile',
        '/profile/password',
        { currentPassword: PASSWORD, newPassword: 'a brand new password', confirmNewPassword: 'a brand new password' },
        { 'X-Request-Id': 'password-1' },
      );
      expect(changed.status).toBe(303);
      expectEvent('password.changed', 'password-1', { level: 'info', userId: eve.id });

      const token = csrfFrom((await client.get('/account')).text);
      await client.post('/logout').set('X-Request-Id', 'logout-1').type('form').send({ _csrf: token }).expect(303);
      expectEvent('logout', 'logout-1', { level: 'info', userId: eve.id });
      expect(logs.text()).not.toContain('a brand new password');
    });

    it('records a role granted and revoked with the admin, the role and the user it concerns', async () => {
      const client = agent(t.server);
      const target = await signedUp(agent(t.server), 'grantee');
      const targetUser = await t.em().findOneOrFail(User, { username: target.username });
      const admin = await t.em().findOneOrFail(User, { username: TEST_ADMIN.username });
      expect((await logIn(client, TEST_ADMIN.username, TEST_ADMIN.password)).status).toBe(303);
      for (const action of ['grant', 'revoke'] as const) {
        const token = csrfFrom((await client.get('/admin/users')).text);
        await client
          .post(`/admin/users/${targetUser.id}/roles`)
          .set('X-Request-Id', `role-${action}`)
          .type('form')
          .send({ _csrf: token, role: 'shop_owner', action })
          .expect(303);
        expectEvent(action === 'grant' ? 'role.granted' : 'role.revoked', `role-${action}`, {
          level: 'info',
          userId: admin.id,
          role: 'shop_owner',
          targetUserId: targetUser.id,
          targetUsername: target.username,
        });
      }
    });

    it('records a CSRF refusal and a 403 on a role-guarded page as warnings', async () => {
      await request(t.server).post('/cart/items').set('X-Request-Id', 'csrf-1').type('form').send({ productId: '1' }).expect(403);
      expectEvent('csrf.refused', 'csrf-1', { level: 'warn', method: 'POST', path: '/cart/items' });

      const { client, account } = await signedInWithRole(t.server, t.em(), 'shop_owner');
      const shopOwner = await t.em().findOneOrFail(User, { username: account.username });
      await client.get('/admin/users').set('X-Request-Id', 'denied-1').expect(403);
      expectEvent('access.denied', 'denied-1', { level: 'warn', userId: shopOwner.id, path: '/admin/users', required: 'admin' });
    });
  });

  describe('database errors', () => {
    it('are logged by code, constraint and table; the email never reaches the log', async () => {
      const email = 'unique.victim@example.com';
      await signedUp(agent(t.server), 'victim').then(async (account) => {
        await t.em().nativeUpdate(User, { username: account.username }, { email });
      });
      // What makes this matter: MikroORM's own message holds the value.
      await expect(t.em().insert(User, { username: 'dup_direct', email, password: 'x'.repeat(60) })).rejects.toThrow(email);

      const res = await request(t.server)
        .get(`/__logging_probe/duplicate-email?email=${encodeURIComponent(email)}`)
        .set('X-Request-Id', 'dup-1')
        .expect(500);
      expect(res.text).not.toContain(email);
      const [error] = logs.ofRequest('dup-1').filter((line) => line.context === 'Errors');
      expect(error).toMatchObject({
        level: 'error',
        errorType: 'UniqueConstraintViolationException',
        dbCode: '23505',
        dbTable: 'users',
        dbConstraint: expect.stringContaining('email'),
      });
      // Nowhere: not the error line, its stack, the access line (the query string is the probe's,
      // so look past it) nor the ORM's debug query lines.
      const withoutProbeUrl = logs.text().replaceAll(encodeURIComponent(email), '');
      expect(withoutProbeUrl).not.toContain(email);
      expect(logs.matching({ context: 'MikroORM' }).length).toBeGreaterThan(0);
    });
  });
});

describe('the start-up log', () => {
  it('warns when NODE_ENV is unset, and keeps Nest route and module lines below info', async () => {
    const logs = new LogCapture('info');
    const t = await createTestApp({ env: { NODE_ENV: undefined }, logs });
    try {
      const warning = logs.lines().find((line) => String(line.msg).includes('NODE_ENV is not set'));
      expect(warning).toMatchObject({ level: 'warn', msg: expect.stringContaining('running in development mode: cookies are not Secure') });
      expect(logs.text()).not.toMatch(/Mapped \{|"context":"RouterExplorer"|"context":"RoutesResolver"|\[migrator\]/);
    } finally {
      await t.close();
    }
  });

  it('says nothing about NODE_ENV when it is set', async () => {
    const logs = new LogCapture('info');
    const t = await createTestApp({ logs });
    try {
      expect(logs.text()).not.toContain('NODE_ENV');
      expect(logs.text()).toContain('The shop is open on');
    } finally {
      await t.close();
    }
  });
});
