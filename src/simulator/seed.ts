// The deterministic demo tenant (same seed + same clock => same tenant).
//
// Example Corp, tenant of 12 users at example.com in 6 orgs:
// - alice.analyst (Security, the reviewer of resolved alerts), heidi.hr, judy.legal (creator of both matters)
// - bob.builder: departing (date in 14 days), FLIGHT_RISK, notes, personal gmail alias
// - dave.developer: departing TODAY (LEAVING_TODAY) and high-risk (HIGH_IMPACT_EMPLOYEE, FLIGHT_RISK),
//   custodian of "Project Falcon Investigation", subject of case 1
// - oscar.ops: departing without a date, PERFORMANCE_CONCERNS watchlist
// - carol.contractor (CONTRACT_EMPLOYEE), erin.engineer (ELEVATED_ACCESS_PRIVILEGES, POOR_SECURITY_PRACTICES),
//   mallory.marketing (blocked, SUSPICIOUS_SYSTEM_ACTIVITY): high-risk
// - frank.finance: custodian of the active "Acme Corp v. Example Corp" matter (deactivation -> ACTIVE_LEGAL_HOLD)
// - grace.growth, ivan.intern (inactive): NEW_EMPLOYEE
// One watchlist of every type plus the custom "Project Falcon" and "Finance Close"; 8 alert rules (3 system,
// 1 disabled); ~200 file events over 7 days touching 8 downloadable files; ~40 alerts over 3 days of every
// riskSeverity and state (groups of 3 share one createdAt), each observation naming the actor's events;
// 2 legal-hold matters; case 1 with two of dave's events.
import { makeFile, type FileSpec } from './files';
import { generateAlerts, generateFileEvents } from './generate';
import type { RiskFactor, SimRule, SimUser, UsersToAlertOn, WatchlistType } from './model';
import { WATCHLIST_TYPES } from './model';
import { Random } from './random';
import { Tenant } from './tenant';
import { MS_PER_DAY, isoDate, isoMs, iso7 } from './time';

export const DEFAULT_SEED = 42;
export const DEMO_CLIENT_ID = 'key-demo-client';
export const DEMO_CLIENT_SECRET = 'demo-secret-not-for-production';
export const DEMO_ALERT_COUNT = 40;
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

export const DEMO_ORG_NAMES = ['Example Corp', 'Engineering', 'Sales & Marketing', 'Finance & Legal', 'Contractors', 'Operations'] as const;
export const DEMO_MATTERS = { acme: 'Acme Corp v. Example Corp', falcon: 'Project Falcon Investigation' } as const;
export const DEMO_CUSTOM_WATCHLISTS = { falcon: 'Project Falcon', finance: 'Finance Close' } as const;
export const DEMO_CASE_NAME = 'Falcon source code leaving with Dave';

type DemoKey = keyof typeof DEMO_USERS;

interface DemoUserSpec {
  key: DemoKey;
  first: string;
  last: string;
  org: (typeof DEMO_ORG_NAMES)[number];
  title: string;
  department: string;
  os: string;
  riskFactors?: RiskFactor[];
  profileNotes?: string;
  extraAlias?: string;
  active?: boolean;
  blocked?: boolean;
}

