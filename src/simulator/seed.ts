// The deterministic demo tenant (same seed + same clock => same tenant): Example Corp, 12 people at
// example.com in 6 orgs.
// - Actor ids: bob, carol, dave and mallory have an actor id (a UUID) that differs from their user id, as on
//   newer tenants; everyone else's actor id is their user id. bob and dave have a child actor each (a personal
//   address: bob.builder@gmail.com, dave.dev@protonmail.com), listed in the parent's alternateNames.
// - Watchlists: one of every type, plus CUSTOM "High Risk Employees" (dave, erin, mallory), "Project Falcon"
//   (dave, erin, oscar) and "Finance Close" (department Finance). HIGH_IMPACT_EMPLOYEE includes dave and the
//   department Finance (frank, judy): its members are more than its included actors.
// - Departing: bob (endDate in 14 days), dave (endDate today), oscar (no date); all on DEPARTING_EMPLOYEE.
// - Alert rules v2: rules on watchlists, rules with a username filter, one with neither, one disabled.
// - Sessions: 40 generated over 3 days plus three scripted ones: dave's late alert (began 6 h before its first
//   alert), bob's closed session that got new data (OPEN_NEW_DATA, with a note), and erin's session without alerts.
// - Legal hold: "Acme Corp v. Example Corp" (frank, judy) and "Project Falcon Investigation" (dave), both
//   created by judy. Case 1 holds two of dave's events. 8 downloadable files.
import { generateFileEvents, generateSessions } from './generate';
import type { SimActor, SimFileSpec, TenantData, WatchlistType } from './model';
import { WATCHLIST_TYPES } from './model';
import { Random } from './random';
import { Tenant } from './tenant';
import { MS_PER_DAY, MS_PER_HOUR, isoDate, isoMs } from './time';

export const DEFAULT_SEED = 42;
export const DEMO_CLIENT_ID = 'key-demo-client';
export const DEMO_CLIENT_SECRET = 'demo-secret-not-for-production';
export const DEMO_SESSION_COUNT = 40;
export const DEMO_EVENT_COUNT = 200;

export const DEMO_USERS = {
  alice: 'alice.analyst@example.com',
  bob: 'bob.builder@example.com',
  carol: 'carol.contractor@example.com',
  dave: 'dave.developer@example.com',
  erin: 'erin.engineer@example.com',
  frank: 'frank.finance@example.com',
  grace: 'grace.growth@example.com',
  heidi: 'heidi.hr@example.com',
  ivan: 'ivan.intern@example.com',
  judy: 'judy.legal@example.com',
  mallory: 'mallory.marketing@example.com',
  oscar: 'oscar.ops@example.com',
} as const;
export const DEMO_USERNAMES: readonly string[] = Object.values(DEMO_USERS);
/** The people whose actor id is not their user id. */
export const DEMO_DISTINCT_ACTOR_USERS: readonly string[] = [DEMO_USERS.bob, DEMO_USERS.carol, DEMO_USERS.dave, DEMO_USERS.mallory];
/** Child actors (other identities) by the parent's username. */
export const DEMO_CHILD_ACTORS = { [DEMO_USERS.bob]: 'bob.builder@gmail.com', [DEMO_USERS.dave]: 'dave.dev@protonmail.com' } as const;

export const DEMO_ORG_NAMES = ['Example Corp', 'Engineering', 'Sales & Marketing', 'Finance & Legal', 'Contractors', 'Operations'] as const;
export const DEMO_MATTERS = { acme: 'Acme Corp v. Example Corp', falcon: 'Project Falcon Investigation' } as const;
export const DEMO_CUSTOM_WATCHLISTS = { highRisk: 'High Risk Employees', falcon: 'Project Falcon', finance: 'Finance Close' } as const;
export const DEMO_CASE_NAME = 'Falcon source code leaving with Dave';
export const DEMO_RULES = {
  departing: 'Departing employee exfiltration',
  highRisk: 'High Risk Employees - personal cloud uploads',
  flightRisk: 'Flight risk - removable media',
  removableMedia: 'Removable media exfiltration',
  publicLinks: 'Public link shares',
  sourceCode: 'Source code to personal email',
  mismatch: 'File type mismatch',
  disabled: 'Sensitive file names (disabled)',
} as const;

type DemoKey = keyof typeof DEMO_USERS;

interface PersonSpec {
  key: DemoKey;
  first: string;
  last: string;
  org: (typeof DEMO_ORG_NAMES)[number];
  title: string;
  department: string;
  employeeType?: string;
  notes?: string;
  active?: boolean;
  blocked?: boolean;
  distinctActorId?: boolean;
}

