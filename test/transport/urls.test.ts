import fc from 'fast-check';
import { apiUrlFromConsoleUrl, buildUrl, consoleUrlFromApiUrl, normalizeBaseUrl, resolveBaseUrls } from '../../src/code42/urls';

describe('Code42 URLs', () => {
  test('the console URL gives the API URL of the same region, with or without a scheme', () => {
    expect(apiUrlFromConsoleUrl('https://console.us.code42.com')).toBe('https://api.us.code42.com');
    expect(apiUrlFromConsoleUrl('console.us2.code42.com/')).toBe('https://api.us2.code42.com');
    expect(apiUrlFromConsoleUrl('CONSOLE.ie.code42.com')).toBe('https://api.ie.code42.com');
  });

  test('the API URL gives the console URL of the same region', () => {
    expect(consoleUrlFromApiUrl('https://api.gov.code42.com')).toBe('https://console.gov.code42.com');
    expect(consoleUrlFromApiUrl('api.us.code42.com')).toBe('https://console.us.code42.com');
  });

  test('any other host (a simulator, a proxy) serves both, scheme and port kept', () => {
    expect(resolveBaseUrls({ apiUrl: 'http://127.0.0.1:4242' })).toEqual({ apiUrl: 'http://127.0.0.1:4242', consoleUrl: 'http://127.0.0.1:4242' });
    expect(resolveBaseUrls({ consoleUrl: 'www.crashplan.com' })).toEqual({ apiUrl: 'https://www.crashplan.com', consoleUrl: 'https://www.crashplan.com' });
  });

  test('both URLs given are both kept; neither given is an error', () => {
    expect(resolveBaseUrls({ apiUrl: 'api.a.example', consoleUrl: 'console.b.example' })).toEqual({ apiUrl: 'https://api.a.example', consoleUrl: 'https://console.b.example' });
    expect(() => resolveBaseUrls({ apiUrl: ' ', consoleUrl: '' })).toThrow('A Code42 console URL or API URL is required.');
  });

  test('deriving there and back gives the URL again', () => {
    const region = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
    fc.assert(
      fc.property(region, fc.boolean(), (r, withScheme) => {
        const consoleUrl = `${withScheme ? 'https://' : ''}console.${r}.code42.com`;
        return consoleUrlFromApiUrl(apiUrlFromConsoleUrl(consoleUrl)) === normalizeBaseUrl(consoleUrl);
      }),
    );
  });

  test('paths are appended to a base URL that has a path of its own', () => {
    expect(buildUrl('https://proxy.example/code42/', '/v1/users', { username: 'a b', page: 1 }).toString()).toBe('https://proxy.example/code42/v1/users?username=a+b&page=1');
  });
});
