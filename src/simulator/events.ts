// File events in the v2 model (the SDK's FileEventV2, camelCase wire names): every object the model requires
// is present (risk.untrustedValues with its five lists), and null appears only where the model allows it.
// Sub-objects that only depend on the actor or on (actor, file) are shared between events, so a generated
// tenant of tens of thousands of events stays small.
import type { FileEventDoc, SimActor, SimFile } from './model';
import type { Random } from './random';
import { MS_PER_DAY, MS_PER_MINUTE, isoMs } from './time';

export interface Indicator {
  id: string;
  name: string;
  weight: number;
}

export interface Vector {
  /** `event.action`. */
  action: string;
  observer: string;
  /** `event.vector`, null for activity that moves nothing out. */
  vector: string | null;
  /** How a session's exfiltrationSummary names it ("... copied to removable media"). */
  summary: string | null;
  indicator: Indicator | null;
  destination: (rng: Random, actor: SimActor) => Record<string, unknown>;
  process: { executable: string; owner: string | null } | null;
}

const EMPTY_DESTINATION = {
  accountName: null,
  accountType: null,
  category: null,
  domains: [],
  email: null,
  ip: null,
  name: null,
  operatingSystem: null,
  printJobName: null,
  printerName: null,
  printedFilesBackupPath: null,
  privateIp: [],
  removableMedia: null,
  tabs: [],
  user: { email: [] },
  remoteHostname: null,
};

const personal = (actor: SimActor) => actor.name.replace(/@.*$/, '@gmail.com');

export const VECTORS: readonly Vector[] = [
  { action: 'file-created', observer: 'Endpoint', vector: null, summary: null, indicator: null, process: null, destination: () => EMPTY_DESTINATION },
  { action: 'file-modified', observer: 'Endpoint', vector: null, summary: null, indicator: null, process: null, destination: () => EMPTY_DESTINATION },
  {
    action: 'removable-media-created',
    observer: 'Endpoint',
    vector: 'REMOVABLE_MEDIA',
    summary: 'copied to removable media',
    indicator: { id: 'removable-media', name: 'Removable media', weight: 5 },
    process: { executable: 'explorer.exe', owner: null },
    destination: (rng) => ({
      ...EMPTY_DESTINATION,
      category: 'Removable Media',
      name: 'SanDisk Ultra',
      removableMedia: {
        busType: 'USB',
        capacity: 62_742_792_192,
        mediaName: 'SanDisk Ultra USB 3.0 Media',
        name: 'Ultra USB 3.0',
        partitionId: [rng.uuid()],
        serialNumber: rng.hex(12).toUpperCase(),
        vendor: 'SanDisk',
        volumeName: ['BACKUP'],
      },
    }),
  },
  {
    action: 'application-read',
    observer: 'Endpoint',
    vector: 'UPLOADED',
    summary: 'uploaded to personal cloud storage',
    indicator: { id: 'personal-cloud', name: 'Personal cloud storage', weight: 6 },
    process: { executable: 'chrome.exe', owner: null },
    destination: (rng) => {
      const service = rng.pick(['Dropbox', 'Google Drive', 'WeTransfer']);
      const domain = `${service.toLowerCase().replace(/\s/g, '')}.com`;
      return {
        ...EMPTY_DESTINATION,
        category: 'Cloud Storage',
        name: service,
        domains: [domain],
        tabs: [{ title: `Upload - ${service}`, titleError: null, url: `https://www.${domain}/upload`, urlError: null }],
      };
    },
  },
  {
    action: 'file-emailed',
    observer: 'Gmail',
    vector: 'EMAILED',
    summary: 'emailed to a personal address',
    indicator: { id: 'personal-email', name: 'Email service', weight: 4 },
    process: null,
    destination: (_rng, actor) => ({
      ...EMPTY_DESTINATION,
      category: 'Email',
      name: 'Gmail',
      user: { email: [personal(actor)] },
      email: { recipients: [personal(actor)], subject: 'fwd: files' },
    }),
  },
  {
    action: 'file-printed',
    observer: 'Endpoint',
    vector: 'PRINTED',
    summary: 'printed',
    indicator: { id: 'printer', name: 'Printer', weight: 2 },
    process: { executable: 'winword.exe', owner: null },
    destination: () => ({ ...EMPTY_DESTINATION, category: 'Printer', name: 'HP LaserJet 4F', printerName: 'HP LaserJet 4F', printJobName: 'print job' }),
  },
  {
    action: 'file-shared',
    observer: 'GoogleDrive',
    vector: 'SHARED',
    summary: 'shared via public link from corporate Google Drive',
    indicator: { id: 'public-link', name: 'Public link share', weight: 7 },
    process: null,
    destination: () => ({ ...EMPTY_DESTINATION, category: 'Cloud Storage', name: 'Google Drive' }),
  },
];

export const EXFILTRATION_VECTORS: readonly Vector[] = VECTORS.filter((v) => v.vector !== null);

/** Severity label of a file-event risk score (file events use NO_RISK_INDICATED where sessions use NO_RISK). */
export function eventSeverityOf(score: number): string {
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MODERATE';
  if (score >= 1) return 'LOW';
  return 'NO_RISK_INDICATED';
}

