// The Code42 client's public surface, one interface per API area (code42-api.md). Commands and
// fetch-incidents depend on these interfaces only; `client.ts` implements them over the transport.
// Shapes follow the Code42 wire format (gateway G3 unless noted), so nothing is renamed on the way in.

export type RiskSeverity = 'CRITICAL' | 'HIGH' | 'MODERATE' | 'LOW' | 'NO_RISK_INDICATED';
export type AlertState = 'OPEN' | 'RESOLVED' | 'PENDING' | 'IN_PROGRESS';
export type DetectionListName = 'departingemployee' | 'highriskemployee';
export type RiskFactor =
  | 'CONTRACT_EMPLOYEE'
  | 'ELEVATED_ACCESS_PRIVILEGES'
  | 'FLIGHT_RISK'
  | 'HIGH_IMPACT_EMPLOYEE'
  | 'PERFORMANCE_CONCERNS'
  | 'POOR_SECURITY_PRACTICES'
  | 'SUSPICIOUS_SYSTEM_ACTIVITY';
export const RISK_FACTORS: readonly RiskFactor[] = [
  'CONTRACT_EMPLOYEE',
  'ELEVATED_ACCESS_PRIVILEGES',
  'FLIGHT_RISK',
  'HIGH_IMPACT_EMPLOYEE',
  'PERFORMANCE_CONCERNS',
  'POOR_SECURITY_PRACTICES',
  'SUSPICIOUS_SYSTEM_ACTIVITY',
];

// ---- users (§4) ----
/** Gateway user (`GET /v1/users`): `userId` is the console `userUid`. */
export interface User {
  userId: string;
  legacyUserId?: string;
  username: string;
  firstName?: string | null;
  lastName?: string | null;
  orgId?: string;
  orgGuid?: string;
  orgName?: string;
  notes?: string | null;
  active: boolean;
  blocked: boolean;
  creationDate?: string;
  modificationDate?: string;
}
/** Console org (`GET /api/v1/Org`). */
export interface Org {
  orgId: number;
  orgUid: string;
  orgGuid?: string;
  orgName: string;
}
/** Console user (`POST /api/v1/User` response). */
export interface ConsoleUser {
  userId: number;
  userUid: string;
  username: string;
  email?: string;
  orgUid?: string;
}
export interface UsersApi {
  /** `GET /v1/users?username=`; undefined when nobody has that username. */
  findByUsername(username: string): Promise<User | undefined>;
  /** As findByUsername, but a missing user is a Code42NotFoundError "No user found with username <u>.". */
  getByUsername(username: string): Promise<User>;
  activate(userId: string): Promise<void>;
  deactivate(userId: string): Promise<void>;
  /** Console: pages `GET /api/v1/Org` and matches `orgName` exactly. */
  findOrgByName(orgName: string): Promise<Org | undefined>;
  /** Console: `POST /api/v1/User`. */
  create(input: { orgUid: string; username: string; email: string }): Promise<ConsoleUser>;
  /** Console: `POST /api/v3/users/{userUid}/block|unblock`. */
  block(userUid: string): Promise<void>;
  unblock(userUid: string): Promise<void>;
}

// ---- detection lists (§5, gateway paths of seed 000) ----
export interface DetectionListProfile {
  userId: string;
  userName: string;
  displayName?: string;
  notes?: string | null;
  cloudUsernames: string[];
  riskFactors: RiskFactor[];
}
export interface DetectionListEntry {
  userId: string;
  userName: string;
  displayName?: string;
  notes?: string | null;
  createdAt?: string;
  status?: string;
  riskFactors?: RiskFactor[];
  cloudUsernames?: string[];
  /** Departing employees only, YYYY-MM-DD. */
  departureDate?: string | null;
}
export type DetectionListFilter = 'OPEN' | 'EXFILTRATION_30_DAYS' | 'EXFILTRATION_24_HOURS' | 'LEAVING_TODAY';
export interface DetectionListsApi {
  /** `user/getbyusername`; unknown user -> Code42Error (400 "Could not find user"). */
  getProfile(username: string): Promise<DetectionListProfile>;
  updateNotes(userId: string, notes: string): Promise<void>;
  addRiskFactors(userId: string, riskFactors: RiskFactor[]): Promise<void>;
  removeRiskFactors(userId: string, riskFactors: RiskFactor[]): Promise<void>;
  /** Already on the list -> Code42Error status 400 "User already on list". */
  add(list: DetectionListName, userId: string, options?: { departureDate?: string }): Promise<DetectionListEntry>;
  /** Not on the list -> Code42Error status 404. */
  remove(list: DetectionListName, userId: string): Promise<void>;
  /** Not on the list -> Code42Error status 404. */
  get(list: DetectionListName, userId: string): Promise<DetectionListEntry>;
  /** Every entry of the filter, page by page (1-based, short-page stop). Stop iterating to stop paging. */
  search(list: DetectionListName, filterType: DetectionListFilter, pageSize?: number): AsyncIterable<DetectionListEntry>;
}

