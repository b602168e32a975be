// The Code42 client's public surface on the Incydr API a real tenant serves today (incydr-api.md §2):
// one interface per API area. Commands and fetch-incidents depend on these interfaces only; `client.ts`
// implements them over the transport. Shapes keep Code42's wire names (the official SDK's model fields),
// so nothing is renamed on the way in; every answer is decoded against a schema before code reads it.

// ---- shared ----
/** Watchlist types of watchlists v2 (incydr-api.md §2.4). */
export const WATCHLIST_TYPES = [
  'DEPARTING_EMPLOYEE',
  'NEW_EMPLOYEE',
  'HIGH_IMPACT_EMPLOYEE',
  'FLIGHT_RISK',
  'PERFORMANCE_CONCERNS',
  'POOR_SECURITY_PRACTICES',
  'SUSPICIOUS_SYSTEM_ACTIVITY',
  'CONTRACT_EMPLOYEE',
  'ELEVATED_ACCESS_PRIVILEGES',
  'CUSTOM',
] as const;
export type WatchlistType = (typeof WATCHLIST_TYPES)[number];

/** The seed-era risk tags; each is now the watchlist of the same type (commands.md). */
export const RISK_TAGS = [
  'CONTRACT_EMPLOYEE',
  'ELEVATED_ACCESS_PRIVILEGES',
  'FLIGHT_RISK',
  'HIGH_IMPACT_EMPLOYEE',
  'PERFORMANCE_CONCERNS',
  'POOR_SECURITY_PRACTICES',
  'SUSPICIOUS_SYSTEM_ACTIVITY',
] as const satisfies readonly WatchlistType[];
export type RiskTag = (typeof RISK_TAGS)[number];

// ---- sessions (§2.2; replace alerts) ----
export const SESSION_STATES = ['OPEN', 'IN_PROGRESS', 'CLOSED', 'CLOSED_TP', 'CLOSED_TP_BENIGN', 'CLOSED_FP', 'OPEN_NEW_DATA'] as const;
/** A state Code42 reports; new `stateV2` values may appear, so any string is tolerated on the way in. */
export type SessionState = (typeof SESSION_STATES)[number];
/** Severity labels by the integer Code42 uses (0 = NO_RISK .. 4 = CRITICAL). */
export const SESSION_SEVERITIES = ['NO_RISK', 'LOW', 'MODERATE', 'HIGH', 'CRITICAL'] as const;
export type SessionSeverityLabel = (typeof SESSION_SEVERITIES)[number];
/** Longest session note Code42 takes (the SDK checks it client-side); commands check it as an argument too. */
export const MAX_NOTE_LENGTH = 2000;