const PEOPLE: PersonSpec[] = [
  { key: 'alice', first: 'Alice', last: 'Analyst', org: 'Example Corp', title: 'Security Analyst', department: 'Security' },
  { key: 'bob', first: 'Bob', last: 'Builder', org: 'Engineering', title: 'Senior Engineer', department: 'Engineering', notes: 'Resigned; joining a competitor.', distinctActorId: true },
  { key: 'carol', first: 'Carol', last: 'Contractor', org: 'Contractors', title: 'Contract Designer', department: 'Design', employeeType: 'Contractor', notes: 'Contract ends this quarter.', distinctActorId: true },
  { key: 'dave', first: 'Dave', last: 'Developer', org: 'Engineering', title: 'Staff Engineer', department: 'Engineering', notes: 'Last day today; has Falcon source access.', distinctActorId: true },
  { key: 'erin', first: 'Erin', last: 'Engineer', org: 'Engineering', title: 'DevOps Engineer', department: 'Engineering', notes: 'Production admin; shared credentials once.' },
  { key: 'frank', first: 'Frank', last: 'Finance', org: 'Finance & Legal', title: 'Controller', department: 'Finance' },
  { key: 'grace', first: 'Grace', last: 'Growth', org: 'Sales & Marketing', title: 'Growth Marketer', department: 'Marketing' },
  { key: 'heidi', first: 'Heidi', last: 'HR', org: 'Example Corp', title: 'HR Partner', department: 'People' },
  { key: 'ivan', first: 'Ivan', last: 'Intern', org: 'Engineering', title: 'Intern', department: 'Engineering', employeeType: 'Intern', active: false },
  { key: 'judy', first: 'Judy', last: 'Legal', org: 'Finance & Legal', title: 'General Counsel', department: 'Finance' },
  { key: 'mallory', first: 'Mallory', last: 'Marketing', org: 'Sales & Marketing', title: 'Campaign Manager', department: 'Marketing', notes: 'Ran a port scanner from a laptop.', blocked: true, distinctActorId: true },
  { key: 'oscar', first: 'Oscar', last: 'Ops', org: 'Operations', title: 'Operations Lead', department: 'Operations' },
];