const USER_SPECS: DemoUserSpec[] = [
  { key: 'alice', first: 'Alice', last: 'Analyst', org: 'Example Corp', title: 'Security Analyst', department: 'Security', os: 'Mac OS X' },
  { key: 'bob', first: 'Bob', last: 'Builder', org: 'Engineering', title: 'Senior Engineer', department: 'Engineering', os: 'Mac OS X', riskFactors: ['FLIGHT_RISK'], profileNotes: 'Resigned; joining a competitor.', extraAlias: 'bob.builder@gmail.com' },
  { key: 'carol', first: 'Carol', last: 'Contractor', org: 'Contractors', title: 'Contract Designer', department: 'Design', os: 'Windows 10', riskFactors: ['CONTRACT_EMPLOYEE'], profileNotes: 'Contract ends this quarter.' },
  { key: 'dave', first: 'Dave', last: 'Developer', org: 'Engineering', title: 'Staff Engineer', department: 'Engineering', os: 'Linux', riskFactors: ['HIGH_IMPACT_EMPLOYEE', 'FLIGHT_RISK'], profileNotes: 'Last day today; has Falcon source access.', extraAlias: 'dave.dev@protonmail.com' },
  { key: 'erin', first: 'Erin', last: 'Engineer', org: 'Engineering', title: 'DevOps Engineer', department: 'Engineering', os: 'Linux', riskFactors: ['ELEVATED_ACCESS_PRIVILEGES', 'POOR_SECURITY_PRACTICES'], profileNotes: 'Production admin; shared credentials once.' },
  { key: 'frank', first: 'Frank', last: 'Finance', org: 'Finance & Legal', title: 'Controller', department: 'Finance', os: 'Windows 11' },
  { key: 'grace', first: 'Grace', last: 'Growth', org: 'Sales & Marketing', title: 'Growth Marketer', department: 'Marketing', os: 'Mac OS X' },
  { key: 'heidi', first: 'Heidi', last: 'HR', org: 'Example Corp', title: 'HR Partner', department: 'People', os: 'Windows 11' },
  { key: 'ivan', first: 'Ivan', last: 'Intern', org: 'Engineering', title: 'Intern', department: 'Engineering', os: 'Windows 10', active: false },
  { key: 'judy', first: 'Judy', last: 'Legal', org: 'Finance & Legal', title: 'General Counsel', department: 'Legal', os: 'Mac OS X' },
  { key: 'mallory', first: 'Mallory', last: 'Marketing', org: 'Sales & Marketing', title: 'Campaign Manager', department: 'Marketing', os: 'Windows 10', riskFactors: ['SUSPICIOUS_SYSTEM_ACTIVITY'], profileNotes: 'Ran a port scanner from a laptop.', blocked: true },
  { key: 'oscar', first: 'Oscar', last: 'Ops', org: 'Operations', title: 'Operations Lead', department: 'Operations', os: 'Windows 11', riskFactors: ['PERFORMANCE_CONCERNS'] },
];

const WATCHLIST_MEMBERS: Record<Exclude<WatchlistType, 'CUSTOM'>, DemoKey[]> = {
  DEPARTING_EMPLOYEE: ['bob', 'dave', 'oscar'],
  NEW_EMPLOYEE: ['grace', 'ivan'],
  HIGH_IMPACT_EMPLOYEE: ['frank', 'dave'],
  FLIGHT_RISK: ['bob', 'dave'],
  PERFORMANCE_CONCERNS: ['oscar'],
  POOR_SECURITY_PRACTICES: ['erin'],
  SUSPICIOUS_SYSTEM_ACTIVITY: ['mallory'],
  CONTRACT_EMPLOYEE: ['carol'],
  ELEVATED_ACCESS_PRIVILEGES: ['erin'],
};

interface RuleSpec {
  name: string;
  type: string;
  severity: string;
  ruleSource: string;
  isSystem: boolean;
  isEnabled: boolean;
  usersToAlertOn: UsersToAlertOn;
  users?: DemoKey[];
}

const RULE_SPECS: RuleSpec[] = [
  { name: 'Departing Employee - Exfiltration to removable media', type: 'FED_ENDPOINT_EXFILTRATION', severity: 'HIGH', ruleSource: 'Departing Employee', isSystem: true, isEnabled: true, usersToAlertOn: 'SPECIFIED_USERS' },
  { name: 'Departing Employee - Cloud share permissions', type: 'FED_CLOUD_SHARE_PERMISSIONS', severity: 'MEDIUM', ruleSource: 'Departing Employee', isSystem: true, isEnabled: true, usersToAlertOn: 'SPECIFIED_USERS' },
  { name: 'High Risk Employee - Exfiltration to personal cloud', type: 'FED_ENDPOINT_EXFILTRATION', severity: 'HIGH', ruleSource: 'High Risk Employee', isSystem: true, isEnabled: true, usersToAlertOn: 'SPECIFIED_USERS' },
  { name: 'Removable media exfiltration', type: 'FED_ENDPOINT_EXFILTRATION', severity: 'HIGH', ruleSource: 'Alerting', isSystem: false, isEnabled: true, usersToAlertOn: 'SPECIFIED_USERS', users: ['erin', 'carol'] },
  { name: 'Public link shares', type: 'FED_CLOUD_SHARE_PERMISSIONS', severity: 'MEDIUM', ruleSource: 'Alerting', isSystem: false, isEnabled: true, usersToAlertOn: 'SPECIFIED_USERS', users: ['grace', 'mallory'] },
  { name: 'File type mismatch', type: 'FED_FILE_TYPE_MISMATCH', severity: 'LOW', ruleSource: 'Alerting', isSystem: false, isEnabled: true, usersToAlertOn: 'ALL_USERS' },
  { name: 'Source code to personal email', type: 'FED_COMPOSITE', severity: 'HIGH', ruleSource: 'Alerting', isSystem: false, isEnabled: true, usersToAlertOn: 'SPECIFIED_USERS', users: ['dave'] },
  { name: 'Sensitive file names (disabled)', type: 'FED_FILE_NAME_MATCH', severity: 'LOW', ruleSource: 'Alerting', isSystem: false, isEnabled: false, usersToAlertOn: 'SPECIFIED_USERS', users: ['heidi'] },
];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DEMO_FILES: readonly FileSpec[] = [
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
  /** Number of alerts (default 40). */
  alerts?: number;
  /** Number of file events (default 200). */
  events?: number;
  clock: () => number;
}