// ---- watchlists (§6) ----
export interface Watchlist {
  watchlistId: string;
  listType: string;
  title?: string | null;
  description?: string | null;
  tenantId?: string;
  stats?: { includedUsersCount?: number; excludedUsersCount?: number };
}
export interface WatchlistUser {
  userId: string;
  username: string;
  addedTime: string;
}
export interface WatchlistsApi {
  /** All watchlists, every page. */
  list(): Promise<Watchlist[]>;
  /** A UUID is an id; otherwise a watchlist type or a custom watchlist's title. Unknown -> Code42NotFoundError. */
  resolve(watchlist: string): Promise<Watchlist>;
  addUsers(watchlistId: string, userIds: string[]): Promise<void>;
  removeUsers(watchlistId: string, userIds: string[]): Promise<void>;
  /** All included users, every page. */
  listIncludedUsers(watchlistId: string): Promise<WatchlistUser[]>;
}

// ---- user risk profiles (§7.1) ----
export interface DateParts {
  year: number;
  month: number;
  day: number;
}
export interface RiskProfile {
  userId: string;
  tenantId?: string;
  username: string;
  displayName?: string;
  notes?: string | null;
  startDate?: DateParts | null;
  endDate?: DateParts | null;
  cloudAliases?: string[];
  [field: string]: unknown;
}
/** Only the keys present are sent (and listed in `paths`); null clears the field. */
export interface RiskProfilePatch {
  startDate?: DateParts | null;
  endDate?: DateParts | null;
  notes?: string | null;
}
export interface RiskProfilesApi {
  get(userId: string): Promise<RiskProfile>;
  update(userId: string, patch: RiskProfilePatch): Promise<RiskProfile>;
}

// ---- alerts (§8, legacy alerts API on the gateway) ----
export interface AlertSummary {
  id: string;
  tenantId?: string;
  type: string;
  name: string;
  description?: string;
  actor: string;
  actorId?: string;
  target?: string;
  severity?: string;
  riskSeverity?: RiskSeverity | string;
  ruleId?: string;
  ruleSource?: string;
  createdAt: string;
  state: AlertState | string;
  stateLastModifiedBy?: string | null;
  stateLastModifiedAt?: string | null;
  watchlists?: unknown[];
}
export interface AlertObservation {
  id: string;
  observedAt: string;
  type: string;
  /** A JSON-encoded string on the wire. */
  data: string;
}
export interface AlertDetails extends AlertSummary {
  observations?: AlertObservation[];
  note?: { id?: string; lastModifiedAt?: string; lastModifiedBy?: string; message: string } | null;
}
export interface AlertCriteria {
  state?: string[];
  riskSeverity?: string[];
  actor?: string;
  ruleName?: string;
  /** ISO timestamps / yyyy-MM-dd, sent as createdAt ON_OR_AFTER / ON_OR_BEFORE / ON. */
  createdOnOrAfter?: string;
  createdOnOrBefore?: string;
  createdOn?: string;
}
export interface AlertPage {
  /** 0-based. */
  pgNum: number;
  /** At most 500. */
  pgSize: number;
  srtKey?: string;
  srtDirection?: 'ASC' | 'DESC';
}
export interface AlertQueryResult {
  alerts: AlertSummary[];
  totalCount: number;
}
export interface AlertsApi {
  /** One page of `query-alerts`; `problems` in the response become a Code42Error. */
  query(criteria: AlertCriteria, page: AlertPage): Promise<AlertQueryResult>;
  /** `query-details` for any number of ids, sent in batches of at most 100; order follows `ids`, unknown ids are absent. */
  details(ids: string[]): Promise<AlertDetails[]>;
  updateState(ids: string[], state: AlertState, note?: string | null): Promise<void>;
  addNote(alertId: string, note: string): Promise<void>;
}

