// Generators for file events and alerts, used by the demo seed (about 200 events, 40 alerts) and for large
// tenants (`alerts: 100000`). Every value comes from the seeded Random, so the output is repeatable.
import type { AlertWatchlistRef, FileEventDoc, SimFile, SimFileEvent, SimRule, SimUser } from './model';
import { ALERT_STATES, RISK_SEVERITIES } from './model';
import type { Random } from './random';
import type { AlertInput, Tenant } from './tenant';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, isoMicros, isoMs } from './time';

interface Vector {
  action: string;
  observer: string;
  exfiltration: boolean;
  destination: (rng: Random, user: SimUser) => Record<string, unknown>;
  indicator?: { id: string; name: string; weight: number };
  process?: { executable: string; owner: string | null };
}

const EMPTY_DESTINATION = {
  category: null,
  name: null,
  user: { email: [] },
  ip: null,
  privateIp: [],
  operatingSystem: null,
  printJobName: null,
  printerName: null,
  printedFilesBackupPath: null,
  removableMedia: null,
  email: null,
  tabs: [],
  accountName: null,
  accountType: null,
  domains: [],
  remoteHostname: null,
};

const VECTORS: Vector[] = [
  { action: 'file-created', observer: 'Endpoint', exfiltration: false, destination: () => EMPTY_DESTINATION },
  { action: 'file-modified', observer: 'Endpoint', exfiltration: false, destination: () => EMPTY_DESTINATION },
  {
    action: 'removable-media-created',
    observer: 'Endpoint',
    exfiltration: true,
    indicator: { id: 'removable-media', name: 'Removable media', weight: 5 },
    destination: (rng) => ({
      ...EMPTY_DESTINATION,
      category: 'Removable Media',
      name: 'SanDisk Ultra',
      removableMedia: {
        vendor: 'SanDisk',
        name: 'Ultra USB 3.0',
        serialNumber: rng.hex(12).toUpperCase(),
        capacity: 62_742_792_192,
        busType: 'USB',
        mediaName: 'SanDisk Ultra USB 3.0 Media',
        volumeName: ['BACKUP'],
        partitionId: [rng.uuid()],
      },
    }),
  },
  {
    action: 'application-read',
    observer: 'Endpoint',
    exfiltration: true,
    indicator: { id: 'personal-cloud', name: 'Personal cloud storage', weight: 6 },
    process: { executable: 'chrome.exe', owner: null },
    destination: (rng) => {
      const service = rng.pick(['Dropbox', 'Google Drive', 'WeTransfer']);
      return {
        ...EMPTY_DESTINATION,
        category: 'Cloud Storage',
        name: service,
        tabs: [{ title: `Upload - ${service}`, url: `https://www.${service.toLowerCase().replace(/\s/g, '')}.com/upload`, titleError: null, urlError: null }],
        domains: [`${service.toLowerCase().replace(/\s/g, '')}.com`],
      };
    },
  },
  {
    action: 'file-emailed',
    observer: 'Gmail',
    exfiltration: true,
    indicator: { id: 'personal-email', name: 'Email service', weight: 4 },
    destination: (_rng, user) => ({
      ...EMPTY_DESTINATION,
      category: 'Email',
      name: 'Gmail',
      user: { email: [user.username.replace('@example.com', '@gmail.com')] },
      email: { recipients: [user.username.replace('@example.com', '@gmail.com')], subject: 'fwd: files' },
    }),
  },
  {
    action: 'file-printed',
    observer: 'Endpoint',
    exfiltration: true,
    indicator: { id: 'printer', name: 'Printer', weight: 2 },
    destination: () => ({ ...EMPTY_DESTINATION, category: 'Printer', name: 'HP LaserJet 4F', printerName: 'HP LaserJet 4F', printJobName: 'print job' }),
  },
  {
    action: 'file-shared',
    observer: 'GoogleDrive',
    exfiltration: true,
    indicator: { id: 'public-link', name: 'Public link share', weight: 7 },
    destination: () => ({ ...EMPTY_DESTINATION, category: 'Cloud Storage', name: 'Google Drive' }),
  },
];

function riskSeverityOf(score: number): string {
  if (score >= 10) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MODERATE';
  if (score >= 1) return 'LOW';
  return 'NO_RISK_INDICATED';
}

