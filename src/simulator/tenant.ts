// The in-memory Code42 tenant: the state every route reads and changes (a plain TenantData document, so it
// persists as JSON), lookup indexes over it, and the methods routes and tests use to change it. Every change
// goes through a method here, which tells the change listeners (persistence saves on each one).
import { EventFactory, EXFILTRATION_VECTORS, type Indicator, type Vector, VECTORS } from './events';
import { makeFile } from './files';
import type {
  FileEventDoc,
  SimActor,
  SimCase,
  SimFile,
  SimFileSpec,
  SimMatter,
  SimOrg,
  SimRule,
  SimSession,
  SimSessionState,
  SimUser,
  SimWatchlist,
  TenantData,
  WatchlistType,
} from './model';
import { SESSION_STATES } from './model';
import { RateLimiter, type RateLimit } from './rate-limit';
import { Random, hashString } from './random';
import { MS_PER_MINUTE, isoMs } from './time';

/** Session severity 0..4 of a score (inference: no source gives the bands; XS sample: score 5 -> 2). */
export function severityOfScore(score: number): number {
  if (score >= 9) return 4;
  if (score >= 7) return 3;
  if (score >= 4) return 2;
  if (score >= 1) return 1;
  return 0;
}
/** A score inside each severity band, for inputs that name only a severity. */
const SCORE_OF_SEVERITY = [0, 2, 5, 7, 9] as const;

export interface PersonInput {
  username: string;
  firstName?: string | null;
  lastName?: string | null;
  /** Defaults to the first org. */
  orgGuid?: string;
  userId?: string;
  legacyUserId?: string;
  /**
   * The actor id; by default it is the user id, as on tenants whose actors came from user ids. Newer tenants
   * give actors their own ids: pass `distinctActorId: true` (or an explicit actorId).
   */
  actorId?: string;
  distinctActorId?: boolean;
  active?: boolean;
  blocked?: boolean;
  notes?: string | null;
  creationDate?: string;
  title?: string | null;
  department?: string | null;
  division?: string | null;
  employeeType?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  actorNotes?: string | null;
  /** Other identities of the person (personal or cloud accounts): each becomes a child actor. */
  otherIdentities?: string[];
  roleIds?: string[];
}

export interface SessionInput {
  sessionId?: string;
  /** The actor; or `username` (of a user or an actor). Defaults to the first active actor with a user. */
  actorId?: string;
  username?: string;
  /** Epoch ms; defaults to the simulator clock. */
  beginTime?: number;
  endTime?: number;
  /** When the first alert landed; defaults to beginTime. Later than beginTime models a late first alert. */
  firstObserved?: number;
  /** 0..4; or give `score`. Defaults to 2 (MODERATE). */
  severity?: number;
  score?: number;
  /** A state other than OPEN is entered 30 minutes after firstObserved (never after the clock). */
  state?: string;
  ruleIds?: string[];
  ruleNames?: string[];
  exfiltrationSummary?: string | null;
  contextSummary?: string | null;
  /** Number of file events to attach (default 2); they fall between beginTime and endTime. */
  events?: number;
  /** Default true; false makes a session without triggered alerts. */
  hasAlerts?: boolean;
  type?: string;
  contentInspection?: { status: 'PENDING' | 'FOUND' | 'NOT_FOUND'; detectedOnAlerts?: string[] };
  notes?: string[];
}

export interface SessionDataInput {
  /** New file events (default 1). */
  events?: number;
  /** A new score entry. */
  score?: number;
  severity?: number;
  /** Epoch ms of the new activity; defaults to the clock. */
  at?: number;
}

export interface RuleInput {
  name: string;
  description?: string;
  isEnabled?: boolean;
  isSystemRule?: boolean;
  source?: string;
  severity?: string;
  watchlistIds?: string[];
  users?: { userIdFromAuthority: string; aliases: string[] }[] | null;
  riskIndicators?: string[];
  createdBy?: string;
  createdAt?: string;
}

export interface CaseInput {
  name: string;
  subject?: string | null;
  assignee?: string | null;
  description?: string | null;
  findings?: string | null;
  createdBy?: string;
}

/** A failed tenant operation; routes turn it into the status given. */
export class TenantError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

interface Device {
  deviceUid: string;
  hostname: string;
  os: string;
  ip: string;
  privateIp: string;
}

function emptyIndex() {
  return {
    users: new Map<string, SimUser>(),
    usernames: new Map<string, SimUser>(),
    actors: new Map<string, SimActor>(),
    actorNames: new Map<string, SimActor>(),
    sessions: new Map<string, SimSession>(),
    fileEvents: new Map<string, FileEventDoc>(),
    fileEventTimes: new Map<string, number>(),
    files: new Map<string, SimFile>(),
    xfc: new Map<string, SimFile>(),
    fileList: [] as SimFile[],
  };
}

const DEPARTING_INDICATOR: Indicator = { id: 'departing-employee', name: 'Departing employee', weight: 3 };
const OSES = ['Windows 11', 'Mac OS X', 'Linux', 'Windows 10'] as const;

