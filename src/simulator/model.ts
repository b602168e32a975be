// The records the in-memory tenant keeps. They are plain JSON data (no Maps, no class instances), so the whole
// tenant persists as one JSON document (persistence.ts); routes render them into the Code42 wire shapes of
// incydr-api.md §2 (field names of the official SDK's models).
import { WATCHLIST_TYPES, type WatchlistType } from '../code42/api';

export { WATCHLIST_TYPES, type WatchlistType };

/** A person as `GET /v1/users` reports them. */
export interface SimUser {
  /** The gateway user id (18 digits). Not always the person's actor id. */
  userId: string;
  legacyUserId: string;
  username: string;
  firstName: string | null;
  lastName: string | null;
  orgGuid: string;
  notes: string | null;
  active: boolean;
  blocked: boolean;
  /** ISO timestamps. */
  creationDate: string;
  modificationDate: string;
  roleIds: string[];
}

/** An actor as `/v1/actors` reports it (XS actor_response.json). */
export interface SimActor {
  actorId: string;
  /** Lower-case identity, usually an email address. */
  name: string;
  active: boolean;
  /** "YYYY-MM-DD" or null. */
  startDate: string | null;
  endDate: string | null;
  notes: string | null;
  alternateNames: string[];
  inScope: boolean;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  division: string | null;
  department: string | null;
  employeeType: string | null;
  locality: string | null;
  region: string | null;
  country: string | null;
  managerActorId: string | null;
  parentActorId: string | null;
  /** The `/v1/users` id of the person behind the actor (a child actor has its parent's); not on the wire. */
  userId: string | null;
}

export interface SimOrg {
  orgGuid: string;
  legacyOrgId: string;
  orgName: string;
  orgExtRef: string | null;
  notes: string | null;
  parentOrgGuid: string | null;
  active: boolean;
  creationDate: string;
  modificationDate: string;
  deactivationDate: string | null;
  registrationKey: string;
}

export interface SimRole {
  roleId: string;
  roleName: string;
  permissionIds: string[];
}

export interface Added {
  /** ISO time the entry was added. */
  addedTime: string;
}
export interface WatchlistActorEntry extends Added {
  actorId: string;
}
export interface WatchlistDepartmentEntry extends Added {
  name: string;
}

export interface SimWatchlist {
  watchlistId: string;
  listType: WatchlistType;
  title: string | null;
  description: string | null;
  includedActors: WatchlistActorEntry[];
  excludedActors: WatchlistActorEntry[];
  /** Everyone whose actor `department` is one of these is a member, unless excluded. */
  includedDepartments: WatchlistDepartmentEntry[];
}

/** Session states (incydr-api.md §2.2); `state` and `stateV2` carry the same value here. */
export const SESSION_STATES = ['OPEN', 'IN_PROGRESS', 'CLOSED', 'CLOSED_TP', 'CLOSED_TP_BENIGN', 'CLOSED_FP', 'OPEN_NEW_DATA'] as const;
export const SESSION_TYPES = ['STANDARD', 'ACCOUNT_TAKE_OVER'] as const;
export const CONTENT_INSPECTION_STATUSES = ['PENDING', 'FOUND', 'NOT_FOUND'] as const;

export interface SimSessionScore {
  score: number;
  /** 0..4 = NO_RISK, LOW, MODERATE, HIGH, CRITICAL. */
  severity: number;
  sourceTimestamp: number;
}
export interface SimSessionState {
  state: string;
  stateV2: string;
  sourceTimestamp: number;
  userId: string | null;
}
export interface SimSessionNote {
  id: string;
  content: string;
  sourceTimestamp: number;
  userId: string | null;
}
export interface SimTriggeredAlert {
  alertId: string;
  ruleId: string;
  lessonId: string | null;
  ruleName: string | null;
}

export interface SimSession {
  sessionId: string;
  actorId: string;
  /** The `/v1/users` id behind the actor, or null for an actor without a user. */
  userId: string | null;
  type: string;
  /** Epoch ms. */
  beginTime: number;
  endTime: number;
  /** When the first alert landed; may be hours after beginTime. */
  firstObserved: number;
  lastUpdated: number;
  notes: SimSessionNote[];
  scores: SimSessionScore[];
  states: SimSessionState[];
  triggeredAlerts: SimTriggeredAlert[];
  exfiltrationSummary: string | null;
  contextSummary: string | null;
  contentInspectionStatus: (typeof CONTENT_INSPECTION_STATUSES)[number] | null;
  detectedOnAlerts: string[];
  /** The file events of the session (their `event.id`), oldest first. */
  eventIds: string[];
}

export interface SimRuleUser {
  userIdFromAuthority: string;
  aliases: string[];
}

/** A v2 alert rule (XS rule_response.json, SDK RuleDetails). */
export interface SimRule {
  id: string;
  name: string;
  description: string;
  isEnabled: boolean;
  isSystemRule: boolean;
  source: string;
  /** Deprecated on the wire, still sent. */
  severity: string;
  createdAt: string;
  createdBy: string;
  modifiedAt: string;
  modifiedBy: string;
  /** Watchlists the rule targets (`filters.watchlist`). */
  watchlistIds: string[];
  /** The username filter; null when the rule has none (then `/users` answers 400). */
  users: SimRuleUser[] | null;
  /** Risk indicator names of `filters.riskIndicator`. */
  riskIndicators: string[];
  /** The rest of the rule as served, kept verbatim (notifications, vectors, education, ...). */
  extra: Record<string, unknown>;
}

/** A v2 file event (the SDK's FileEventV2, camelCase wire names). */
export type FileEventDoc = Record<string, unknown> & {
  '@timestamp': string;
  event: Record<string, unknown> & { id: string };
};

export interface SimFileSpec {
  name: string;
  mimeType: string;
  category: string;
  /** Approximate size in bytes; the bytes are derived from the tenant seed and the name. */
  size: number;
  /** The id `GET /v1/files/get-file-by-xfc-content-id/{id}` answers to. */
  xfcContentId: string;
}

export interface SimFile extends SimFileSpec {
  sha256: string;
  md5: string;
  bytes: Buffer;
}

export interface SimMembership {
  userId: string;
  active: boolean;
  creationDate: string;
}

export interface SimMatter {
  matterId: string;
  name: string;
  description: string;
  notes: string | null;
  active: boolean;
  creationDate: string;
  policyId: string;
  creatorUserId: string;
  memberships: SimMembership[];
}

export interface SimCase {
  number: number;
  name: string;
  subject: string | null;
  assignee: string | null;
  description: string | null;
  findings: string | null;
  status: 'OPEN' | 'CLOSED';
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  lastModifiedBy: string;
  eventIds: string[];
}

/** Everything a tenant holds: the document persistence.ts saves and loads. */
export interface TenantData {
  /** Format version of the persisted document. */
  version: 1;
  tenantId: string;
  customerName: string;
  registrationKey: string;
  seed: number;
  /** State of the id generator, so records created after a reload keep getting fresh, deterministic ids. */
  idState: number;
  orgs: SimOrg[];
  roles: SimRole[];
  users: SimUser[];
  actors: SimActor[];
  watchlists: SimWatchlist[];
  rules: SimRule[];
  sessions: SimSession[];
  fileEvents: FileEventDoc[];
  files: SimFileSpec[];
  matters: SimMatter[];
  cases: SimCase[];
}