const UNTRUSTED_VALUES = { accountNames: [], domains: [], gitRepositoryUris: [], slackWorkspaces: [], urlPaths: [] };

export interface EventContext {
  /** Indicators every exfiltration of this actor adds (e.g. departing employee). */
  extraIndicators(actor: SimActor): Indicator[];
  /** The device uid and hostname of the actor's endpoint. */
  device(actor: SimActor): { deviceUid: string; hostname: string; os: string; ip: string; privateIp: string };
}

/** Builds file events; one per tenant so the shared sub-objects live as long as the tenant. */
export class EventFactory {
  private readonly sources = new Map<string, Record<string, unknown>>();
  private readonly users = new Map<string, Record<string, unknown>>();
  private readonly fileParts = new Map<string, Record<string, unknown>>();
  private serial = 0;

  constructor(private readonly context: EventContext) {}

  build(rng: Random, actor: SimActor, file: SimFile, timestampMs: number, vector: Vector): FileEventDoc {
    const device = this.context.device(actor);
    const indicators: Indicator[] = vector.indicator ? [vector.indicator] : [];
    if (vector.vector !== null) {
      indicators.push(...this.context.extraIndicators(actor));
      if (file.category === 'Archive') indicators.push({ id: 'zip', name: 'Zip', weight: 2 });
    }
    const score = indicators.reduce((sum, i) => sum + i.weight, 0);
    const xfc = vector.vector !== null;
    return {
      '@timestamp': isoMs(timestampMs),
      event: {
        action: vector.action,
        id: `0_${rng.uuid()}_${device.deviceUid}_${rng.between(100_000_000, 999_999_999)}${rng.between(100_000_000, 999_999_999)}_${this.serial++}`,
        ingested: isoMs(timestampMs + MS_PER_MINUTE),
        inserted: isoMs(timestampMs + 2 * MS_PER_MINUTE),
        observer: vector.observer,
        detectorDisplayName: null,
        relatedEvents: [],
        shareType: vector.action === 'file-shared' ? ['Anyone with the link'] : [],
        vector: vector.vector,
        // An exfiltration's copy is kept by Incydr's exfiltrated-file collection (XFC): the id under which
        // GET /v1/files/get-file-by-xfc-content-id serves it (inference: no source names the event field).
        xfcEventId: xfc ? file.xfcContentId : null,
      },
      user: this.user(actor, device.deviceUid),
      file: this.file(actor, file),
      source: this.source(actor, device),
      destination: vector.destination(rng, actor),
      process: vector.process ? { ...vector.process, extension: { browser: 'Chrome', version: '124.0', loggedInUser: actor.name } } : { executable: null, owner: null, extension: null },
      risk: {
        indicators,
        score,
        severity: eventSeverityOf(score),
        trustReason: null,
        trusted: false,
        untrustedValues: UNTRUSTED_VALUES,
      },
      git: null,
      report: null,
      responseControls: { preventativeControl: null, userJustification: null },
    };
  }

  private user(actor: SimActor, deviceUid: string): Record<string, unknown> {
    let user = this.users.get(actor.actorId);
    if (!user) {
      user = { deviceUid, email: actor.name, id: actor.userId };
      this.users.set(actor.actorId, user);
    }
    return user;
  }

  private source(actor: SimActor, device: ReturnType<EventContext['device']>): Record<string, unknown> {
    let source = this.sources.get(actor.actorId);
    if (!source) {
      source = {
        accountName: null,
        accountType: null,
        category: 'Device',
        domain: `${device.hostname.toLowerCase()}.corp.example.com`,
        domains: [],
        email: null,
        ip: device.ip,
        name: device.hostname,
        operatingSystem: device.os,
        privateIp: [device.privateIp],
        remoteHostname: null,
        removableMedia: null,
        tabs: [],
        user: { email: [] },
      };
      this.sources.set(actor.actorId, source);
    }
    return source;
  }

  private file(actor: SimActor, file: SimFile): Record<string, unknown> {
    const key = `${actor.actorId}/${file.sha256}`;
    let part = this.fileParts.get(key);
    if (!part) {
      const home = (actor.firstName ?? 'user').toLowerCase();
      const windows = this.context.device(actor).os.startsWith('Windows');
      part = {
        acquiredFrom: [],
        archiveId: null,
        category: file.category,
        categoryByBytes: file.category,
        categoryByExtension: file.category,
        changeType: null,
        classifications: [],
        cloudDriveId: null,
        created: isoMs(Date.UTC(2024, 0, 2)),
        directory: windows ? `C:/Users/${home}/Documents/` : `/Users/${home}/Documents/`,
        directoryId: [],
        hash: { md5: file.md5, md5Error: null, sha256: file.sha256, sha256Error: null },
        id: null,
        mimeType: file.mimeType,
        mimeTypeByBytes: file.mimeType,
        mimeTypeByExtension: file.mimeType,
        modified: isoMs(Date.UTC(2024, 0, 2) + 30 * MS_PER_DAY),
        name: file.name,
        originalDirectory: null,
        originalName: null,
        owner: home,
        parentArchiveId: null,
        passwordProtected: file.name.endsWith('.zip') ? false : null,
        sizeInBytes: file.bytes.length,
        url: null,
      };
      this.fileParts.set(key, part);
    }
    return part;
  }
}