export class Tenant {
  readonly clock: () => number;
  /** Requests per window (off by default); the HTTP pipeline asks it before every API request. */
  readonly limiter = new RateLimiter();
  private readonly listeners: (() => void)[] = [];
  private state!: TenantData;
  private ids!: Random;
  private events!: EventFactory;
  private index!: ReturnType<typeof emptyIndex>;
  /** Sessions sorted by a key, rebuilt after a change (see `sessionsBy`). */
  private sessionOrder: { key: string; version: number; sessions: SimSession[] } | undefined;
  private readonly devices = new Map<string, Device>();
  private version = 0;
  private eventsSorted = true;

  constructor(data: TenantData, clock: () => number) {
    this.clock = clock;
    this.replaceData(data);
  }

  /** The whole tenant as one JSON-serialisable document (what persistence saves). */
  get data(): TenantData {
    return this.state;
  }

  /**
   * Takes over another copy of the tenant (persistence: what another process saved), keeping this object, its
   * listeners and its rate limit; indexes and caches are rebuilt. Listeners are not told: nothing changed here.
   */
  replaceData(data: TenantData): void {
    this.state = data;
    this.ids = new Random(data.idState);
    this.index = emptyIndex();
    this.devices.clear();
    this.sessionOrder = undefined;
    this.version++;
    for (const user of data.users) this.indexUser(user);
    for (const actor of data.actors) this.indexActor(actor);
    for (const session of data.sessions) this.index.sessions.set(session.sessionId, session);
    for (const doc of data.fileEvents) this.indexEvent(doc);
    this.eventsSorted = false;
    this.sortEvents();
    for (const spec of data.files) this.indexFile(spec);
    this.events = new EventFactory({
      extraIndicators: (actor) => (this.isDeparting(actor) ? [DEPARTING_INDICATOR] : []),
      device: (actor) => this.deviceOf(actor),
    });
  }

  // ---- identity, clock, ids, change notification ----

  get tenantId(): string {
    return this.data.tenantId;
  }
  get customerName(): string {
    return this.data.customerName;
  }
  get registrationKey(): string {
    return this.data.registrationKey;
  }

  now(): number {
    return this.clock();
  }

  /** A deterministic UUID for a new record. */
  uuid(): string {
    return this.take(() => this.ids.uuid());
  }
  digits(length: number): string {
    return this.take(() => this.ids.digits(length));
  }
  /** A Random seeded from the id generator, for generating content. */
  random(): Random {
    return new Random(this.take(() => this.ids.int(2 ** 31)));
  }
  private take<T>(make: () => T): T {
    const value = make();
    this.data.idState = this.ids.position;
    return value;
  }

  /** Called after every change (persistence saves the tenant). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
  /** Marks a change made through a method of this class; callers outside it never need this. */
  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  setRateLimit(limit: RateLimit | undefined): void {
    this.limiter.configure(limit);
  }

  // ---- read access (the arrays are the tenant's own: do not change them directly) ----

  get orgs(): readonly SimOrg[] {
    return this.data.orgs;
  }
  get users(): readonly SimUser[] {
    return this.data.users;
  }
  get actors(): readonly SimActor[] {
    return this.data.actors;
  }
  get watchlists(): readonly SimWatchlist[] {
    return this.data.watchlists;
  }
  get rules(): readonly SimRule[] {
    return this.data.rules;
  }
  get sessions(): readonly SimSession[] {
    return this.data.sessions;
  }
  get matters(): readonly SimMatter[] {
    return this.data.matters;
  }
  get cases(): readonly SimCase[] {
    return this.data.cases;
  }
  /** All file events, oldest first. */
  get fileEvents(): readonly FileEventDoc[] {
    this.sortEvents();
    return this.data.fileEvents;
  }
  get files(): readonly SimFile[] {
    return this.index.fileList;
  }

  // ---- orgs, roles, users, actors ----

  addOrg(input: Partial<SimOrg> & { orgName: string }): SimOrg {
    const created = input.creationDate ?? isoMs(this.now());
    const org: SimOrg = {
      orgGuid: input.orgGuid ?? this.uuid(),
      legacyOrgId: input.legacyOrgId ?? String(4200 + this.data.orgs.length),
      orgName: input.orgName,
      orgExtRef: input.orgExtRef ?? null,
      notes: input.notes ?? null,
      parentOrgGuid: input.parentOrgGuid ?? null,
      active: input.active ?? true,
      creationDate: created,
      modificationDate: input.modificationDate ?? created,
      deactivationDate: input.deactivationDate ?? null,
      registrationKey: input.registrationKey ?? this.data.registrationKey,
    };
    this.data.orgs.push(org);
    this.changed();
    return org;
  }

  org(orgGuid: string): SimOrg | undefined {
    return this.data.orgs.find((o) => o.orgGuid === orgGuid);
  }

