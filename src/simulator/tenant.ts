// The in-memory Code42 tenant: the state every route reads and changes, plus the methods tests use to
// arrange a scenario (add users, alerts — also late-indexed ones with a createdAt in the past — and events).
import { AlertStore } from './alertStore';
import type {
  AlertWatchlistRef,
  DetectionEntry,
  FileEventDoc,
  SimAlert,
  SimCase,
  SimFile,
  SimFileEvent,
  SimMatter,
  SimObservation,
  SimOrg,
  SimRule,
  SimUser,
  SimWatchlist,
  WatchlistType,
} from './model';
import { Random } from './random';
import { isoMicros, isoMs, parseTimestamp } from './time';

export interface TenantOptions {
  tenantId: string;
  customerName: string;
  registrationKey: string;
  /** Milliseconds since the epoch; the simulator's notion of "now". */
  clock: () => number;
  /** Seeds the ids of records created later (through the API or these methods). */
  idSeed: number;
}

export type UserInput = Partial<Omit<SimUser, 'username'>> & { username: string };

export interface ObservationInput {
  type?: string;
  observedAt?: string;
  /** A JSON string, or an object that is stored as its JSON string. */
  data?: string | Record<string, unknown>;
  /** File events the observation names (its `files[].eventId`). */
  eventIds?: string[];
}

export interface AlertInput {
  id?: string;
  /** Username of the actor; defaults to the first user. */
  actor?: string;
  /** observerRuleId of the rule that fired; defaults to the first non-system rule. */
  ruleId?: string;
  name?: string;
  description?: string;
  type?: string;
  severity?: string;
  riskSeverity?: string;
  state?: string;
  target?: string;
  /** ISO timestamp (up to µs) or epoch milliseconds (fractions keep µs); defaults to now. A past value makes a late-indexed alert. */
  createdAt?: string | number | Date;
  /** Shorthand for one observation naming these file events. */
  eventIds?: string[];
  observations?: ObservationInput[];
  note?: string | null;
  watchlists?: AlertWatchlistRef[];
  stateLastModifiedBy?: string | null;
  stateLastModifiedAt?: string | null;
}

export interface CaseInput {
  name: string;
  subject?: string | null;
  assignee?: string | null;
  description?: string | null;
  findings?: string | null;
  createdBy?: string;
}

const OBSERVATION_TYPES: Record<string, string> = {
  FED_ENDPOINT_EXFILTRATION: 'FedEndpointExfiltration',
  FED_CLOUD_SHARE_PERMISSIONS: 'FedCloudSharePermissions',
  FED_FILE_TYPE_MISMATCH: 'FedFileTypeMismatch',
  FED_FILE_NAME_MATCH: 'FedFileNameMatch',
  FED_COMPOSITE: 'FedEndpointExfiltration',
};

export function observationTypeFor(alertType: string): string {
  return OBSERVATION_TYPES[alertType] ?? 'FedEndpointExfiltration';
}

function toMicros(value: string | number | Date | undefined, nowMs: () => number): number {
  if (value === undefined) return nowMs() * 1000;
  if (typeof value === 'number') return Math.round(value * 1000);
  if (value instanceof Date) return value.getTime() * 1000;
  const parsed = parseTimestamp(value);
  if (!parsed) throw new Error(`Alert createdAt "${value}" is not an ISO timestamp.`);
  return parsed.us;
}

export class Tenant {
  readonly tenantId: string;
  readonly customerName: string;
  readonly registrationKey: string;
  readonly clock: () => number;
  /** Ids for records created after seeding. */
  readonly ids: Random;

  readonly orgs: SimOrg[] = [];
  readonly watchlists: SimWatchlist[] = [];
  /** Detection lists: userUid -> entry. */
  readonly departing = new Map<string, DetectionEntry>();
  readonly highRisk = new Map<string, DetectionEntry>();
  readonly alerts = new AlertStore();
  readonly rules: SimRule[] = [];
  readonly matters: SimMatter[] = [];
  readonly cases: SimCase[] = [];

  private readonly usersByUid = new Map<string, SimUser>();
  private readonly usersByName = new Map<string, SimUser>();
  private readonly eventsSorted: SimFileEvent[] = [];
  private readonly eventsById = new Map<string, SimFileEvent>();
  private readonly filesBySha256 = new Map<string, SimFile>();

  constructor(options: TenantOptions) {
    this.tenantId = options.tenantId;
    this.customerName = options.customerName;
    this.registrationKey = options.registrationKey;
    this.clock = options.clock;
    this.ids = new Random(options.idSeed);
  }

  now(): number {
    return this.clock();
  }

  // ---- orgs and users ----

  addOrg(input: Partial<SimOrg> & { orgName: string }): SimOrg {
    const org: SimOrg = {
      orgId: input.orgId ?? 1000 + this.orgs.length + 1,
      orgUid: input.orgUid ?? this.ids.digits(18),
      orgGuid: input.orgGuid ?? this.ids.uuid(),
      orgName: input.orgName,
      parentOrgUid: input.parentOrgUid ?? null,
      creationDate: input.creationDate ?? isoMs(this.now()),
    };
    this.orgs.push(org);
    return org;
  }

