// The records the in-memory tenant keeps. Routes render them into the Code42 wire shapes.
import type { RiskFactor } from '../code42/api';

export type { RiskFactor };

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export interface SimOrg {
  orgId: number;
  orgUid: string;
  orgGuid: string;
  orgName: string;
  parentOrgUid: string | null;
  creationDate: string;
}

export interface SimDevice {
  deviceUid: string;
  hostname: string;
  operatingSystem: string;
  publicIp: string;
  privateIp: string;
}

export interface SimUser {
  /** Gateway `userId` == console `userUid` (18 digits). */
  userUid: string;
  /** Console numeric `userId` (gateway `legacyUserId`). */
  legacyUserId: number;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  orgUid: string;
  /** Console user notes. */
  notes: string | null;
  active: boolean;
  blocked: boolean;
  creationDate: string;
  modificationDate: string;
  /** Detection-list / risk-profile fields (one profile per user). */
  profileNotes: string | null;
  cloudAliases: string[];
  riskFactors: RiskFactor[];
  startDate: DateParts | null;
  endDate: DateParts | null;
  title: string | null;
  department: string | null;
  division: string | null;
  employmentType: string | null;
  managerUid: string | null;
  country: string | null;
  region: string | null;
  locality: string | null;
  device: SimDevice | null;
}

export interface DetectionEntry {
  userUid: string;
  createdAt: string;
  /** Departing employees only, YYYY-MM-DD. */
  departureDate?: string | null;
}

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

export interface SimWatchlist {
  watchlistId: string;
  listType: WatchlistType;
  title: string | null;
  description: string | null;
  /** userUid -> addedTime, in insertion order. */
  included: Map<string, string>;
}

export const RISK_SEVERITIES = ['CRITICAL', 'HIGH', 'MODERATE', 'LOW', 'NO_RISK_INDICATED'] as const;
export const ALERT_STATES = ['OPEN', 'RESOLVED', 'PENDING', 'IN_PROGRESS'] as const;
export const RULE_TYPES = [
  'FED_ENDPOINT_EXFILTRATION',
  'FED_CLOUD_SHARE_PERMISSIONS',
  'FED_FILE_TYPE_MISMATCH',
  'FED_FILE_NAME_MATCH',
  'FED_COMPOSITE',
] as const;

export interface AlertWatchlistRef {
  'type$': 'WATCHLIST';
  id: string;
  name: string | null;
  type: string;
  isSignificant: boolean;
}

export interface SimObservation {
  id: string;
  /** Defaults to the alert's createdAt. */
  observedAt?: string;
  type: string;
  /** Explicit JSON string; otherwise it is built from `eventIds` when details are asked for. */
  data?: string;
  eventIds?: string[];
}

export interface SimNote {
  id: string;
  lastModifiedAt: string;
  lastModifiedBy: string;
  message: string;
}

export interface SimAlert {
  id: string;
  type: string;
  name: string;
  description: string;
  actor: string;
  actorId: string;
  target: string;
  /** Static rule severity: HIGH, MEDIUM, LOW. */
  severity: string;
  riskSeverity: string;
  ruleId: string;
  ruleSource: string;
  createdAt: string;
  /** createdAt in µs since the epoch: the sort key of the alert store. */
  createdAtUs: number;
  state: string;
  stateLastModifiedBy: string | null;
  stateLastModifiedAt: string | null;
  watchlists: AlertWatchlistRef[];
  observations: SimObservation[];
  note: SimNote | null;
}

export type UsersToAlertOn = 'ALL_USERS' | 'SPECIFIED_USERS' | 'ALL_USERS_NOT_SPECIFIED';

export interface SimRule {
  observerRuleId: string;
  id: string;
  name: string;
  description: string;
  severity: string;
  isSystem: boolean;
  isEnabled: boolean;
  ruleSource: string;
  type: string;
  createdBy: string;
  createdAt: string;
  modifiedBy: string;
  modifiedAt: string;
  usersToAlertOn: UsersToAlertOn;
  /** userIdFromAuthority -> aliases (non-system rules). */
  users: Map<string, string[]>;
}

/** A v2 file event document (code42-api.md §10.4) as served. */
export type FileEventDoc = Record<string, unknown> & {
  '@timestamp': string;
  event: Record<string, unknown> & { id: string };
};

export interface SimFileEvent {
  id: string;
  timestampMs: number;
  doc: FileEventDoc;
}

export interface SimFile {
  name: string;
  sha256: string;
  md5: string;
  mimeType: string;
  category: string;
  bytes: Buffer;
}

export interface SimMembership {
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
  creatorUid: string;
  /** userUid -> membership. */
  memberships: Map<string, SimMembership>;
}

export interface SimCase {
  number: number;
  name: string;
  subject: string | null;
  assignee: string | null;
  description: string | null;
  findings: string | null;
  status: 'OPEN' | 'CLOSED' | 'ARCHIVED';
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  lastModifiedBy: string;
  eventIds: string[];
}