function dateParts(ms: number): { year: number; month: number; day: number } {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function addUsers(tenant: Tenant, rng: Random, now: number): Map<DemoKey, SimUser> {
  const orgUid = new Map(tenant.orgs.map((o) => [o.orgName, o.orgUid]));
  const users = new Map<DemoKey, SimUser>();
  USER_SPECS.forEach((spec, index) => {
    const username = DEMO_USERS[spec.key];
    const hired = now - rng.between(60, 2000) * MS_PER_DAY;
    users.set(
      spec.key,
      tenant.addUser({
        userUid: rng.digits(18),
        legacyUserId: 4201 + index,
        username,
        firstName: spec.first,
        lastName: spec.last,
        orgUid: orgUid.get(spec.org),
        active: spec.active ?? true,
        blocked: spec.blocked ?? false,
        creationDate: isoMs(hired),
        modificationDate: isoMs(hired + MS_PER_DAY),
        profileNotes: spec.profileNotes ?? null,
        cloudAliases: spec.extraAlias ? [username, spec.extraAlias] : [username],
        riskFactors: spec.riskFactors ?? [],
        startDate: dateParts(hired),
        title: spec.title,
        department: spec.department,
        division: spec.org,
        employmentType: spec.key === 'carol' ? 'Contractor' : spec.key === 'ivan' ? 'Intern' : 'Full-time',
        country: 'US',
        region: 'Minnesota',
        locality: 'Minneapolis',
        device: {
          deviceUid: rng.digits(18),
          hostname: `${spec.first.toUpperCase()}-${spec.os.startsWith('Windows') ? 'PC' : spec.os === 'Linux' ? 'WS' : 'MBP'}`,
          operatingSystem: spec.os,
          publicIp: `203.0.113.${10 + index}`,
          privateIp: `10.0.0.${10 + index}`,
        },
      }),
    );
  });
  const alice = users.get('alice');
  for (const user of users.values()) if (user !== alice && alice) user.managerUid = alice.userUid;
  return users;
}

function addDetectionLists(tenant: Tenant, users: Map<DemoKey, SimUser>, now: number): void {
  const uid = (key: DemoKey) => users.get(key)?.userUid ?? '';
  const departures: [DemoKey, string | null][] = [
    ['bob', isoDate(now + 14 * MS_PER_DAY)],
    ['dave', isoDate(now)],
    ['oscar', null],
  ];
  departures.forEach(([key, departureDate], i) => {
    tenant.departing.set(uid(key), { userUid: uid(key), createdAt: iso7(now - (20 - i * 5) * MS_PER_DAY), departureDate });
    const user = users.get(key);
    if (user && departureDate) user.endDate = dateParts(Date.parse(departureDate));
  });
  (['carol', 'dave', 'erin', 'mallory'] as DemoKey[]).forEach((key, i) => {
    tenant.highRisk.set(uid(key), { userUid: uid(key), createdAt: iso7(now - (30 - i * 6) * MS_PER_DAY) });
  });
}

function addWatchlists(tenant: Tenant, users: Map<DemoKey, SimUser>, rng: Random, now: number): void {
  const add = (listType: WatchlistType, title: string, description: string | null, members: DemoKey[]) => {
    const watchlist = tenant.addWatchlist({ watchlistId: rng.uuid(), listType, title, description });
    members.forEach((key, i) => watchlist.included.set(users.get(key)?.userUid ?? '', isoMs(now - (10 + i) * MS_PER_DAY).replace('Z', '356Z')));
  };
  for (const listType of WATCHLIST_TYPES) {
    if (listType === 'CUSTOM') continue;
    add(listType, listType.toLowerCase().replace(/_/g, ' '), null, WATCHLIST_MEMBERS[listType]);
  }
  add('CUSTOM', DEMO_CUSTOM_WATCHLISTS.falcon, 'Engineers with access to the Falcon source tree', ['dave', 'erin', 'oscar']);
  add('CUSTOM', DEMO_CUSTOM_WATCHLISTS.finance, 'Finance staff during the quarter close', ['frank']);
}

function addRules(tenant: Tenant, users: Map<DemoKey, SimUser>, rng: Random, now: number): void {
  RULE_SPECS.forEach((spec, i) => {
    const created = isoMs(now - (90 - i) * MS_PER_DAY);
    const rule: SimRule = {
      observerRuleId: rng.uuid(),
      id: rng.uuid(),
      name: spec.name,
      description: `${spec.isSystem ? 'System rule' : 'Rule'}: ${spec.name.toLowerCase()}.`,
      severity: spec.severity,
      isSystem: spec.isSystem,
      isEnabled: spec.isEnabled,
      ruleSource: spec.ruleSource,
      type: spec.type,
      createdBy: spec.isSystem ? 'Code42' : DEMO_USERS.alice,
      createdAt: created,
      modifiedBy: spec.isSystem ? 'Code42' : DEMO_USERS.alice,
      modifiedAt: created,
      usersToAlertOn: spec.usersToAlertOn,
      users: new Map(),
    };
    for (const key of spec.users ?? []) {
      const user = users.get(key);
      if (user) rule.users.set(user.userUid, [...user.cloudAliases]);
    }
    tenant.addRule(rule);
  });
}

function addMattersAndCase(tenant: Tenant, users: Map<DemoKey, SimUser>, rng: Random, now: number): void {
  const uid = (key: DemoKey) => users.get(key)?.userUid ?? '';
  const member = (daysAgo: number) => ({ active: true, creationDate: isoMs(now - daysAgo * MS_PER_DAY) });
  tenant.addMatter({
    matterId: rng.digits(18),
    policyId: rng.digits(18),
    name: DEMO_MATTERS.acme,
    description: 'Preserve finance records for the Acme litigation.',
    creatorUid: uid('judy'),
    creationDate: isoMs(now - 120 * MS_PER_DAY),
    memberships: new Map([
      [uid('frank'), member(100)],
      [uid('judy'), member(100)],
    ]),
  });
  tenant.addMatter({
    matterId: rng.digits(18),
    policyId: rng.digits(18),
    name: DEMO_MATTERS.falcon,
    description: 'Possible exfiltration of the Falcon source tree.',
    creatorUid: uid('judy'),
    creationDate: isoMs(now - 5 * MS_PER_DAY),
    memberships: new Map([[uid('dave'), member(4)]]),
  });
  const kase = tenant.createCase({
    name: DEMO_CASE_NAME,
    subject: uid('dave'),
    assignee: uid('alice'),
    description: 'Dave copied Falcon source archives before his last day.',
    findings: 'Two uploads of falcon-src.zip to personal cloud storage.',
    createdBy: DEMO_USERS.alice,
  });
  const daveEvents = tenant.fileEvents().filter((e) => (e.doc.user as { email: string }).email === DEMO_USERS.dave);
  kase.eventIds.push(...daveEvents.slice(-2).map((e) => e.id));
}

/** Builds the demo tenant; `alerts` and `events` scale it up (a large tenant keeps the same people). */
export function buildDemoTenant(options: DemoTenantOptions): Tenant {
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Random(seed);
  const now = options.clock();
  const tenant = new Tenant({
    tenantId: rng.uuid(),
    customerName: 'Example Corp',
    registrationKey: `${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}`.toUpperCase(),
    clock: options.clock,
    idSeed: seed ^ 0x5eed,
  });
  const root = tenant.addOrg({ orgId: 4200, orgUid: rng.digits(18), orgGuid: rng.uuid(), orgName: DEMO_ORG_NAMES[0], creationDate: isoMs(now - 3000 * MS_PER_DAY) });
  DEMO_ORG_NAMES.slice(1).forEach((orgName, i) =>
    tenant.addOrg({ orgId: 4201 + i, orgUid: rng.digits(18), orgGuid: rng.uuid(), orgName, parentOrgUid: root.orgUid, creationDate: isoMs(now - (2000 - i) * MS_PER_DAY) }),
  );
  const users = addUsers(tenant, rng, now);
  addDetectionLists(tenant, users, now);
  addWatchlists(tenant, users, rng, now);
  addRules(tenant, users, rng, now);
  const files = DEMO_FILES.map((spec) => tenant.addFile(makeFile(spec, seed)));
  generateFileEvents(tenant, rng, options.events ?? DEMO_EVENT_COUNT, files);
  generateAlerts(tenant, rng, options.alerts ?? DEMO_ALERT_COUNT);
  addMattersAndCase(tenant, users, rng, now);
  return tenant;
}
