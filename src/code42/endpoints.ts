// Every Code42 endpoint this client can send, in one table (incydr-api.md §2): the method, the path template
// (`{name}` marks a path parameter) and whether sending it twice is harmless. The modules name requests by
// these entries only, so a test can hold the whole list against the simulator and the removed endpoints.
import { invalidRequest } from './answers';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  /** Path template on the API gateway, e.g. `/v1/sessions/{sessionId}`. */
  path: string;
  /**
   * `read`: may be sent again after a failure that left its fate unknown (searches are reads too);
   * `write`: sent again only when it provably never reached Code42.
   */
  kind: 'read' | 'write';
}

const read = (method: HttpMethod, path: string): Endpoint => ({ method, path, kind: 'read' });
const write = (method: HttpMethod, path: string): Endpoint => ({ method, path, kind: 'write' });

export const ENDPOINTS = {
  // §2.1 auth: Basic credentials, the token answer is decoded by the transport.
  token: read('POST', '/v1/oauth'),
  customer: read('GET', '/v1/customer'),

  // §2.2 sessions
  searchSessions: read('GET', '/v1/sessions'),
  getSession: read('GET', '/v1/sessions/{sessionId}'),
  sessionEvents: read('GET', '/v1/sessions/{sessionId}/events'),
  // Setting a state twice leaves the same state, but a retried batch could overwrite a newer change, so no.
  changeSessionStates: write('POST', '/v1/sessions/change-state'),
  addSessionNote: write('POST', '/v1/sessions/{sessionId}/add-note'),

  // §2.3 actors
  searchActors: read('GET', '/v1/actors/actor/search'),
  searchParentActors: read('GET', '/v1/actors/actor/search/parent'),
  getActor: read('GET', '/v1/actors/actor/id/{actorId}'),
  actorFamily: read('GET', '/v1/actors/actor/id/{actorId}/family'),
  actorByNameWithParent: read('GET', '/v1/actors/actor/name/{name}/parent'),
  updateActor: write('PATCH', '/v1/actors/actor/id/{actorId}'),

  // §2.4 watchlists v2
  listWatchlists: read('GET', '/v2/watchlists'),
  getWatchlist: read('GET', '/v2/watchlists/{watchlistId}'),
  createWatchlist: write('POST', '/v2/watchlists'),
  watchlistMembers: read('GET', '/v2/watchlists/{watchlistId}/members'),
  watchlistIncludedActors: read('GET', '/v2/watchlists/{watchlistId}/included-actors'),
  addWatchlistActors: write('POST', '/v2/watchlists/{watchlistId}/included-actors/add'),
  removeWatchlistActors: write('POST', '/v2/watchlists/{watchlistId}/included-actors/delete'),

  // §2.5 alert rules v2
  listAlertRules: read('GET', '/v2/alert-rules'),
  getAlertRule: read('GET', '/v2/alert-rules/{ruleId}'),
  alertRuleUsers: read('GET', '/v2/alert-rules/{ruleId}/users'),
  // Undocumented on the portal; the last known form (INC-7519), see alert-rules.ts.
  addAlertRuleUsers: write('POST', '/v2/alert-rules/{ruleId}/users'),
  removeAlertRuleUsers: write('POST', '/v2/alert-rules/{ruleId}/remove-users'),

  // §2.6 users and orgs
  listUsers: read('GET', '/v1/users'),
  activateUser: write('POST', '/v1/users/{userId}/activate'),
  deactivateUser: write('POST', '/v1/users/{userId}/deactivate'),
  userRoles: read('GET', '/v1/users/{userId}/roles'),
  listOrgs: read('GET', '/v1/orgs'),

  // §2.7 legal hold
  listMatters: read('GET', '/v1/legal-hold/matters'),
  addCustodian: write('POST', '/v1/legal-hold/matters/{matterId}/custodians'),
  removeCustodian: write('POST', '/v1/legal-hold/matters/{matterId}/custodians/remove'),
  listCustodians: read('GET', '/v1/legal-hold/matters/{matterId}/custodians'),

  // §2.8 cases
  createCase: write('POST', '/v1/cases'),
  getCase: read('GET', '/v1/cases/{caseNumber}'),
  caseFileEvents: read('GET', '/v1/cases/{caseNumber}/fileevent'),
  addCaseFileEvents: write('POST', '/v1/cases/{caseNumber}/fileevent'),

  // §2.9 file events and files
  searchFileEvents: read('POST', '/v2/file-events'),
  fileBySha256: read('GET', '/v1/files/get-file-by-sha256/{sha256}'),
  fileByXfcContentId: read('GET', '/v1/files/get-file-by-xfc-content-id/{xfcContentId}'),
} as const satisfies Record<string, Endpoint>;

/** `GET /v1/sessions/{sessionId}`: how an endpoint is named in sentences and logs. */
export const endpointLabel = (endpoint: Endpoint): string => `${endpoint.method} ${endpoint.path}`;

/** The names of an endpoint's path parameters, in order. */
export const pathParameters = (endpoint: Endpoint): string[] => [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/**
 * The path with each `{name}` replaced by its URL-encoded value. An empty value, `.` or `..` would name another
 * path (URLs resolve dot segments even when percent-encoded), so those are refused before anything is sent.
 */
export function fillPath(endpoint: Endpoint, params: Readonly<Record<string, string | number>>, operation: string): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name] === undefined ? '' : String(params[name]);
    if (value.trim() === '') throw invalidRequest(operation, `the ${name} is empty.`);
    if (value === '.' || value === '..') throw invalidRequest(operation, `the ${name} "${value}" cannot be sent in a URL path.`);
    return encodeURIComponent(value);
  });
}