export interface SessionScore {
  score: number;
  /** 0..4, see SESSION_SEVERITIES. */
  severity: number;
  sourceTimestamp: number;
}
export interface SessionStateEntry {
  state: string;
  stateV2?: string | null;
  sourceTimestamp: number;
  userId?: string | null;
}
export interface SessionNote {
  id?: string | null;
  content: string;
  sourceTimestamp: number;
  userId?: string | null;
}
export interface SessionRiskIndicator {
  id: string;
  name: string;
  weight: number;
  eventCount: number;
}
export interface TriggeredAlert {
  alertId: string;
  ruleId: string;
  lessonId?: string | null;
  /** Since SDK 2.12.2 (2026-06); older tenants leave it out. */
  ruleName?: string | null;
}
export interface Session {
  sessionId: string;
  tenantId?: string;
  actorId: string;
  /** Since SDK 2.12.2 (2026-06); older tenants leave it out. */
  actorName?: string | null;
  userId?: string | null;
  type?: string | null;
  /** Epoch ms. */
  beginTime: number;
  endTime?: number | null;
  firstObserved?: number | null;
  lastUpdated?: number | null;
  noRiskEvents?: number;
  lowEvents?: number;
  moderateEvents?: number;
  highEvents?: number;
  criticalEvents?: number;
  notes: SessionNote[];
  riskIndicators: SessionRiskIndicator[];
  scores: SessionScore[];
  states: SessionStateEntry[];
  triggeredAlerts: TriggeredAlert[];
  exfiltrationSummary?: string | null;
  contextSummary?: string | null;
  contentInspectionResults?: { detectedOnAlerts?: string[] } | null;
}
/** Filters of `GET /v1/sessions`; every one optional. Times are epoch ms on the session's begin time. */
export interface SessionCriteria {
  actorId?: string;
  onOrAfter?: number;
  before?: number;
  type?: string;
  /** Default true, as the SDK sends. */
  hasAlerts?: boolean;
  riskIndicators?: string[];
  states?: string[];
  /** 0..4. */
  severities?: number[];
  ruleId?: string;
  watchlistId?: string;
  contentInspectionStatus?: 'PENDING' | 'FOUND' | 'NOT_FOUND';
  orderBy?: 'end_time' | 'score';
  sortDirection?: 'asc' | 'desc';
}
export interface SessionPage {
  items: Session[];
  totalCount: number;
}
export interface SessionsApi {
  /** One page (0-based page number, page size 1..50). */
  search(criteria: SessionCriteria, page: { pageNumber: number; pageSize: number }): Promise<SessionPage>;
  /** Every session matching, page after page, stopping when the consumer stops iterating. */
  iterate(criteria: SessionCriteria, pageSize?: number): AsyncIterable<Session>;
  /** Unknown id -> Code42NotFoundError "No alert found with ID <id>.". */
  get(sessionId: string): Promise<Session>;
  /** The session's file events (`GET /v1/sessions/{id}/events`). */
  events(sessionId: string): Promise<FileEvent[]>;
  /** `POST /v1/sessions/change-state`, ids sent in batches of at most 100. */
  changeState(sessionIds: string[], newState: SessionState): Promise<void>;
  /** At most 2,000 characters; longer is refused before sending. */
  addNote(sessionId: string, note: string): Promise<void>;
}

// ---- actors (§2.3; replace user risk profiles) ----
export interface Actor {
  actorId: string;
  name: string;
  active?: boolean | null;
  /** "YYYY-MM-DD" or null. */
  startDate?: string | null;
  endDate?: string | null;
  notes?: string | null;
  alternateNames?: string[];
  inScope?: boolean | null;
  firstName?: string | null;
  lastName?: string | null;
  title?: string | null;
  division?: string | null;
  department?: string | null;
  employeeType?: string | null;
  locality?: string | null;
  region?: string | null;
  country?: string | null;
  managerActorId?: string | null;
  parentActorId?: string | null;
}
export interface ActorFamily {
  parent: Actor;
  children: Actor[];
}
/** Only the keys present are sent; null clears the field. Dates are "YYYY-MM-DD". */
export interface ActorPatch {
  notes?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}
export interface ActorsApi {
  /** One page (1-based, page size 1..500); `parents` uses the `/parent` form. */
  search(filter: { nameStartsWith?: string; nameEndsWith?: string; active?: boolean; parents?: boolean }, page: { page: number; pageSize: number }): Promise<Actor[]>;
  /** Unknown -> Code42NotFoundError. */
  byId(actorId: string): Promise<Actor>;
  /** `GET /v1/actors/actor/name/{name}/parent`; unknown -> Code42NotFoundError "No user found with username <u>.". */
  byNameWithParent(name: string): Promise<Actor>;
  family(actorId: string): Promise<ActorFamily>;
  /** `PATCH /v1/actors/actor/id/{id}`; returns the updated actor. */
  update(actorId: string, patch: ActorPatch): Promise<Actor>;
}