  /** Adds a user and the actor for them (plus a child actor per other identity). */
  addPerson(input: PersonInput): { user: SimUser; actor: SimActor } {
    const username = input.username.toLowerCase();
    if (this.index.usernames.has(username)) throw new TenantError(400, `A user named ${input.username} already exists.`);
    const created = input.creationDate ?? isoMs(this.now());
    const user: SimUser = {
      userId: input.userId ?? this.digits(18),
      legacyUserId: input.legacyUserId ?? String(100_000 + this.data.users.length + 1),
      username,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      orgGuid: input.orgGuid ?? this.data.orgs[0]?.orgGuid ?? '',
      notes: input.notes ?? null,
      active: input.active ?? true,
      blocked: input.blocked ?? false,
      creationDate: created,
      modificationDate: created,
      roleIds: input.roleIds ?? [],
    };
    this.data.users.push(user);
    this.indexUser(user);
    const actorId = input.actorId ?? (input.distinctActorId ? this.uuid() : user.userId);
    const identities = input.otherIdentities ?? [];
    const actor = this.addActor({
      actorId,
      name: username,
      active: user.active,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      notes: input.actorNotes ?? null,
      alternateNames: identities.map((n) => n.toLowerCase()),
      firstName: user.firstName,
      lastName: user.lastName,
      title: input.title ?? null,
      division: input.division ?? null,
      department: input.department ?? null,
      employeeType: input.employeeType ?? null,
      userId: user.userId,
    });
    for (const identity of identities) this.addActor({ name: identity, parentActorId: actor.actorId, userId: user.userId, firstName: user.firstName, lastName: user.lastName, active: user.active });
    return { user, actor };
  }

  addActor(input: Partial<SimActor> & { name: string }): SimActor {
    const name = input.name.toLowerCase();
    if (this.index.actorNames.has(name)) throw new TenantError(400, `An actor named ${input.name} already exists.`);
    const actor: SimActor = {
      actorId: input.actorId ?? this.uuid(),
      name,
      active: input.active ?? true,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      notes: input.notes ?? null,
      alternateNames: input.alternateNames ?? [],
      inScope: input.inScope ?? true,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      title: input.title ?? null,
      division: input.division ?? null,
      department: input.department ?? null,
      employeeType: input.employeeType ?? null,
      locality: input.locality ?? 'Minneapolis',
      region: input.region ?? 'Minnesota',
      country: input.country ?? 'US',
      managerActorId: input.managerActorId ?? null,
      parentActorId: input.parentActorId ?? null,
      userId: input.userId ?? null,
    };
    if (this.index.actors.has(actor.actorId)) throw new TenantError(400, `An actor with id ${actor.actorId} already exists.`);
    this.data.actors.push(actor);
    this.indexActor(actor);
    this.changed();
    return actor;
  }

  user(userId: string): SimUser | undefined {
    return this.index.users.get(userId);
  }
  /** Case-insensitive, as Code42 usernames are. */
  userByUsername(username: string): SimUser | undefined {
    return this.index.usernames.get(username.toLowerCase());
  }
  actor(actorId: string): SimActor | undefined {
    return this.index.actors.get(actorId);
  }
  actorByName(name: string): SimActor | undefined {
    return this.index.actorNames.get(name.toLowerCase());
  }
  /** The parent of a child actor, else the actor itself. */
  parentOf(actor: SimActor): SimActor {
    return (actor.parentActorId && this.actor(actor.parentActorId)) || actor;
  }
  childrenOf(actor: SimActor): SimActor[] {
    return this.data.actors.filter((a) => a.parentActorId === actor.actorId);
  }
  /** The person's own (parent) actor for a user. */
  actorOfUser(userId: string): SimActor | undefined {
    return this.data.actors.find((a) => a.userId === userId && a.parentActorId === null);
  }

  setUserActive(userId: string, active: boolean): SimUser {
    const user = this.user(userId);
    if (!user) throw new TenantError(404, `No user with id ${userId}.`);
    user.active = active;
    user.modificationDate = isoMs(this.now());
    for (const actor of this.data.actors) if (actor.userId === userId) actor.active = active;
    this.changed();
    return user;
  }

  /** Applies the keys present; null clears. Dates must be "YYYY-MM-DD" (checked by the route). */
  updateActor(actorId: string, patch: Partial<Pick<SimActor, 'notes' | 'startDate' | 'endDate'>>): SimActor {
    const actor = this.actor(actorId);
    if (!actor) throw new TenantError(404, `No actor with id ${actorId}.`);
    Object.assign(actor, patch);
    this.changed();
    return actor;
  }

  private deviceOf(actor: SimActor): Device {
    let device = this.devices.get(actor.actorId);
    if (!device) {
      device = this.makeDevice(actor);
      this.devices.set(actor.actorId, device);
    }
    return device;
  }

  /** The person's endpoint, derived from their (parent) actor id so it survives a reload unchanged. */
  private makeDevice(actor: SimActor): Device {
    const owner = this.parentOf(actor);
    const h = hashString(owner.actorId);
    const os = OSES[h % OSES.length];
    const kind = os.startsWith('Windows') ? 'PC' : os === 'Linux' ? 'WS' : 'MBP';
    return {
      deviceUid: String(100_000_000_000_000_000n + BigInt(h) * 1_000_003n),
      hostname: `${(owner.firstName ?? owner.name.split('@')[0]).toUpperCase()}-${kind}`,
      os,
      ip: `203.0.113.${h % 250}`,
      privateIp: `10.0.${(h >>> 8) % 250}.${(h >>> 16) % 250}`,
    };
  }

