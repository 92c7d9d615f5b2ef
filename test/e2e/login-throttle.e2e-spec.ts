import { agent } from '../support/http';
import { logInFrom, signedUp } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

/** A bad guess from `ip` on `identifier`; the answer's status. */
async function guess(t: TestApp, ip: string, identifier: string): Promise<number> {
  return (await logInFrom(agent(t.server), ip, identifier, 'wrong-password-x')).status;
}

describe('log-in throttling: no lock-out of someone else', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '3', LOGIN_FAILS_PER_IP: '1000' } });
  });
  afterAll(() => t?.close());

  it('refuses the guessing address, even with the right password, while the owner elsewhere logs in', async () => {
    const account = await signedUp(agent(t.server));
    for (let i = 0; i < 3; i += 1) expect(await guess(t, '203.0.113.7', account.username)).toBe(422);

    const attacker = await logInFrom(agent(t.server), '203.0.113.7', account.username, account.password);
    expect(attacker.status).toBe(429);
    expect(attacker.text).toContain('Too many failed attempts. Please try again in 15 minutes.');

    const owner = await logInFrom(agent(t.server), '198.51.100.20', account.email, account.password);
    expect(owner.status).toBe(303);
    expect(owner.headers.location).toBe('/account');
  });

  it('counts an IPv6 client by its /64, whichever address of it the client picks', async () => {
    const account = await signedUp(agent(t.server));
    expect(await guess(t, '2001:db8:aa:1::1', account.username)).toBe(422);
    expect(await guess(t, '2001:db8:aa:1::2', account.username)).toBe(422);
    expect(await guess(t, '2001:db8:aa:1:ffff:1:2:3', account.username)).toBe(422);
    expect(await guess(t, '2001:db8:aa:1::99', account.username)).toBe(429);
    // Another /64 is another client.
    expect((await logInFrom(agent(t.server), '2001:db8:aa:2::1', account.username, account.password)).status).toBe(303);
  });
});

describe('log-in throttling per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '100', LOGIN_FAILS_PER_IP: '4' } });
  });
  afterAll(() => t?.close());

  it('does not give the address a try back when it logs in: own log-ins cannot wash guesses', async () => {
    const own = await signedUp(agent(t.server));
    const ip = '192.0.2.50';
    for (let i = 0; i < 4; i += 1) {
      expect(await guess(t, ip, `victim${i}`)).toBe(422);
      // The attacker's own account logs in between the guesses, successfully...
      expect((await logInFrom(agent(t.server), ip, own.username, own.password)).status).toBe(i < 3 ? 303 : 429);
    }
    // ...yet after four failures the address is refused, whatever it tries.
    expect(await guess(t, ip, 'victim9')).toBe(429);
    const refused = await logInFrom(agent(t.server), ip, own.username, own.password);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many failed attempts');
    // Other addresses are not affected.
    expect((await logInFrom(agent(t.server), '192.0.2.51', own.username, own.password)).status).toBe(303);
  });
});

describe('log-in throttling per account across addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 2 per address and account, so the account-wide bar is 20 failures.
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '2', LOGIN_FAILS_PER_IP: '1000' } });
  });
  afterAll(() => t?.close());

  it('slows a distributed guesser down to one try per 30 seconds rather than locking the account', async () => {
    const account = await signedUp(agent(t.server));
    for (let i = 0; i < 10; i += 1) {
      for (let j = 0; j < 2; j += 1) expect(await guess(t, `10.0.${i}.1`, account.username)).toBe(422);
    }
    // Past the bar: one try goes through (and is judged)...
    expect(await guess(t, '10.1.0.1', account.username)).toBe(422);
    // ...the next, from anywhere, waits seconds — not the 15-minute lock of a guessing address.
    const slowed = await logInFrom(agent(t.server), '10.1.0.2', account.username, account.password);
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect(slowed.text).toMatch(/Please try again in \d+ seconds?\./);
  });
});

describe('log-in throttling with TRUST_PROXY=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'false', LOGIN_FAILS_PER_ACCOUNT: '100', LOGIN_FAILS_PER_IP: '1' } });
  });
  afterAll(() => t?.close());

  it('ignores X-Forwarded-For from an untrusted peer: a client cannot pick a fresh address per guess', async () => {
    expect(await guess(t, '198.51.100.71', 'nobody_one')).toBe(422);
    expect(await guess(t, '198.51.100.72', 'nobody_two')).toBe(429);
  });
});