// ---- watchlists v2 (§2.4) ----
export interface WatchlistStats {
  includedActorsCount?: number | null;
  excludedActorsCount?: number | null;
  includedDepartmentsCount?: number | null;
  includedDirectoryGroupsCount?: number | null;
  excludedDepartmentsCount?: number | null;
  excludedDirectoryGroupsCount?: number | null;
}
export interface Watchlist {
  watchlistId: string;
  /** A WatchlistType; tolerated as any string on the way in. */
  listType: string;
  title?: string | null;
  description?: string | null;
  tenantId?: string;
  stats?: WatchlistStats | null;
}
export interface WatchlistMember {
  actorId: string;
  /** Lower-case on the wire. */
  actorname?: string | null;
  /** ISO time. */
  addedTime?: string | null;
}
export interface WatchlistsApi {
  /** All watchlists, every page; with `actorId`, those the actor is on. */
  list(filter?: { actorId?: string }): Promise<Watchlist[]>;
  get(watchlistId: string): Promise<Watchlist>;
  create(input: { watchlistType: WatchlistType; title?: string; description?: string }): Promise<Watchlist>;
  /**
   * A UUID is an id; otherwise a watchlist type or a custom watchlist's title. Unknown -> Code42NotFoundError
   * "Invalid Watchlist type: <w>, run !code42-watchlists-list to get a list of available Watchlists.";
   * `CUSTOM` with several custom watchlists -> Code42NotFoundError listing their titles.
   */
  resolve(watchlist: string): Promise<Watchlist>;
  /** Everyone on the watchlist (departments and groups included), every page. */
  members(watchlistId: string): Promise<WatchlistMember[]>;
  /** Actors explicitly included, every page. */
  includedActors(watchlistId: string): Promise<WatchlistMember[]>;
  /** Sent in batches of at most 100 actor ids. */
  addActors(watchlistId: string, actorIds: string[]): Promise<void>;
  removeActors(watchlistId: string, actorIds: string[]): Promise<void>;
}

// ---- alert rules v2 (§2.5) ----
export interface AlertRule {
  id: string;
  name: string;
  description?: string | null;
  isEnabled?: boolean | null;
  isSystemRule?: boolean | null;
  source?: string | null;
  severity?: string | null;
  createdAt?: string | null;
  createdBy?: string | null;
  modifiedAt?: string | null;
  modifiedBy?: string | null;
  filters?: {
    username?: { mode?: string | null; usernames?: string[] | null } | null;
    watchlist?: { watchlists?: { id: string }[] | null } | null;
    [filter: string]: unknown;
  } | null;
  [field: string]: unknown;
}
export interface AlertRuleUser {
  userIdFromAuthority: string;
  aliases: string[];
}
export interface AlertRuleUsers {
  id: string;
  users: AlertRuleUser[];
  /** "0" = INCLUDE, "1" = EXCLUDE. */
  mode?: string | null;
}
export interface AlertRulesApi {
  /** Every rule, every page (0-based); optionally only those targeting a watchlist. */
  list(filter?: { watchlistId?: string }): Promise<AlertRule[]>;
  /** Unknown -> Code42NotFoundError. */
  get(ruleId: string): Promise<AlertRule>;
  /** `GET /v2/alert-rules/{id}/users`; a rule without a username filter (400) -> Code42Error saying so. */
  users(ruleId: string): Promise<AlertRuleUsers>;
  /** `POST /v2/alert-rules/{id}/users` body `[{userIdFromAuthority, aliases}]` (INC-7519; undocumented on the portal). */
  addUsers(ruleId: string, users: AlertRuleUser[]): Promise<void>;
  /** `POST /v2/alert-rules/{id}/remove-users` body `[userId, ...]` (INC-7519). */
  removeUsers(ruleId: string, userIds: string[]): Promise<void>;
}

// ---- users and orgs v1 (§2.6) ----
export interface User {
  userId: string;
  legacyUserId?: string | null;
  username: string;
  firstName?: string | null;
  lastName?: string | null;
  legacyOrgId?: string | null;
  orgId?: string | null;
  orgGuid?: string | null;
  orgName?: string | null;
  notes?: string | null;
  active: boolean;
  blocked: boolean;
  creationDate?: string | null;
  modificationDate?: string | null;
}
export interface Role {
  roleId: string;
  roleName: string;
  [field: string]: unknown;
}
export interface Org {
  orgGuid: string;
  orgName: string;
  orgExtRef?: string | null;
  notes?: string | null;
  parentOrgGuid?: string | null;
  active?: boolean | null;
  creationDate?: string | null;
  modificationDate?: string | null;
  userCount?: number | null;
}
export interface UsersApi {
  /** `GET /v1/users?username=`; undefined when nobody has that username. */
  findByUsername(username: string): Promise<User | undefined>;
  /** As findByUsername; a missing user is a Code42NotFoundError "No user found with username <u>.". */
  getByUsername(username: string): Promise<User>;
  activate(userId: string): Promise<void>;
  deactivate(userId: string): Promise<void>;
  roles(userId: string): Promise<Role[]>;
}
export interface OrgsApi {
  list(filter?: { active?: boolean }): Promise<Org[]>;
}

