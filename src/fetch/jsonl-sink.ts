// Incidents as JSON lines in one file (default data/incidents.jsonl). The sink knows every alert id it
// holds (read back on open), so delivering an incident again is a no-op. A delivery is written as whole
// lines in one append, then fsynced: a crash can only leave an incomplete last line (no newline yet),
// which the next open cuts off — its incident was never acknowledged, so it is delivered again.
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

interface Contents {
  ids: Set<string>;
  /** Byte offset of every line, in file order. */
  lineStarts: number[];
  /** Bytes up to the end of the last complete line. */
  completeBytes: number;
  /** Bytes in the file, an incomplete last line included. */
  totalBytes: number;
}

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

/** Reads the file once, collecting alert ids and line offsets; only complete (newline-ended) lines count. */
async function scan(handle: FileHandle, file: string): Promise<Contents> {
  const contents: Contents = { ids: new Set(), lineStarts: [], completeBytes: 0, totalBytes: 0 };
  const buffer = Buffer.allocUnsafe(SCAN_CHUNK_BYTES);
  let partial: Buffer[] = [];
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, SCAN_CHUNK_BYTES, contents.totalBytes);
    if (bytesRead === 0) return contents;
    const chunk = buffer.subarray(0, bytesRead);
    let from = 0;
    for (let newline = chunk.indexOf(NEWLINE, from); newline !== -1; newline = chunk.indexOf(NEWLINE, from)) {
      const line = Buffer.concat([...partial, chunk.subarray(from, newline)]).toString('utf8');
      partial = [];
      if (line.trim() !== '') {
        contents.ids.add(incidentIdOf(line, file, contents.lineStarts.length + 1));
        contents.lineStarts.push(contents.completeBytes);
      }
      contents.completeBytes = contents.totalBytes + newline + 1;
      from = newline + 1;
    }
    if (from < bytesRead) partial.push(Buffer.from(chunk.subarray(from)));
    contents.totalBytes += bytesRead;
  }
}

export class JsonlSink implements IncidentSink {
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when a failed append could not be undone: appending after torn bytes would corrupt the file. */
  private broken?: string;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly ids: Set<string>,
    private readonly lineStarts: number[],
    private size: number,
  ) {}

  /** Opens (creating) the file, reads the ids it holds and cuts off an incomplete last line. */
  static async open(file: string, logger?: Logger): Promise<JsonlSink> {
    let handle: FileHandle;
    try {
      await mkdir(dirname(file), { recursive: true });
      handle = await open(file, 'a+');
    } catch (error) {
      throw new SinkError(`Cannot open the incidents file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    try {
      const contents = await scan(handle, file);
      if (contents.totalBytes > contents.completeBytes) {
        await handle.truncate(contents.completeBytes);
        await handle.sync();
        logger?.warn(
          { file, removedBytes: contents.totalBytes - contents.completeBytes },
          `[Fetch] ${file} ended in an incomplete line (an interrupted write); it was removed and its incident will be delivered again.`,
        );
      }
      return new JsonlSink(file, handle, contents.ids, contents.lineStarts, contents.completeBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get description(): string {
    return this.file;
  }

  /** Incidents held. */
  get count(): number {
    return this.lineStarts.length;
  }

  has(alertId: string): boolean {
    return this.ids.has(alertId);
  }

  deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    return this.serialized(() => this.append(incidents));
  }

  /** Incidents in delivery order, `limit` of them from `offset`; reads only complete, fsynced lines. */
  async read(page: { offset?: number; limit?: number } = {}): Promise<IncidentPage> {
    const total = this.lineStarts.length;
    const offset = Math.min(Math.max(0, Math.trunc(page.offset ?? 0)), total);
    const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? 50)), MAX_READ_LIMIT);
    const end = Math.min(offset + limit, total);
    if (offset === end) return { total, offset, incidents: [] };
    const from = this.lineStarts[offset];
    const to = end < total ? this.lineStarts[end] : this.size;
    const bytes = Buffer.allocUnsafe(to - from);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await this.handle.read(bytes, filled, bytes.length - filled, from + filled);
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

  async close(): Promise<void> {
    await this.serialized(() => this.handle.close());
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(incidents: readonly Incident[]): Promise<DeliveryReport> {
    if (this.broken) throw new SinkError(this.broken);
    const fresh = new Map<string, Buffer>();
    for (const incident of incidents) {
      if (!this.ids.has(incident.dbotMirrorId) && !fresh.has(incident.dbotMirrorId)) {
        fresh.set(incident.dbotMirrorId, Buffer.from(`${JSON.stringify(incident)}\n`));
      }
    }
    const skipped = incidents.length - fresh.size;
    if (fresh.size === 0) return { delivered: 0, skipped };
    try {
      await this.handle.appendFile(Buffer.concat([...fresh.values()]));
      await this.handle.sync();
    } catch (error) {
      await this.undoAppend();
      throw new SinkError(`Could not write incidents to ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    for (const [id, line] of fresh) {
      this.ids.add(id);
      this.lineStarts.push(this.size);
      this.size += line.length;
    }
    return { delivered: fresh.size, skipped };
  }

  private async undoAppend(): Promise<void> {
    try {
      await this.handle.truncate(this.size);
    } catch {
      this.broken = `${this.file} may end in a partly written line that could not be removed; reopen it (restart) before delivering again.`;
    }
  }
}