  private isDeparting(actor: SimActor): boolean {
    const parent = this.parentOf(actor);
    return parent.endDate !== null || this.data.watchlists.some((w) => w.listType === 'DEPARTING_EMPLOYEE' && this.isMember(w, parent));
  }

  private indexUser(user: SimUser): void {
    this.index.users.set(user.userId, user);
    this.index.usernames.set(user.username.toLowerCase(), user);
  }
  private indexActor(actor: SimActor): void {
    this.index.actors.set(actor.actorId, actor);
    this.index.actorNames.set(actor.name.toLowerCase(), actor);
  }

  // ---- watchlists ----

  addWatchlist(input: { listType: WatchlistType; title?: string | null; description?: string | null; watchlistId?: string }): SimWatchlist {
    if (input.listType !== 'CUSTOM' && this.data.watchlists.some((w) => w.listType === input.listType)) {
      throw new TenantError(400, `A ${input.listType} watchlist already exists; only CUSTOM watchlists may repeat.`);
    }
    if (input.listType === 'CUSTOM' && !input.title) throw new TenantError(400, 'A CUSTOM watchlist needs a title.');
    const watchlist: SimWatchlist = {
      watchlistId: input.watchlistId ?? this.uuid(),
      listType: input.listType,
      title: input.title ?? null,
      description: input.description ?? null,
      includedActors: [],
      excludedActors: [],
      includedDepartments: [],
    };
    this.data.watchlists.push(watchlist);
    this.changed();
    return watchlist;
  }

  watchlist(watchlistId: string): SimWatchlist | undefined {
    return this.data.watchlists.find((w) => w.watchlistId === watchlistId);
  }

  /** Adds (or removes) actors to the included or excluded list; unknown actor ids are refused, none applied. */
  changeWatchlistActors(watchlistId: string, list: 'includedActors' | 'excludedActors', actorIds: readonly string[], add: boolean, at = this.now()): void {
    const watchlist = this.watchlist(watchlistId);
    if (!watchlist) throw new TenantError(404, `No watchlist with id ${watchlistId}.`);
    const unknown = actorIds.filter((id) => !this.actor(id));
    if (unknown.length > 0) throw new TenantError(400, `Unknown actor ids: ${unknown.join(', ')}.`);
    const entries = watchlist[list];
    for (const actorId of actorIds) {
      const index = entries.findIndex((e) => e.actorId === actorId);
      if (add && index < 0) entries.push({ actorId, addedTime: isoMs(at) });
      if (!add && index >= 0) entries.splice(index, 1);
    }
    this.changed();
  }

  changeWatchlistDepartments(watchlistId: string, names: readonly string[], add: boolean): void {
    const watchlist = this.watchlist(watchlistId);
    if (!watchlist) throw new TenantError(404, `No watchlist with id ${watchlistId}.`);
    for (const name of names) {
      const index = watchlist.includedDepartments.findIndex((d) => d.name === name);
      if (add && index < 0) watchlist.includedDepartments.push({ name, addedTime: isoMs(this.now()) });
      if (!add && index >= 0) watchlist.includedDepartments.splice(index, 1);
    }
    this.changed();
  }

  /** Everyone on the watchlist: included actors, then actors of included departments, minus excluded ones. */
  members(watchlist: SimWatchlist): { actorId: string; addedTime: string }[] {
    const excluded = new Set(watchlist.excludedActors.map((e) => e.actorId));
    const out = new Map<string, string>();
    for (const entry of watchlist.includedActors) if (!excluded.has(entry.actorId)) out.set(entry.actorId, entry.addedTime);
    for (const department of watchlist.includedDepartments) {
      for (const actor of this.data.actors) {
        if (actor.parentActorId === null && actor.department === department.name && !excluded.has(actor.actorId) && !out.has(actor.actorId)) out.set(actor.actorId, department.addedTime);
      }
    }
    return [...out.entries()].map(([actorId, addedTime]) => ({ actorId, addedTime }));
  }

  isMember(watchlist: SimWatchlist, actor: SimActor): boolean {
    if (watchlist.excludedActors.some((e) => e.actorId === actor.actorId)) return false;
    return watchlist.includedActors.some((e) => e.actorId === actor.actorId) || (actor.parentActorId === null && watchlist.includedDepartments.some((d) => d.name === actor.department));
  }

  /** Watchlists the actor (or, for a child actor, its parent) is a member of. */
  watchlistsOf(actor: SimActor): SimWatchlist[] {
    const parent = this.parentOf(actor);
    return this.data.watchlists.filter((w) => this.isMember(w, parent));
  }

  // ---- alert rules ----

  addRule(input: RuleInput): SimRule {
    const created = input.createdAt ?? isoMs(this.now());
    const rule: SimRule = {
      id: this.uuid(),
      name: input.name,
      description: input.description ?? '',
      isEnabled: input.isEnabled ?? true,
      isSystemRule: input.isSystemRule ?? false,
      source: input.source ?? 'Alerting',
      severity: input.severity ?? 'HIGH',
      createdAt: created,
      createdBy: input.createdBy ?? 'Code42',
      modifiedAt: created,
      modifiedBy: input.createdBy ?? 'Code42',
      watchlistIds: input.watchlistIds ?? [],
      users: input.users ?? null,
      riskIndicators: input.riskIndicators ?? [],
      extra: {},
    };
    this.data.rules.push(rule);
    this.changed();
    return rule;
  }

