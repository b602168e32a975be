import { useApi } from './helpers';

// Code42 retired these (incydr-api.md §1): a real tenant no longer serves them, and neither does the simulator.
const RETIRED: [string, string][] = [
  ['POST', '/v1/alerts/query-alerts'],
  ['POST', '/v1/alerts/query-details'],
  ['POST', '/v1/alerts/update-state'],
  ['POST', '/v1/alerts/add-note'],
  ['POST', '/v1/alerts/rules/query-rule-metadata'],
  ['POST', '/v1/alert-rules/query-users'],
  ['POST', '/v1/alert-rules/add-users'],
  ['POST', '/v1/alert-rules/remove-users'],
  ['GET', '/v1/watchlists'],
  ['GET', '/v1/watchlists/some-id'],
  ['GET', '/v1/watchlists/some-id/included-users'],
  ['POST', '/v1/watchlists/some-id/included-users/add'],
  ['POST', '/v1/detection-lists/departingemployee/add'],
  ['POST', '/v1/detection-lists/highriskemployee/search'],
  ['POST', '/v1/detection-lists/user/getbyusername'],
  ['GET', '/v1/user-risk-profiles/123'],
  ['PATCH', '/v1/user-risk-profiles/123'],
  ['GET', '/api/v1/Org?pgNum=1&pgSize=100'],
  ['POST', '/api/v1/User'],
  ['POST', '/api/v3/users/123/block'],
];

const api = useApi();

describe('retired endpoints', () => {
  test.each(RETIRED)('%s %s answers 404 with a Spring-style body', async (method, path) => {
    const result = await api.request(method, path, method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(result.status).toBe(404);
    expect(result.json()).toMatchObject({ status: 404, error: 'Not Found', path: path.split('?')[0] });
  });
});