  org(orgUid: string): SimOrg | undefined {
    return this.orgs.find((o) => o.orgUid === orgUid);
  }

  addUser(input: UserInput): SimUser {
    if (this.userByUsername(input.username)) throw new Error(`A user named ${input.username} already exists.`);
    const created = input.creationDate ?? isoMs(this.now());
    const user: SimUser = {
      userUid: input.userUid ?? this.ids.digits(18),
      legacyUserId: input.legacyUserId ?? 100_000 + this.usersByUid.size + 1,
      username: input.username,
      email: input.email ?? input.username,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      orgUid: input.orgUid ?? this.orgs[0]?.orgUid ?? '',
      notes: input.notes ?? null,
      active: input.active ?? true,
      blocked: input.blocked ?? false,
      creationDate: created,
      modificationDate: input.modificationDate ?? created,
      profileNotes: input.profileNotes ?? null,
      cloudAliases: input.cloudAliases ?? [input.email ?? input.username],
      riskFactors: input.riskFactors ?? [],
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      title: input.title ?? null,
      department: input.department ?? null,
      division: input.division ?? null,
      employmentType: input.employmentType ?? null,
      managerUid: input.managerUid ?? null,
      country: input.country ?? null,
      region: input.region ?? null,
      locality: input.locality ?? null,
      device: input.device ?? null,
    };
    this.usersByUid.set(user.userUid, user);
    this.usersByName.set(user.username.toLowerCase(), user);
    return user;
  }

  user(userUid: string): SimUser | undefined {
    return this.usersByUid.get(userUid);
  }

  /** Case-insensitive, as Code42 usernames are. */
  userByUsername(username: string): SimUser | undefined {
    return this.usersByName.get(username.toLowerCase());
  }

  /** All users in creation order. */
  users(): SimUser[] {
    return [...this.usersByUid.values()];
  }

  displayName(user: SimUser): string {
    return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;
  }

  // ---- watchlists ----

  addWatchlist(input: { listType: WatchlistType; title?: string | null; description?: string | null; watchlistId?: string }): SimWatchlist {
    const watchlist: SimWatchlist = {
      watchlistId: input.watchlistId ?? this.ids.uuid(),
      listType: input.listType,
      title: input.title ?? null,
      description: input.description ?? null,
      included: new Map(),
    };
    this.watchlists.push(watchlist);
    return watchlist;
  }

  watchlist(watchlistId: string): SimWatchlist | undefined {
    return this.watchlists.find((w) => w.watchlistId === watchlistId);
  }

  /** The `watchlists` of an alert whose actor is this user. */
  watchlistRefsFor(userUid: string): AlertWatchlistRef[] {
    return this.watchlists
      .filter((w) => w.included.has(userUid))
      .map((w) => ({ 'type$': 'WATCHLIST', id: w.watchlistId, name: w.title, type: w.listType, isSignificant: true }));
  }

  // ---- alerts and rules ----

  addRule(rule: SimRule): SimRule {
    this.rules.push(rule);
    return rule;
  }

  rule(observerRuleId: string): SimRule | undefined {
    return this.rules.find((r) => r.observerRuleId === observerRuleId);
  }

  alert(id: string): SimAlert | undefined {
    return this.alerts.get(id);
  }

  /** Adds one alert (kept in createdAt order, so a past createdAt is a late-indexed alert). */
  addAlert(input: AlertInput = {}): SimAlert {
    const alert = this.buildAlert(input);
    this.alerts.add(alert);
    return alert;
  }

  addAlerts(inputs: readonly AlertInput[]): SimAlert[] {
    const alerts = inputs.map((input) => this.buildAlert(input));
    if (alerts.length > 100) this.alerts.addMany(alerts);
    else for (const alert of alerts) this.alerts.add(alert);
    return alerts;
  }