  rule(ruleId: string): SimRule | undefined {
    return this.data.rules.find((r) => r.id === ruleId);
  }

  private ruleWithUsers(ruleId: string): SimRule & { users: NonNullable<SimRule['users']> } {
    const rule = this.rule(ruleId);
    if (!rule) throw new TenantError(404, `No alert rule with id ${ruleId}.`);
    if (rule.users === null) throw new TenantError(400, `Alert rule ${ruleId} has no username filter; its users cannot be read or changed.`);
    return rule as SimRule & { users: NonNullable<SimRule['users']> };
  }

  ruleUsers(ruleId: string): NonNullable<SimRule['users']> {
    return this.ruleWithUsers(ruleId).users;
  }

  /** Adds users (or aliases of users already on the rule). */
  addRuleUsers(ruleId: string, users: readonly { userIdFromAuthority: string; aliases: string[] }[]): void {
    const rule = this.ruleWithUsers(ruleId);
    for (const input of users) {
      const existing = rule.users.find((u) => u.userIdFromAuthority === input.userIdFromAuthority);
      if (existing) existing.aliases = [...new Set([...existing.aliases, ...input.aliases])];
      else rule.users.push({ userIdFromAuthority: input.userIdFromAuthority, aliases: [...new Set(input.aliases)] });
    }
    this.touchRule(rule);
  }

  /** Removes the users named; `undefined` removes everyone (the filter stays, empty). */
  removeRuleUsers(ruleId: string, userIds?: readonly string[]): void {
    const rule = this.ruleWithUsers(ruleId);
    rule.users = userIds === undefined ? [] : rule.users.filter((u) => !userIds.includes(u.userIdFromAuthority));
    this.touchRule(rule);
  }

  setRuleEnabled(ruleId: string, enabled: boolean): void {
    const rule = this.rule(ruleId);
    if (!rule) throw new TenantError(404, `No alert rule with id ${ruleId}.`);
    rule.isEnabled = enabled;
    this.touchRule(rule);
  }

  private touchRule(rule: SimRule): void {
    rule.modifiedAt = isoMs(this.now());
    rule.modifiedBy = 'key-demo-client';
    this.changed();
  }

  // ---- sessions ----

  session(sessionId: string): SimSession | undefined {
    return this.index.sessions.get(sessionId);
  }

  /**
   * Whether Code42 has observed the session yet: a session exists for the API from its firstObserved on, so a
   * session added with a firstObserved later than the clock lands when the clock gets there.
   */
  isObserved(session: SimSession): boolean {
    return session.firstObserved <= this.now();
  }

  /** The latest state entry's value. */
  stateOf(session: SimSession): string {
    return session.states[session.states.length - 1]?.stateV2 ?? 'OPEN';
  }
  /** The highest severity of the session's scores (as XS reads it). */
  severityOf(session: SimSession): number {
    return session.scores.reduce((max, s) => Math.max(max, s.severity), 0);
  }
  /** The latest score. */
  scoreOf(session: SimSession): number {
    return session.scores[session.scores.length - 1]?.score ?? 0;
  }
  sessionEvents(session: SimSession): FileEventDoc[] {
    return session.eventIds.map((id) => this.index.fileEvents.get(id)).filter((e): e is FileEventDoc => e !== undefined);
  }

  /** Adds one session; see SessionInput for the defaults. */
  addSession(input: SessionInput = {}): SimSession {
    const [session, docs] = this.buildSession(input, this.random());
    this.insertEvents(docs);
    this.data.sessions.push(session);
    this.index.sessions.set(session.sessionId, session);
    this.changed();
    return session;
  }

  /** Bulk form of addSession for generators: one change notification, one event sort. */
  addSessions(inputs: readonly SessionInput[]): SimSession[] {
    const rng = this.random();
    const built = inputs.map((input) => this.buildSession(input, rng));
    for (const [session, docs] of built) {
      for (const doc of docs) this.indexEvent(doc);
      this.data.fileEvents.push(...docs);
      this.data.sessions.push(session);
      this.index.sessions.set(session.sessionId, session);
    }
    this.eventsSorted = false;
    this.changed();
    return built.map(([session]) => session);
  }

  private resolveSessionActor(input: SessionInput): SimActor {
    if (input.actorId !== undefined) {
      const actor = this.actor(input.actorId);
      if (!actor) throw new TenantError(400, `No actor with id ${input.actorId}.`);
      return actor;
    }
    if (input.username !== undefined) {
      const user = this.userByUsername(input.username);
      const actor = user ? this.actorOfUser(user.userId) : this.actorByName(input.username);
      if (!actor) throw new TenantError(400, `No user or actor named ${input.username}.`);
      return actor;
    }
    const actor = this.data.actors.find((a) => a.active && a.userId !== null && a.parentActorId === null);
    if (!actor) throw new TenantError(400, 'The tenant has no active actor to attribute a session to.');
    return actor;
  }

