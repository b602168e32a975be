import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { basicAuth, fetchToken, manualClock, send } from './helpers';

describe('simulator OAuth tokens', () => {
  const clock = manualClock();
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ clock: clock.now });
  });
  afterAll(() => sim.close());

  const customer = (authorization?: string) => send(`${sim.url}/v1/customer`, { headers: authorization ? { authorization } : {} });

  test('POST /v1/oauth with HTTP Basic answers a bearer token that lasts 900 seconds', async () => {
    const result = await send(`${sim.url}/v1/oauth`, { method: 'POST', headers: { authorization: basicAuth('key-demo-client', 'demo-secret-not-for-production') } });
    expect(result.status).toBe(200);
    expect(result.json()).toMatchObject({ token_type: 'bearer', expires_in: 900 });
  });

  test('the token is JWT-shaped and its payload carries the tenantUid and exp claims', async () => {
    const token = await fetchToken(sim);
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims.tenantUid).toBe(sim.tenant.tenantId);
    expect(claims.exp).toBe(Math.floor(clock.now() / 1000) + 900);
    expect(signature.length).toBeGreaterThan(10);
  });

  test('client credentials are also accepted as a form body with grant_type', async () => {
    const result = await send(`${sim.url}/v1/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=key-demo-client&client_secret=demo-secret-not-for-production',
    });
    expect(result.status).toBe(200);
  });

  test('a wrong client secret is refused with 401 invalid_client', async () => {
    const result = await send(`${sim.url}/v1/oauth?grant_type=client_credentials`, { method: 'POST', headers: { authorization: basicAuth('key-demo-client', 'wrong') } });
    expect(result.status).toBe(401);
    expect(result.json()).toMatchObject({ error: 'invalid_client' });
  });

  test('a token request without credentials is refused with 401', async () => {
    expect((await send(`${sim.url}/v1/oauth`, { method: 'POST' })).status).toBe(401);
  });

  test('an authenticated call with the token answers the customer with the tenant id', async () => {
    const result = await customer(`Bearer ${await fetchToken(sim)}`);
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({ name: 'Example Corp', registrationKey: sim.tenant.registrationKey, tenantId: sim.tenant.tenantId });
  });

  test('only the Bearer scheme is accepted (the console v3_user_token scheme went with the console APIs)', async () => {
    expect((await customer(`v3_user_token ${await fetchToken(sim)}`)).status).toBe(401);
  });

  test('a call without a token is 401', async () => {
    expect((await customer()).status).toBe(401);
  });

  test('an unknown (forged) token is 401', async () => {
    const token = await fetchToken(sim);
    const [header, payload] = token.split('.');
    expect((await customer(`Bearer ${header}.${payload}.forged-signature`)).status).toBe(401);
  });

  test('a token stops working once its lifetime has passed', async () => {
    const token = await fetchToken(sim);
    clock.advance(899_000);
    expect((await customer(`Bearer ${token}`)).status).toBe(200);
    clock.advance(1_000);
    const expired = await customer(`Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ status: 401, message: 'The access token has expired.' });
  });

  test('revoking tokens makes every earlier token 401 while new tokens work', async () => {
    const old = await fetchToken(sim);
    sim.revokeTokens();
    expect((await customer(`Bearer ${old}`)).status).toBe(401);
    expect((await customer(`Bearer ${await fetchToken(sim)}`)).status).toBe(200);
  });

  test('a request without a token is 401 with a Spring-style body', async () => {
    const result = await send(`${sim.url}/v1/sessions`, {});
    expect(result.status).toBe(401);
    expect(result.json()).toMatchObject({ status: 401, error: 'Unauthorized', path: '/v1/sessions' });
  });

  test('the 401 body never echoes the token', async () => {
    const result = await customer('Bearer not.a-real.token-value-12345');
    expect(result.text).not.toContain('token-value-12345');
  });
});

describe('simulator token lifetime option', () => {
  test('tokenTtlSeconds sets both expires_in and the real lifetime', async () => {
    const clock = manualClock();
    const sim = await startSimulator({ clock: clock.now, tokenTtlSeconds: 5 });
    try {
      const result = await send(`${sim.url}/v1/oauth`, { method: 'POST', headers: { authorization: basicAuth(sim.credentials.clientId, sim.credentials.clientSecret) } });
      const { access_token: token, expires_in: expiresIn } = result.json<{ access_token: string; expires_in: number }>();
      expect(expiresIn).toBe(5);
      clock.advance(5_000);
      expect((await send(`${sim.url}/v1/customer`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      await sim.close();
    }
  });
});