/** Per-user and per-(user, file) sub-objects are shared between events to keep large tenants small. */
class EventParts {
  private readonly sources = new Map<string, Record<string, unknown>>();
  private readonly fileParts = new Map<string, Record<string, unknown>>();

  constructor(private readonly now: number) {}

  source(user: SimUser): Record<string, unknown> {
    let source = this.sources.get(user.userUid);
    if (!source) {
      const device = user.device;
      source = {
        category: 'Device',
        name: device?.hostname ?? null,
        domain: device ? `${device.hostname.toLowerCase()}.corp.example.com` : null,
        domains: [],
        ip: device?.publicIp ?? null,
        privateIp: device ? [device.privateIp] : [],
        operatingSystem: device?.operatingSystem ?? null,
        email: null,
        removableMedia: null,
        tabs: [],
        user: null,
        accountName: null,
        accountType: null,
        remoteHostname: null,
      };
      this.sources.set(user.userUid, source);
    }
    return source;
  }

  file(user: SimUser, file: SimFile): Record<string, unknown> {
    const key = `${user.userUid}/${file.sha256}`;
    let part = this.fileParts.get(key);
    if (!part) {
      const windows = user.device?.operatingSystem.startsWith('Windows') ?? false;
      const home = (user.firstName ?? 'user').toLowerCase();
      const extension = file.name.split('.').pop() ?? '';
      part = {
        name: file.name,
        directory: windows ? `C:/Users/${home}/Documents/` : `/Users/${home}/Documents/`,
        originalName: null,
        originalDirectory: null,
        category: file.category,
        categoryByBytes: file.category,
        categoryByExtension: file.category,
        mimeType: file.mimeType,
        mimeTypeByBytes: file.mimeType,
        mimeTypeByExtension: file.mimeType,
        sizeInBytes: file.bytes.length,
        owner: home,
        created: isoMs(this.now - 60 * MS_PER_DAY),
        modified: isoMs(this.now - 10 * MS_PER_DAY),
        hash: { md5: file.md5, sha256: file.sha256, md5Error: null, sha256Error: null },
        id: null,
        url: null,
        directoryId: [],
        cloudDriveId: null,
        classifications: [],
        acquiredFrom: null,
        changeType: null,
        archiveId: null,
        parentArchiveId: null,
        passwordProtected: extension === 'zip' ? false : null,
      };
      this.fileParts.set(key, part);
    }
    return part;
  }
}

/** `count` file events over the last `days` days by active users, touching the given files. */
export function generateFileEvents(tenant: Tenant, rng: Random, count: number, files: readonly SimFile[], days = 7): SimFileEvent[] {
  const now = tenant.now();
  const users = tenant.users().filter((u) => u.active && u.device);
  if (users.length === 0 || files.length === 0 || count === 0) return [];
  const parts = new EventParts(now);
  const docs: FileEventDoc[] = [];
  for (let i = 0; i < count; i++) {
    const user = rng.pick(users);
    const file = rng.pick(files);
    const vector = rng.pick(VECTORS);
    const timestampMs = now - rng.int(days * MS_PER_DAY) - MS_PER_MINUTE;
    const indicators = vector.indicator ? [vector.indicator] : [];
    if (vector.exfiltration && tenant.departing.has(user.userUid)) indicators.push({ id: 'departing', name: 'Departing employee', weight: 3 });
    if (vector.exfiltration && file.category === 'Archive') indicators.push({ id: 'zip', name: 'Zip', weight: 2 });
    const score = indicators.reduce((sum, indicator) => sum + indicator.weight, 0);
    const device = user.device;
    docs.push({
      '@timestamp': isoMs(timestampMs),
      event: {
        id: `0_${rng.uuid()}_${device?.deviceUid ?? '0'}_${rng.digits(18)}_${i}`,
        inserted: isoMs(timestampMs + 2 * MS_PER_MINUTE),
        ingested: isoMs(timestampMs + MS_PER_MINUTE),
        action: vector.action,
        observer: vector.observer,
        shareType: vector.action === 'file-shared' ? ['Anyone with the link'] : [],
        vector: vector.exfiltration ? vector.action : null,
        detectorDisplayName: null,
        relatedEvents: [],
        xfcEventId: null,
      },
      user: { email: user.username, id: user.userUid, deviceUid: device?.deviceUid ?? null },
      file: parts.file(user, file),
      source: parts.source(user),
      destination: vector.destination(rng, user),
      process: vector.process ? { ...vector.process, extension: { browser: 'Chrome', version: '124.0', loggedInUser: user.username } } : { executable: null, owner: null, extension: null },
      risk: {
        score,
        severity: riskSeverityOf(score),
        indicators,
        trusted: false,
        trustReason: null,
        untrustedValues: null,
      },
      git: null,
      report: null,
      responseControls: null,
    });
  }
  return tenant.addFileEvents(docs);
}

