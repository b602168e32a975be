// Incidents as JSON lines in one file (default data/incidents.jsonl). The sink knows which sessions it holds by
// reading the file itself, every time it is used: another process (a CLI fetch beside `serve`) may have
// appended since, so nothing is cached without checking that the file is still the one read (same device and
// inode, not shorter) and reading what was added. A delivery is written as whole lines in one append, then
// fsynced: a crash can only leave an incomplete last line (no newline yet). Readers skip it; the next delivery
// — which runs under the fetch lock, so no writer is mid-append — cuts it off, and its incident, never
// acknowledged, is delivered again.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Incident } from './incident';
import { SinkError, type DeliveryReport, type IncidentSink } from './sink';

const NEWLINE = 0x0a;
const SCAN_CHUNK_BYTES = 1024 * 1024;
/** Most incidents one read returns (GET /v1/incidents pages). */
export const MAX_READ_LIMIT = 1000;

export interface IncidentPage {
  /** Incidents held in all. */
  total: number;
  offset: number;
  incidents: Incident[];
}

/** What has been read of the file. */
interface Index {
  dev: number;
  ino: number;
  ids: Set<string>;
  /** Byte offset of every line, in file order. */
  lineStarts: number[];
  /** Bytes up to the end of the last complete line. */
  completeBytes: number;
}

const emptyIndex = (dev = -1, ino = -1): Index => ({ dev, ino, ids: new Set(), lineStarts: [], completeBytes: 0 });

function incidentIdOf(line: string, file: string, lineNumber: number): string {
  let id: unknown;
  try {
    id = (JSON.parse(line) as Partial<Incident>).dbotMirrorId;
  } catch {
    id = undefined;
  }
  if (typeof id !== 'string') {
    throw new SinkError(`Line ${lineNumber} of ${file} is not an incident with a dbotMirrorId; repair or move the file before fetching into it.`);
  }
  return id;
}

/** Reads the complete lines after `index.completeBytes` into the index; returns the file's size. */
async function scanFrom(handle: FileHandle, file: string, index: Index): Promise<number> {
  const buffer = Buffer.allocUnsafe(SCAN_CHUNK_BYTES);
  let position = index.completeBytes;
  let partial: Buffer[] = [];
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, SCAN_CHUNK_BYTES, position);
    if (bytesRead === 0) return position;
    const chunk = buffer.subarray(0, bytesRead);
    let from = 0;
    for (let newline = chunk.indexOf(NEWLINE, from); newline !== -1; newline = chunk.indexOf(NEWLINE, from)) {
      const line = Buffer.concat([...partial, chunk.subarray(from, newline)]).toString('utf8');
      partial = [];
      if (line.trim() !== '') {
        index.ids.add(incidentIdOf(line, file, index.lineStarts.length + 1));
        index.lineStarts.push(index.completeBytes);
      }
      index.completeBytes = position + newline + 1;
      from = newline + 1;
    }
    if (from < bytesRead) partial.push(Buffer.from(chunk.subarray(from)));
    position += bytesRead;
  }
}

export class JsonlSink implements IncidentSink {
  private index: Index = emptyIndex();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly logger?: Logger,
  ) {}

  get description(): string {
    return this.file;
  }

  /** Delivers the incidents the file does not hold yet. Call it holding the fetch lock (FetchStore does). */
  deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    return this.serialized(() => this.append(incidents));
  }

  /** Incidents in delivery order, `limit` of them from `offset`, as the file holds them now (complete lines only). */
  read(page: { offset?: number; limit?: number } = {}): Promise<IncidentPage> {
    return this.serialized(async () => {
      const handle = await this.openFile('r');
      if (!handle) return { total: 0, offset: 0, incidents: [] };
      try {
        await this.refresh(handle);
        return await this.readLines(handle, page);
      } finally {
        await handle.close();
      }
    });
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async openFile(flags: 'r' | 'a+'): Promise<FileHandle | undefined> {
    try {
      if (flags === 'a+') await mkdir(dirname(this.file), { recursive: true });
      return await open(this.file, flags);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (flags === 'r' && code === 'ENOENT') return undefined;
      throw new SinkError(`Cannot open the incidents file ${this.file}: ${code ?? (error as Error).message}.`);
    }
  }

  /** Brings the index up to what the file holds; returns the file's size (an incomplete last line included). */
  private async refresh(handle: FileHandle): Promise<number> {
    const { dev, ino, size } = await handle.stat();
    // Another file in its place, or cut shorter than what was read: read it again from the start.
    if (dev !== this.index.dev || ino !== this.index.ino || size < this.index.completeBytes) this.index = emptyIndex(dev, ino);
    return scanFrom(handle, this.file, this.index);
  }

  private async readLines(handle: FileHandle, page: { offset?: number; limit?: number }): Promise<IncidentPage> {
    const { lineStarts, completeBytes } = this.index;
    const total = lineStarts.length;
    const offset = Math.min(Math.max(0, Math.trunc(page.offset ?? 0)), total);
    const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? 50)), MAX_READ_LIMIT);
    const end = Math.min(offset + limit, total);
    if (offset === end) return { total, offset, incidents: [] };
    const from = lineStarts[offset];
    const to = end < total ? lineStarts[end] : completeBytes;
    const bytes = Buffer.allocUnsafe(to - from);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, from + filled);
      if (bytesRead === 0) throw new SinkError(`${this.file} is shorter than expected; was it changed by another program?`);
      filled += bytesRead;
    }
    const incidents = bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Incident);
    return { total, offset, incidents };
  }

  private async append(incidents: readonly Incident[]): Promise<DeliveryReport> {
    const handle = (await this.openFile('a+'))!;
    try {
      const size = await this.refresh(handle);
      if (size > this.index.completeBytes) {
        await handle.truncate(this.index.completeBytes);
        await handle.sync();
        this.logger?.warn(
          { file: this.file, removedBytes: size - this.index.completeBytes },
          `[Fetch] ${this.file} ended in an incomplete line (an interrupted write); it was removed and its incident will be delivered again.`,
        );
      }
      const fresh = new Map<string, Buffer>();
      for (const incident of incidents) {
        if (!this.index.ids.has(incident.dbotMirrorId) && !fresh.has(incident.dbotMirrorId)) {
          fresh.set(incident.dbotMirrorId, Buffer.from(`${JSON.stringify(incident)}\n`));
        }
      }
      const skipped = incidents.length - fresh.size;
      if (fresh.size === 0) return { delivered: 0, skipped };
      try {
        await handle.appendFile(Buffer.concat([...fresh.values()]));
        await handle.sync();
      } catch (error) {
        // Whatever part was written is an incomplete last line at worst; the next delivery cuts it off.
        throw new SinkError(`Could not write incidents to ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
      }
      let position = this.index.completeBytes;
      for (const [id, line] of fresh) {
        this.index.ids.add(id);
        this.index.lineStarts.push(position);
        position += line.length;
      }
      this.index.completeBytes = position;
      return { delivered: fresh.size, skipped };
    } finally {
      await handle.close();
    }
  }
}