  private resolveRules(input: SessionInput, actor: SimActor): SimRule[] {
    if (input.hasAlerts === false) return [];
    const named = [
      ...(input.ruleIds ?? []).map((id) => this.rule(id) ?? fail(`No alert rule with id ${id}.`)),
      ...(input.ruleNames ?? []).map((name) => this.data.rules.find((r) => r.name === name) ?? fail(`No alert rule named ${name}.`)),
    ];
    if (named.length > 0) return named;
    const lists = new Set(this.watchlistsOf(actor).map((w) => w.watchlistId));
    const enabled = this.data.rules.filter((r) => r.isEnabled);
    const targeting = enabled.find((r) => r.watchlistIds.some((id) => lists.has(id)));
    const fallback = targeting ?? enabled[0] ?? this.data.rules[0];
    if (!fallback) throw new TenantError(400, 'The tenant has no alert rule to trigger; pass hasAlerts: false or add a rule.');
    return [fallback];
  }

  private buildSession(input: SessionInput, rng: Random): [SimSession, FileEventDoc[]] {
    const actor = this.resolveSessionActor(input);
    const beginTime = input.beginTime ?? this.now();
    const firstObserved = input.firstObserved ?? beginTime;
    if (firstObserved < beginTime) throw new TenantError(400, 'firstObserved cannot be earlier than beginTime.');
    const endTime = input.endTime ?? beginTime + Math.min(2 * MS_PER_MINUTE, firstObserved - beginTime);
    if (endTime < beginTime) throw new TenantError(400, 'endTime cannot be earlier than beginTime.');
    if (input.severity !== undefined && (!Number.isInteger(input.severity) || input.severity < 0 || input.severity > 4)) throw new TenantError(400, 'severity must be an integer from 0 to 4.');
    if (input.state !== undefined && !(SESSION_STATES as readonly string[]).includes(input.state)) throw new TenantError(400, `state must be one of ${SESSION_STATES.join(', ')}.`);
    const score = input.score ?? SCORE_OF_SEVERITY[input.severity ?? 2];
    const severity = input.score !== undefined ? severityOfScore(input.score) : (input.severity ?? 2);
    const rules = this.resolveRules(input, actor);
    const count = input.events ?? 2;
    const vector = rng.pick(EXFILTRATION_VECTORS);
    const docs = Array.from({ length: count }, (_, i) => this.buildEvent(rng, actor, beginTime + Math.floor(((endTime - beginTime) * i) / Math.max(1, count - 1)), i === 0 ? vector : rng.pick(VECTORS)));
    const states: SimSessionState[] = [{ state: 'OPEN', stateV2: 'OPEN', sourceTimestamp: firstObserved, userId: null }];
    let lastUpdated = firstObserved;
    if (input.state !== undefined && input.state !== 'OPEN') {
      lastUpdated = Math.max(firstObserved, Math.min(this.now(), firstObserved + 30 * MS_PER_MINUTE));
      states.push({ state: input.state, stateV2: input.state, sourceTimestamp: lastUpdated, userId: null });
    }
    const session: SimSession = {
      sessionId: input.sessionId ?? this.uuid(),
      actorId: actor.actorId,
      userId: actor.userId,
      type: input.type ?? 'STANDARD',
      beginTime,
      endTime,
      firstObserved,
      lastUpdated,
      notes: (input.notes ?? []).map((content) => ({ id: rng.uuid(), content, sourceTimestamp: lastUpdated, userId: null })),
      scores: [{ score, severity, sourceTimestamp: firstObserved }],
      states,
      triggeredAlerts: rules.map((rule) => ({ alertId: rng.uuid(), ruleId: rule.id, lessonId: null, ruleName: rule.name })),
      exfiltrationSummary: input.exfiltrationSummary !== undefined ? input.exfiltrationSummary : summarize(docs),
      contextSummary: input.contextSummary !== undefined ? input.contextSummary : this.contextOf(actor),
      contentInspectionStatus: input.contentInspection?.status ?? null,
      detectedOnAlerts: input.contentInspection?.detectedOnAlerts ?? [],
      eventIds: docs.map((d) => d.event.id),
    };
    return [session, docs];
  }

  private contextOf(actor: SimActor): string {
    const lists = this.watchlistsOf(actor).map((w) => w.title ?? w.listType);
    return lists.length > 0 ? `Actor is on the watchlists: ${lists.join(', ')}.` : '';
  }

  /** A file event of the actor at `at` (not added to the tenant: see addFileEvents). */
  buildEvent(rng: Random, actor: SimActor, at: number, vector: Vector): FileEventDoc {
    const files = this.files;
    if (files.length === 0) throw new TenantError(400, 'The tenant has no files for file events.');
    return this.events.build(rng, actor, rng.pick(files), at, vector);
  }