  buildAlert(input: AlertInput): SimAlert {
    const actor = input.actor !== undefined ? this.userByUsername(input.actor) : this.users()[0];
    const rule = input.ruleId !== undefined ? this.rule(input.ruleId) : this.rules.find((r) => !r.isSystem);
    if (input.ruleId !== undefined && !rule) throw new Error(`No alert rule with id ${input.ruleId}.`);
    const createdAtUs = toMicros(input.createdAt, this.clock);
    const createdAt = isoMicros(createdAtUs);
    const type = input.type ?? rule?.type ?? 'FED_ENDPOINT_EXFILTRATION';
    const state = input.state ?? 'OPEN';
    const observations: ObservationInput[] = input.observations ?? [{ eventIds: input.eventIds ?? [] }];
    return {
      id: input.id ?? this.ids.uuid(),
      type,
      name: input.name ?? rule?.name ?? 'Simulated alert',
      description: input.description ?? rule?.description ?? '',
      actor: actor?.username ?? input.actor ?? 'unknown@example.com',
      actorId: actor?.userUid ?? '',
      target: input.target ?? 'N/A',
      severity: input.severity ?? rule?.severity ?? 'HIGH',
      riskSeverity: input.riskSeverity ?? 'HIGH',
      ruleId: rule?.observerRuleId ?? input.ruleId ?? '',
      ruleSource: rule?.ruleSource ?? 'Alerting',
      createdAt,
      createdAtUs,
      state,
      stateLastModifiedBy: input.stateLastModifiedBy ?? null,
      stateLastModifiedAt: input.stateLastModifiedAt ?? null,
      watchlists: input.watchlists ?? (actor ? this.watchlistRefsFor(actor.userUid) : []),
      observations: observations.map((o) => this.buildObservation(o, type)),
      note: input.note ? { id: this.ids.uuid(), lastModifiedAt: createdAt, lastModifiedBy: 'key-demo-client', message: input.note } : null,
    };
  }

  private buildObservation(input: ObservationInput, alertType: string): SimObservation {
    const type = input.type ?? observationTypeFor(alertType);
    return {
      id: `${this.ids.uuid()}-${type}`,
      observedAt: input.observedAt,
      type,
      data: typeof input.data === 'string' ? input.data : input.data ? JSON.stringify(input.data) : undefined,
      eventIds: input.eventIds,
    };
  }

  // ---- file events and files ----

  /** Adds events (each needs `@timestamp` and `event.id`), keeping them in timestamp order. */
  addFileEvents(docs: readonly FileEventDoc[]): SimFileEvent[] {
    const added = docs.map((doc) => {
      const timestampMs = Date.parse(doc['@timestamp']);
      if (Number.isNaN(timestampMs)) throw new Error(`File event @timestamp "${doc['@timestamp']}" is not a timestamp.`);
      if (this.eventsById.has(doc.event.id)) throw new Error(`A file event with id ${doc.event.id} already exists.`);
      const event: SimFileEvent = { id: doc.event.id, timestampMs, doc };
      this.eventsById.set(event.id, event);
      this.eventsSorted.push(event);
      return event;
    });
    this.eventsSorted.sort((a, b) => a.timestampMs - b.timestampMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return added;
  }

  fileEvent(eventId: string): SimFileEvent | undefined {
    return this.eventsById.get(eventId);
  }

  /** All file events, oldest first. */
  fileEvents(): readonly SimFileEvent[] {
    return this.eventsSorted;
  }

  addFile(file: SimFile): SimFile {
    this.filesBySha256.set(file.sha256.toLowerCase(), file);
    return file;
  }

  file(sha256: string): SimFile | undefined {
    return this.filesBySha256.get(sha256.toLowerCase());
  }

  files(): SimFile[] {
    return [...this.filesBySha256.values()];
  }

  // ---- legal hold ----

  addMatter(input: Partial<SimMatter> & { name: string; creatorUid: string }): SimMatter {
    const matter: SimMatter = {
      matterId: input.matterId ?? this.ids.digits(18),
      name: input.name,
      description: input.description ?? '',
      notes: input.notes ?? null,
      active: input.active ?? true,
      creationDate: input.creationDate ?? isoMs(this.now()),
      policyId: input.policyId ?? this.ids.digits(18),
      creatorUid: input.creatorUid,
      memberships: input.memberships ?? new Map(),
    };
    this.matters.push(matter);
    return matter;
  }

  matter(matterId: string): SimMatter | undefined {
    return this.matters.find((m) => m.matterId === matterId);
  }

  /** True when the user is an active custodian of an active matter (deactivation is refused). */
  isOnActiveHold(userUid: string): boolean {
    return this.matters.some((m) => m.active && m.memberships.get(userUid)?.active === true);
  }

  // ---- cases ----

  createCase(input: CaseInput): SimCase {
    const now = isoMicros(this.now() * 1000);
    const kase: SimCase = {
      number: this.cases.reduce((max, c) => Math.max(max, c.number), 0) + 1,
      name: input.name,
      subject: input.subject ?? null,
      assignee: input.assignee ?? null,
      description: input.description ?? null,
      findings: input.findings ?? null,
      status: 'OPEN',
      createdAt: now,
      updatedAt: now,
      createdBy: input.createdBy ?? 'key-demo-client',
      lastModifiedBy: input.createdBy ?? 'key-demo-client',
      eventIds: [],
    };
    this.cases.push(kase);
    return kase;
  }

  case(caseNumber: number): SimCase | undefined {
    return this.cases.find((c) => c.number === caseNumber);
  }

  closeCase(caseNumber: number): void {
    const kase = this.case(caseNumber);
    if (!kase) throw new Error(`No case number ${caseNumber}.`);
    kase.status = 'CLOSED';
    kase.updatedAt = isoMicros(this.now() * 1000);
  }
}