// ---- alert rules (§9.1) ----
export interface RuleMetadata {
  observerRuleId: string;
  id: string;
  name: string;
  description?: string;
  severity?: string;
  isSystem?: boolean;
  isEnabled?: boolean;
  ruleSource?: string;
  type?: string;
  createdAt?: string;
  createdBy?: string;
  modifiedAt?: string;
  modifiedBy?: string;
}
export interface RuleUser {
  userIdFromAuthority: string;
  userAliasList: string[];
}
export interface AlertRulesApi {
  /** Every rule's metadata, every page; `name` filters with IS. */
  list(filter?: { name?: string }): Promise<RuleMetadata[]>;
  addUser(ruleId: string, user: RuleUser): Promise<void>;
  removeUsers(ruleId: string, userIds: string[]): Promise<void>;
  listUsers(ruleId: string): Promise<RuleUser[]>;
}

// ---- file events v2 (§10) ----
export interface FileEventFilter {
  term: string;
  operator: string;
  value: string | number | string[] | null;
}
export interface FileEventQuery {
  groupClause: 'AND' | 'OR';
  groups: { filterClause: 'AND' | 'OR'; filters: FileEventFilter[] }[];
  pgNum?: number;
  pgSize?: number;
  pgToken?: string | null;
  srtDir?: 'asc' | 'desc';
  srtKey?: string;
}
export type FileEvent = Record<string, unknown> & { event?: { id?: string } };
export interface FileEventPage {
  totalCount: number;
  nextPgToken: string | null;
  fileEvents: FileEvent[];
}
export interface FileEventsApi {
  /** One page; `problems` become a Code42Error. */
  search(query: FileEventQuery): Promise<FileEventPage>;
  /** Up to `maxResults` events, paging with pgToken past the 10,000-event window. */
  searchAll(query: FileEventQuery, maxResults: number): Promise<FileEvent[]>;
  /** The events with these `event.id`s (batched under the 1,024-criteria limit). */
  byIds(eventIds: string[]): Promise<FileEvent[]>;
}

// ---- files (§14.3) ----
export interface FilesApi {
  /** The file's bytes as a stream; unknown hash -> Code42NotFoundError. */
  downloadBySha256(sha256: string): Promise<{ body: NodeJS.ReadableStream; contentLength?: number }>;
}

// ---- legal hold (§12.3) ----
export interface Matter {
  matterId: string;
  name: string;
  description?: string;
  active?: boolean;
  creationDate?: string;
}
export interface Custodian {
  userId: string;
  name?: string;
  email?: string;
  membershipActive: boolean;
  membershipCreationDate?: string;
}
export interface LegalHoldApi {
  findMatterByName(name: string): Promise<Matter | undefined>;
  addCustodian(matterId: string, userId: string): Promise<void>;
  removeCustodian(matterId: string, userId: string): Promise<void>;
  /** Every custodian of the matter, every page. */
  listCustodians(matterId: string): Promise<Custodian[]>;
}

// ---- cases (§13.2) ----
export interface Case {
  number: number;
  name: string;
  createdAt?: string;
  updatedAt?: string;
  description?: string | null;
  findings?: string | null;
  subject?: string | null;
  subjectUsername?: string | null;
  status: string;
  assignee?: string | null;
  assigneeUsername?: string | null;
}
export interface CasesApi {
  create(input: { name: string; subject?: string; assignee?: string; description?: string; findings?: string }): Promise<Case>;
  get(caseNumber: number): Promise<Case>;
  addFileEvents(caseNumber: number, eventIds: string[]): Promise<void>;
}

export interface Code42Api {
  users: UsersApi;
  detectionLists: DetectionListsApi;
  watchlists: WatchlistsApi;
  riskProfiles: RiskProfilesApi;
  alerts: AlertsApi;
  alertRules: AlertRulesApi;
  fileEvents: FileEventsApi;
  files: FilesApi;
  legalHold: LegalHoldApi;
  cases: CasesApi;
  /** Gets a token and makes one cheap authenticated call; throws a Code42Error that says what is wrong. */
  checkConnection(): Promise<void>;
  /** The console link of an alert, for war-room entries and incidents. */
  alertUrl(alertId: string): string;
}