  /**
   * New activity in a session: events at `at`, an optional new score; endTime and lastUpdated move to `at`.
   * A session someone already changed the state of (anything but OPEN) reopens as OPEN_NEW_DATA.
   */
  addSessionData(sessionId: string, input: SessionDataInput = {}): SimSession {
    const session = this.session(sessionId);
    if (!session) throw new TenantError(404, `No session with id ${sessionId}.`);
    const at = input.at ?? this.now();
    const rng = this.random();
    const actor = this.actor(session.actorId) ?? fail(`The actor ${session.actorId} of session ${sessionId} is gone.`);
    const docs = Array.from({ length: input.events ?? 1 }, () => this.buildEvent(rng, actor, at, rng.pick(EXFILTRATION_VECTORS)));
    this.insertEvents(docs);
    session.eventIds.push(...docs.map((d) => d.event.id));
    if (input.score !== undefined || input.severity !== undefined) {
      const score = input.score ?? SCORE_OF_SEVERITY[input.severity ?? 0];
      session.scores.push({ score, severity: input.score !== undefined ? severityOfScore(input.score) : (input.severity ?? 0), sourceTimestamp: at });
    }
    session.endTime = Math.max(session.endTime, at);
    session.lastUpdated = Math.max(session.lastUpdated, at);
    const state = this.stateOf(session);
    if (state !== 'OPEN' && state !== 'OPEN_NEW_DATA') session.states.push({ state: 'OPEN_NEW_DATA', stateV2: 'OPEN_NEW_DATA', sourceTimestamp: at, userId: null });
    this.changed();
    return session;
  }

  /** Unknown ids fail the whole change (nothing is applied). */
  changeSessionStates(sessionIds: readonly string[], newState: string, userId: string | null): void {
    const sessions = sessionIds.map((id) => this.session(id));
    const unknown = sessionIds.filter((_, i) => sessions[i] === undefined);
    if (unknown.length > 0) throw new TenantError(404, `No session with id ${unknown.join(', ')}.`);
    const now = this.now();
    for (const session of sessions as SimSession[]) {
      session.states.push({ state: newState, stateV2: newState, sourceTimestamp: now, userId });
      session.lastUpdated = Math.max(session.lastUpdated, now);
    }
    this.changed();
  }

  addSessionNote(sessionId: string, content: string, userId: string | null): void {
    const session = this.session(sessionId);
    if (!session) throw new TenantError(404, `No session with id ${sessionId}.`);
    const now = this.now();
    session.notes.push({ id: this.uuid(), content, sourceTimestamp: now, userId });
    session.lastUpdated = Math.max(session.lastUpdated, now);
    this.changed();
  }

  /** Sessions sorted by `compare`, cached until the next change (queries page through large tenants). */
  sessionsBy(key: string, compare: (a: SimSession, b: SimSession) => number): readonly SimSession[] {
    if (this.sessionOrder?.key !== key || this.sessionOrder.version !== this.version) {
      this.sessionOrder = { key, version: this.version, sessions: [...this.data.sessions].sort(compare) };
    }
    return this.sessionOrder.sessions;
  }

  // ---- file events and files ----

  fileEvent(eventId: string): FileEventDoc | undefined {
    return this.index.fileEvents.get(eventId);
  }

  /** Adds file events (each needs `@timestamp` and `event.id`). */
  addFileEvents(docs: readonly FileEventDoc[]): void {
    for (const doc of docs) {
      if (Number.isNaN(Date.parse(doc['@timestamp']))) throw new TenantError(400, `File event @timestamp "${doc['@timestamp']}" is not a timestamp.`);
      if (this.index.fileEvents.has(doc.event.id)) throw new TenantError(400, `A file event with id ${doc.event.id} already exists.`);
    }
    this.insertEvents(docs);
    this.changed();
  }

  private insertEvents(docs: readonly FileEventDoc[]): void {
    for (const doc of docs) this.indexEvent(doc);
    this.data.fileEvents.push(...docs);
    this.eventsSorted = false;
  }

  private indexEvent(doc: FileEventDoc): void {
    this.index.fileEvents.set(doc.event.id, doc);
    this.index.fileEventTimes.set(doc.event.id, Date.parse(doc['@timestamp']));
  }