const WATCHLIST_MEMBERS: Record<Exclude<WatchlistType, 'CUSTOM'>, DemoKey[]> = {
  DEPARTING_EMPLOYEE: ['bob', 'dave', 'oscar'],
  NEW_EMPLOYEE: ['grace', 'ivan'],
  HIGH_IMPACT_EMPLOYEE: ['dave'],
  FLIGHT_RISK: ['bob', 'dave'],
  PERFORMANCE_CONCERNS: ['oscar'],
  POOR_SECURITY_PRACTICES: ['erin'],
  SUSPICIOUS_SYSTEM_ACTIVITY: ['mallory'],
  CONTRACT_EMPLOYEE: ['carol'],
  ELEVATED_ACCESS_PRIVILEGES: ['erin'],
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DEMO_FILES: readonly Omit<SimFileSpec, 'xfcContentId'>[] = [
  { name: 'Q3-forecast.xlsx', mimeType: XLSX, category: 'Spreadsheet', size: 6000 },
  { name: 'customer-list.csv', mimeType: 'text/csv', category: 'Spreadsheet', size: 4000 },
  { name: 'falcon-architecture.pdf', mimeType: 'application/pdf', category: 'Pdf', size: 9000 },
  { name: 'falcon-src.zip', mimeType: 'application/zip', category: 'Archive', size: 12000 },
  { name: 'payroll-2024.xlsx', mimeType: XLSX, category: 'Spreadsheet', size: 5000 },
  { name: 'roadmap.pptx', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', category: 'Presentation', size: 8000 },
  { name: 'deploy_keys.txt', mimeType: 'text/plain', category: 'Document', size: 1200 },
  { name: 'team-offsite.jpg', mimeType: 'image/jpeg', category: 'Image', size: 3000 },
];

export interface DemoTenantOptions {
  seed?: number;
  /** Generated alerting sessions (default 40). */
  sessions?: number;
  /** File events outside sessions (default 200). */
  events?: number;
  clock: () => number;
}

function emptyTenantData(seed: number, rng: Random): TenantData {
  return {
    version: 1,
    tenantId: rng.uuid(),
    customerName: 'Example Corp',
    registrationKey: `${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}`.toUpperCase(),
    seed,
    idState: (seed ^ 0x5eed) >>> 0,
    orgs: [],
    roles: [
      { roleId: 'desktop-user', roleName: 'Desktop User', permissionIds: [] },
      { roleId: 'insider-risk-analyst', roleName: 'Insider Risk Analyst', permissionIds: ['sessions.read', 'fileevents.read'] },
      { roleId: 'insider-risk-admin', roleName: 'Insider Risk Admin', permissionIds: ['sessions.read', 'sessions.write', 'watchlists.write', 'alertrules.write'] },
    ],
    users: [],
    actors: [],
    watchlists: [],
    rules: [],
    sessions: [],
    fileEvents: [],
    files: [],
    matters: [],
    cases: [],
  };
}

function addPeople(tenant: Tenant, now: number, rng: Random): Map<DemoKey, SimActor> {
  const orgGuid = new Map(tenant.orgs.map((o) => [o.orgName, o.orgGuid]));
  const actors = new Map<DemoKey, SimActor>();
  const ends: Partial<Record<DemoKey, string>> = { bob: isoDate(now + 14 * MS_PER_DAY), dave: isoDate(now) };
  PEOPLE.forEach((spec, index) => {
    const username = DEMO_USERS[spec.key];
    const hired = now - rng.between(60, 2000) * MS_PER_DAY;
    const child = (DEMO_CHILD_ACTORS as Record<string, string>)[username];
    const { actor } = tenant.addPerson({
      username,
      firstName: spec.first,
      lastName: spec.last,
      orgGuid: orgGuid.get(spec.org),
      legacyUserId: String(4201 + index),
      distinctActorId: spec.distinctActorId,
      active: spec.active,
      blocked: spec.blocked,
      creationDate: isoMs(hired),
      title: spec.title,
      department: spec.department,
      division: spec.org,
      employeeType: spec.employeeType ?? 'Full-time',
      startDate: isoDate(hired),
      endDate: ends[spec.key] ?? null,
      actorNotes: spec.notes ?? null,
      otherIdentities: child ? [child] : [],
      roleIds: spec.key === 'alice' ? ['insider-risk-admin'] : ['desktop-user'],
    });
    actors.set(spec.key, actor);
  });
  return actors;
}

function addWatchlists(tenant: Tenant, actors: Map<DemoKey, SimActor>, now: number): Record<string, string> {
  const ids: Record<string, string> = {};
  const add = (listType: WatchlistType, title: string | null, description: string | null, members: DemoKey[], departments: string[] = []) => {
    const watchlist = tenant.addWatchlist({ listType, title, description });
    members.forEach((key, i) => tenant.changeWatchlistActors(watchlist.watchlistId, 'includedActors', [actors.get(key)?.actorId ?? ''], true, now - (10 + i) * MS_PER_DAY));
    if (departments.length > 0) tenant.changeWatchlistDepartments(watchlist.watchlistId, departments, true);
    ids[title ?? listType] = watchlist.watchlistId;
  };
  for (const listType of WATCHLIST_TYPES) {
    if (listType === 'CUSTOM') continue;
    add(listType, null, null, WATCHLIST_MEMBERS[listType], listType === 'HIGH_IMPACT_EMPLOYEE' ? ['Finance'] : []);
  }
  add('CUSTOM', DEMO_CUSTOM_WATCHLISTS.highRisk, 'People the security team watches closely', ['dave', 'erin', 'mallory']);
  add('CUSTOM', DEMO_CUSTOM_WATCHLISTS.falcon, 'Engineers with access to the Falcon source tree', ['dave', 'erin', 'oscar']);
  add('CUSTOM', DEMO_CUSTOM_WATCHLISTS.finance, 'Finance staff during the quarter close', [], ['Finance']);
  return ids;
}

function addRules(tenant: Tenant, watchlists: Record<string, string>, now: number): void {
  const users = (...keys: DemoKey[]) =>
    keys.map((key) => {
      const user = tenant.userByUsername(DEMO_USERS[key]);
      const child = (DEMO_CHILD_ACTORS as Record<string, string>)[DEMO_USERS[key]];
      return { userIdFromAuthority: user?.userId ?? '', aliases: child ? [DEMO_USERS[key], child] : [DEMO_USERS[key]] };
    });
  const at = (daysAgo: number) => isoMs(now - daysAgo * MS_PER_DAY);
  const rules = [
    { name: DEMO_RULES.departing, watchlistIds: [watchlists.DEPARTING_EMPLOYEE], riskIndicators: ['Removable media', 'Personal cloud storage'], severity: 'HIGH' },
    { name: DEMO_RULES.highRisk, watchlistIds: [watchlists[DEMO_CUSTOM_WATCHLISTS.highRisk]], riskIndicators: ['Personal cloud storage'], severity: 'HIGH' },
    { name: DEMO_RULES.flightRisk, watchlistIds: [watchlists.FLIGHT_RISK], riskIndicators: ['Removable media'], severity: 'MEDIUM' },
    { name: DEMO_RULES.removableMedia, users: users('erin', 'carol'), riskIndicators: ['Removable media'], severity: 'HIGH' },
    { name: DEMO_RULES.publicLinks, users: users('grace', 'mallory'), riskIndicators: ['Public link share'], severity: 'MEDIUM' },
    { name: DEMO_RULES.sourceCode, users: users('dave'), watchlistIds: [watchlists[DEMO_CUSTOM_WATCHLISTS.falcon]], riskIndicators: ['Email service', 'Zip'], severity: 'HIGH' },
    { name: DEMO_RULES.mismatch, riskIndicators: ['File type mismatch'], severity: 'LOW', isSystemRule: true },
    { name: DEMO_RULES.disabled, users: users('heidi'), riskIndicators: [], severity: 'LOW', isEnabled: false },
  ];
  rules.forEach((rule, i) =>
    tenant.addRule({ ...rule, description: `Alerts on ${rule.name.toLowerCase()}.`, createdAt: at(90 - i), createdBy: rule.isSystemRule ? 'Code42' : DEMO_USERS.alice }),
  );
}

function addScriptedSessions(tenant: Tenant, actors: Map<DemoKey, SimActor>, now: number): void {
  const id = (key: DemoKey) => actors.get(key)?.actorId ?? '';
  tenant.addSession({
    actorId: id('dave'),
    beginTime: now - 6 * MS_PER_HOUR,
    endTime: now - 6 * MS_PER_HOUR + 20 * 60_000,
    firstObserved: now - MS_PER_HOUR,
    severity: 4,
    ruleNames: [DEMO_RULES.sourceCode, DEMO_RULES.departing],
    events: 4,
    contentInspection: { status: 'FOUND', detectedOnAlerts: ['PII', 'Source code'] },
  });
  const bob = tenant.addSession({
    actorId: id('bob'),
    beginTime: now - 30 * MS_PER_HOUR,
    firstObserved: now - 29 * MS_PER_HOUR,
    severity: 3,
    state: 'CLOSED_TP',
    ruleNames: [DEMO_RULES.departing],
    events: 2,
    notes: ['Confirmed with HR: personal backup before leaving.'],
  });
  tenant.addSessionData(bob.sessionId, { events: 2, severity: 3, at: now - 2 * MS_PER_HOUR });
  tenant.addSession({ actorId: id('erin'), beginTime: now - 3 * MS_PER_HOUR, hasAlerts: false, severity: 0, events: 1 });
}

function addMattersAndCase(tenant: Tenant, now: number): void {
  const uid = (key: DemoKey) => tenant.userByUsername(DEMO_USERS[key])?.userId ?? '';
  tenant.addMatter({ name: DEMO_MATTERS.acme, description: 'Preserve finance records for the Acme litigation.', creatorUserId: uid('judy'), creationDate: isoMs(now - 120 * MS_PER_DAY), custodians: [uid('frank'), uid('judy')] });
  tenant.addMatter({ name: DEMO_MATTERS.falcon, description: 'Possible exfiltration of the Falcon source tree.', creatorUserId: uid('judy'), creationDate: isoMs(now - 5 * MS_PER_DAY), custodians: [uid('dave')] });
  const kase = tenant.createCase({
    name: DEMO_CASE_NAME,
    subject: uid('dave'),
    assignee: uid('alice'),
    description: 'Dave copied Falcon source archives before his last day.',
    findings: 'Two uploads of falcon-src.zip to personal cloud storage.',
    createdBy: DEMO_USERS.alice,
  });
  const dave = tenant.actorByName(DEMO_USERS.dave);
  const events = tenant.fileEvents.filter((e) => (e.user as { email?: string }).email === dave?.name);
  tenant.addCaseEvents(kase.number, events.slice(-2).map((e) => e.event.id));
}

/** Builds the demo tenant; `sessions` and `events` scale it up (a large tenant keeps the same people). */
export function buildDemoTenant(options: DemoTenantOptions): Tenant {
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Random(seed);
  const now = options.clock();
  const tenant = new Tenant(emptyTenantData(seed, rng), options.clock);
  const root = tenant.addOrg({ orgName: DEMO_ORG_NAMES[0], orgGuid: rng.uuid(), legacyOrgId: '4200', creationDate: isoMs(now - 3000 * MS_PER_DAY) });
  DEMO_ORG_NAMES.slice(1).forEach((orgName, i) =>
    tenant.addOrg({ orgName, orgGuid: rng.uuid(), legacyOrgId: String(4201 + i), parentOrgGuid: root.orgGuid, creationDate: isoMs(now - (2000 - i) * MS_PER_DAY) }),
  );
  const actors = addPeople(tenant, now, rng);
  const watchlists = addWatchlists(tenant, actors, now);
  addRules(tenant, watchlists, now);
  for (const spec of DEMO_FILES) tenant.addFile(spec);
  generateFileEvents(tenant, rng, options.events ?? DEMO_EVENT_COUNT);
  generateSessions(tenant, rng, options.sessions ?? DEMO_SESSION_COUNT);
  addScriptedSessions(tenant, actors, now);
  addMattersAndCase(tenant, now);
  return tenant;
}
