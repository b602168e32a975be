import { buildUrl, normalizeBaseUrl } from '../../src/code42/urls';

describe('Code42 URLs', () => {
  test('a base URL gets https:// when it has no scheme and loses its trailing slash', () => {
    expect(normalizeBaseUrl('api.us.code42.com/')).toBe('https://api.us.code42.com');
    expect(normalizeBaseUrl(' http://127.0.0.1:4242 ')).toBe('http://127.0.0.1:4242');
  });

  test('array values repeat the key and undefined values are left out', () => {
    expect(buildUrl('https://api.us.code42.com', '/v1/sessions', { state: ['OPEN', 'OPEN_NEW_DATA'], page_number: 0, actor_id: undefined }).search).toBe('?state=OPEN&state=OPEN_NEW_DATA&page_number=0');
  });

  test('paths are appended to a base URL that has a path of its own', () => {
    expect(buildUrl('https://proxy.example/code42/', '/v1/users', { username: 'a b', page: 1 }).toString()).toBe('https://proxy.example/code42/v1/users?username=a+b&page=1');
  });
});
