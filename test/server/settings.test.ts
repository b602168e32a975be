// Listening settings and the key check, decided before anything starts.
import { createKeyCheck, isLoopbackHost } from '../../src/server/auth';
import { serviceSettings, SettingsError } from '../../src/server/settings';

describe('API key check', () => {
  const isValid = createKeyCheck('the-right-key-0123456789');

  test('accepts exactly the key under the Bearer scheme', () => {
    expect(isValid('Bearer the-right-key-0123456789')).toBe(true);
    expect(isValid('BEARER the-right-key-0123456789')).toBe(true);
  });

  test.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a prefix of the key', 'Bearer the-right-key'],
    ['the key with a suffix', 'Bearer the-right-key-0123456789X'],
    ['another scheme', 'Token the-right-key-0123456789'],
    ['two tokens', 'Bearer the-right-key-0123456789 extra'],
    ['an empty token', 'Bearer '],
  ])('rejects %s', (_case, header) => {
    expect(isValid(header)).toBe(false);
  });
});

describe('loopback addresses', () => {
  test.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  test.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', '128.0.0.1'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('service settings', () => {
  test('default to 127.0.0.1:8042, data/ and a generated key', () => {
    const settings = serviceSettings({});
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 8042, dataDir: 'data', apiKeyGenerated: true });
    expect(settings.apiKey.length).toBeGreaterThanOrEqual(32);
    expect(serviceSettings({}).apiKey).not.toBe(settings.apiKey);
  });

  test('take HOST, PORT, the key and the data directory from the environment', () => {
    const env = { HOST: '0.0.0.0', PORT: '9000', CODE42_SOAR_API_KEY: 'k'.repeat(20), CODE42_SOAR_DATA_DIR: '/tmp/soar' };
    expect(serviceSettings(env)).toEqual({ host: '0.0.0.0', port: 9000, apiKey: 'k'.repeat(20), apiKeyGenerated: false, dataDir: '/tmp/soar' });
  });

  test('refuse to listen beyond loopback without a configured key', () => {
    expect(() => serviceSettings({ HOST: '0.0.0.0' })).toThrow(SettingsError);
    expect(() => serviceSettings({ HOST: '10.1.2.3', CODE42_SOAR_API_KEY: '' })).toThrow(/Refusing to listen on 10\.1\.2\.3 without an API key/);
  });

  test.each(['-1', '65536', 'http', '80.5'])('refuse PORT=%s', (port) => {
    expect(() => serviceSettings({ PORT: port })).toThrow(/PORT must be a port number from 0 to 65535/);
  });

  test('refuse a key that is short or holds spaces', () => {
    expect(() => serviceSettings({ CODE42_SOAR_API_KEY: 'short' })).toThrow(/at least 16 characters/);
    expect(() => serviceSettings({ CODE42_SOAR_API_KEY: 'has spaces in the key' })).toThrow(/must not contain spaces/);
  });
});