  private sortEvents(): void {
    if (this.eventsSorted) return;
    const time = this.index.fileEventTimes;
    this.data.fileEvents.sort((a, b) => (time.get(a.event.id) ?? 0) - (time.get(b.event.id) ?? 0) || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
    this.eventsSorted = true;
  }

  addFile(spec: Omit<SimFileSpec, 'xfcContentId'> & { xfcContentId?: string }): SimFile {
    const full: SimFileSpec = { ...spec, xfcContentId: spec.xfcContentId ?? this.uuid() };
    this.data.files.push(full);
    const file = this.indexFile(full);
    this.changed();
    return file;
  }

  private indexFile(spec: SimFileSpec): SimFile {
    const file = makeFile(spec, this.data.seed);
    this.index.files.set(file.sha256, file);
    this.index.xfc.set(file.xfcContentId, file);
    this.index.fileList.push(file);
    return file;
  }

  file(sha256: string): SimFile | undefined {
    return this.index.files.get(sha256.toLowerCase());
  }
  fileByXfcContentId(id: string): SimFile | undefined {
    return this.index.xfc.get(id);
  }

  // ---- legal hold ----

  addMatter(input: Partial<Omit<SimMatter, 'memberships'>> & { name: string; creatorUserId: string; custodians?: string[] }): SimMatter {
    const created = input.creationDate ?? isoMs(this.now());
    const matter: SimMatter = {
      matterId: input.matterId ?? this.digits(18),
      name: input.name,
      description: input.description ?? '',
      notes: input.notes ?? null,
      active: input.active ?? true,
      creationDate: created,
      policyId: input.policyId ?? this.digits(18),
      creatorUserId: input.creatorUserId,
      memberships: (input.custodians ?? []).map((userId) => ({ userId, active: true, creationDate: created })),
    };
    this.data.matters.push(matter);
    this.changed();
    return matter;
  }

  matter(matterId: string): SimMatter | undefined {
    return this.data.matters.find((m) => m.matterId === matterId);
  }

  addCustodian(matterId: string, userId: string): { matter: SimMatter; membership: SimMatter['memberships'][number] } {
    const matter = this.matter(matterId);
    if (!matter) throw new TenantError(404, `No legal-hold matter with id ${matterId}.`);
    if (!this.user(userId)) throw new TenantError(400, `No user with id ${userId}.`);
    const existing = matter.memberships.find((m) => m.userId === userId);
    if (existing?.active) throw new TenantError(400, `USER_ALREADY_IN_HOLD: user ${userId} is already a custodian of matter ${matterId}.`);
    // A former custodian's membership becomes active again, with a new creation date.
    const membership = existing ?? { userId, active: true, creationDate: '' };
    if (!existing) matter.memberships.push(membership);
    membership.active = true;
    membership.creationDate = isoMs(this.now());
    this.changed();
    return { matter, membership };
  }

  removeCustodian(matterId: string, userId: string): void {
    const matter = this.matter(matterId);
    if (!matter) throw new TenantError(404, `No legal-hold matter with id ${matterId}.`);
    const membership = matter.memberships.find((m) => m.userId === userId && m.active);
    if (!membership) throw new TenantError(400, `USER_NOT_IN_HOLD: user ${userId} is not an active custodian of matter ${matterId}.`);
    membership.active = false;
    this.changed();
  }

  // ---- cases ----

  createCase(input: CaseInput): SimCase {
    const now = isoMs(this.now());
    const kase: SimCase = {
      number: this.data.cases.reduce((max, c) => Math.max(max, c.number), 0) + 1,
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
    this.data.cases.push(kase);
    this.changed();
    return kase;
  }

  case(caseNumber: number): SimCase | undefined {
    return this.data.cases.find((c) => c.number === caseNumber);
  }

  updateCase(caseNumber: number, patch: Partial<Pick<SimCase, 'name' | 'subject' | 'assignee' | 'description' | 'findings' | 'status'>>, by: string): SimCase {
    const kase = this.case(caseNumber);
    if (!kase) throw new TenantError(404, `No case number ${caseNumber}.`);
    Object.assign(kase, patch);
    kase.updatedAt = isoMs(this.now());
    kase.lastModifiedBy = by;
    this.changed();
    return kase;
  }

  deleteCase(caseNumber: number): void {
    const at = this.data.cases.findIndex((c) => c.number === caseNumber);
    if (at < 0) throw new TenantError(404, `No case number ${caseNumber}.`);
    this.data.cases.splice(at, 1);
    this.changed();
  }

  /** Adds events to an open case; nothing is added when one id is unknown or already there. */
  addCaseEvents(caseNumber: number, eventIds: readonly string[]): void {
    const kase = this.case(caseNumber);
    if (!kase) throw new TenantError(404, `No case number ${caseNumber}.`);
    if (kase.status !== 'OPEN') throw new TenantError(400, 'CASE_IS_CLOSED');
    if (eventIds.some((id) => kase.eventIds.includes(id))) throw new TenantError(400, 'CASE_ALREADY_HAS_EVENT');
    const unknown = eventIds.find((id) => !this.fileEvent(id));
    if (unknown) throw new TenantError(400, `INVALID_EVENT_ID: no file event ${unknown}.`);
    kase.eventIds.push(...new Set(eventIds));
    kase.updatedAt = isoMs(this.now());
    this.changed();
  }

  removeCaseEvent(caseNumber: number, eventId: string): void {
    const kase = this.case(caseNumber);
    if (!kase) throw new TenantError(404, `No case number ${caseNumber}.`);
    const at = kase.eventIds.indexOf(eventId);
    if (at < 0) throw new TenantError(404, `Case ${caseNumber} has no file event ${eventId}.`);
    kase.eventIds.splice(at, 1);
    this.changed();
  }
}

function fail(message: string): never {
  throw new TenantError(400, message);
}

/** "3 file(s) copied to removable media" from the session's exfiltration events (XS sample wording). */
function summarize(docs: readonly FileEventDoc[]): string | null {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const vector = VECTORS.find((v) => v.action === doc.event.action);
    if (vector?.summary) counts.set(vector.summary, (counts.get(vector.summary) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  return [...counts.entries()].map(([summary, n]) => `${n} file(s) ${summary}`).join('; ');
}