function actorPool(tenant: Tenant, rule: SimRule): SimUser[] {
  const active = tenant.users().filter((u) => u.active);
  const ofList = (list: Map<string, unknown>) => active.filter((u) => list.has(u.userUid));
  let pool: SimUser[] = active;
  if (rule.ruleSource === 'Departing Employee') pool = ofList(tenant.departing);
  else if (rule.ruleSource === 'High Risk Employee') pool = ofList(tenant.highRisk);
  else if (rule.usersToAlertOn === 'SPECIFIED_USERS') pool = ofList(rule.users);
  return pool.length > 0 ? pool : active;
}

/** The latest (up to 3) risky events of the user at or before `atMs` (any of theirs when none is). */
function eventsBefore(events: readonly SimFileEvent[], atMs: number): string[] {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].timestampMs <= atMs) lo = mid + 1;
    else hi = mid;
  }
  const earlier = events.slice(Math.max(0, lo - 3), lo);
  return (earlier.length > 0 ? earlier : events.slice(0, 3)).map((e) => e.id);
}

/**
 * `count` alerts created over the last `days` days from the enabled rules, every riskSeverity and state
 * represented, each with one observation naming the actor's file events. Every tenth alert and the two
 * after it share one createdAt (ties that paging and fetch must handle).
 */
export function generateAlerts(tenant: Tenant, rng: Random, count: number, days = 3): void {
  const now = tenant.now();
  const rules = tenant.rules.filter((r) => r.isEnabled);
  if (rules.length === 0 || count === 0) return;
  const pools = new Map(rules.map((r) => [r.observerRuleId, actorPool(tenant, r)]));
  const riskyEvents = new Map<string, SimFileEvent[]>();
  for (const event of tenant.fileEvents()) {
    const risk = event.doc.risk as { score?: number } | undefined;
    if (!risk?.score) continue;
    const email = (event.doc.user as { email: string }).email;
    const list = riskyEvents.get(email) ?? [];
    list.push(event);
    riskyEvents.set(email, list);
  }
  const refs = new Map<string, AlertWatchlistRef[]>();
  const reviewer = tenant.users()[0]?.username ?? 'key-demo-client';
  const inputs: AlertInput[] = [];
  let groupCreatedUs = 0;
  for (let i = 0; i < count; i++) {
    const rule = rules[rng.int(rules.length)];
    const actor = rng.pick(pools.get(rule.observerRuleId) ?? []);
    const createdAtUs = i % 10 === 0 || i % 10 > 2 ? now * 1000 - rng.int(days * MS_PER_DAY * 1000) - MS_PER_MINUTE * 1000 : groupCreatedUs;
    if (i % 10 === 0) groupCreatedUs = createdAtUs;
    const state = i % 7 < 4 ? ALERT_STATES[0] : ALERT_STATES[(i % 7) - 3];
    if (!refs.has(actor.userUid)) refs.set(actor.userUid, tenant.watchlistRefsFor(actor.userUid));
    const reviewedAt = Math.min(now * 1000, createdAtUs + MS_PER_HOUR * 1000);
    inputs.push({
      actor: actor.username,
      ruleId: rule.observerRuleId,
      riskSeverity: RISK_SEVERITIES[i % RISK_SEVERITIES.length],
      state,
      createdAt: createdAtUs / 1000,
      eventIds: eventsBefore(riskyEvents.get(actor.username) ?? [], Math.floor(createdAtUs / 1000)),
      watchlists: refs.get(actor.userUid),
      stateLastModifiedBy: state === 'OPEN' ? null : reviewer,
      stateLastModifiedAt: state === 'OPEN' ? null : isoMicros(reviewedAt),
      note: state === 'OPEN' ? null : i % 2 === 0 ? `Reviewed by ${reviewer}.` : null,
    });
  }
  tenant.addAlerts(inputs);
}