// ---- legal hold (§2.7) ----
export interface Matter {
  matterId: string;
  name: string;
  description?: string | null;
  notes?: string | null;
  active?: boolean | null;
  creationDate?: string | null;
  policyId?: string | null;
  creator?: { userId?: string | null; username?: string | null } | null;
}
export interface Custodian {
  userId: string;
  username?: string | null;
  name?: string | null;
  email?: string | null;
  membershipActive: boolean;
  membershipCreationDate?: string | null;
}
export interface LegalHoldApi {
  /** Every matter whose name equals or contains `name` (all matters without it), every page. */
  listMatters(filter?: { name?: string; active?: boolean }): Promise<Matter[]>;
  addCustodian(matterId: string, userId: string): Promise<void>;
  removeCustodian(matterId: string, userId: string): Promise<void>;
  /** Every custodian of the matter, every page. */
  custodians(matterId: string): Promise<Custodian[]>;
}

// ---- cases (§2.8) ----
export interface Case {
  number: number;
  name: string;
  createdAt?: string | null;
  updatedAt?: string | null;
  description?: string | null;
  findings?: string | null;
  subject?: string | null;
  subjectUsername?: string | null;
  status: string;
  assignee?: string | null;
  assigneeUsername?: string | null;
  createdByUserUid?: string | null;
  createdByUsername?: string | null;
  lastModifiedByUserUid?: string | null;
  lastModifiedByUsername?: string | null;
}
export interface CaseFileEvent {
  eventId: string;
  eventTimestamp?: string | null;
  fileName?: string | null;
  filePath?: string | null;
  riskScore?: number | null;
  riskSeverity?: string | null;
}
export interface CasesApi {
  create(input: { name: string; subject?: string; assignee?: string; description?: string; findings?: string }): Promise<Case>;
  /** Unknown -> Code42NotFoundError. */
  get(caseNumber: number): Promise<Case>;
  fileEvents(caseNumber: number): Promise<CaseFileEvent[]>;
  addFileEvents(caseNumber: number, eventIds: string[]): Promise<void>;
}

// ---- file events v2 and files (§2.9) ----
export interface FileEventFilter {
  term: string;
  operator: string;
  value: string | number | string[] | null;
}
export interface FileEventGroup {
  filterClause: 'AND' | 'OR';
  filters: FileEventFilter[];
}
export interface FileEventQuery {
  groupClause: 'AND' | 'OR';
  groups: FileEventGroup[];
  pgNum?: number;
  pgSize?: number;
  pgToken?: string | null;
  srtDir?: 'asc' | 'desc';
  srtKey?: string;
}
/** A v2 file event (the SDK's FileEventV2); only `event.id` is relied upon everywhere. */
export type FileEvent = Record<string, unknown> & { '@timestamp'?: string; event: { id: string; [field: string]: unknown } };
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
}
export interface FileDownload {
  body: NodeJS.ReadableStream;
  contentLength?: number;
  /** From Content-Disposition, when Code42 sends one. */
  fileName?: string;
}
export interface FilesApi {
  /** Unknown -> Code42NotFoundError. */
  bySha256(sha256: string): Promise<FileDownload>;
  byXfcContentId(xfcContentId: string): Promise<FileDownload>;
}

// ---- customer ----
export interface Customer {
  name: string;
  registrationKey?: string | null;
  tenantId: string;
}
export interface CustomerApi {
  get(): Promise<Customer>;
}

export interface Code42Api {
  sessions: SessionsApi;
  actors: ActorsApi;
  watchlists: WatchlistsApi;
  alertRules: AlertRulesApi;
  users: UsersApi;
  orgs: OrgsApi;
  legalHold: LegalHoldApi;
  cases: CasesApi;
  fileEvents: FileEventsApi;
  files: FilesApi;
  customer: CustomerApi;
  /** Gets a token and makes one cheap authenticated call; throws a Code42Error that says what is wrong. */
  checkConnection(): Promise<void>;
  /** The console link of a session, for war-room entries and incidents. */
  sessionUrl(sessionId: string): string;
}
