// Files commands download (XSOAR file entries, `File.*` context): each is streamed to disk under its own
// generated id, hashing as the bytes pass, so a large file is never held in memory or read twice.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStore, StoredFile } from './command';
import { SsdeepHasher } from './ssdeep';

/** Default place for saved files, relative to the working directory (ignored by git). */
export const DEFAULT_FILES_DIR = join('data', 'files');

/** Counts and hashes the bytes flowing through it: md5, sha1, sha256 and ssdeep, all in one pass. */
class Digests extends Transform {
  size = 0;
  private readonly md5 = createHash('md5');
  private readonly sha1 = createHash('sha1');
  private readonly sha256 = createHash('sha256');
  private readonly ssdeep = new SsdeepHasher();

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += bytes.length;
    this.md5.update(bytes);
    this.sha1.update(bytes);
    this.sha256.update(bytes);
    this.ssdeep.update(bytes);
    callback(null, bytes);
  }

  /** The digests of all bytes seen; ssdeep is absent for what ssdeep itself cannot hash (over ~192 GiB). */
  digests(): Pick<StoredFile, 'md5' | 'sha1' | 'sha256' | 'ssdeep'> {
    return { md5: this.md5.digest('hex'), sha1: this.sha1.digest('hex'), sha256: this.sha256.digest('hex'), ssdeep: this.ssdeep.digest() };
  }
}

export class LocalFileStore implements FileStore {
  readonly directory: string;

  constructor(directory: string = DEFAULT_FILES_DIR) {
    this.directory = resolve(directory);
  }

  /** Where the file with this id lives. The id, never the user-supplied name, makes the path. */
  pathOf(fileId: string): string {
    if (!/^[A-Za-z0-9-]+$/.test(fileId)) throw new Error(`Invalid file id "${fileId}".`);
    return join(this.directory, fileId);
  }

  async save(name: string, body: NodeJS.ReadableStream): Promise<StoredFile> {
    await mkdir(this.directory, { recursive: true });
    const fileId = randomUUID();
    const path = this.pathOf(fileId);
    const digests = new Digests();
    try {
      await pipeline(body, digests, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      // A half-written file must not look like a download.
      await rm(path, { force: true });
      throw error;
    }
    return { fileId, name, path, size: digests.size, ...digests.digests() };
  }

  async remove(fileId: string): Promise<void> {
    await rm(this.pathOf(fileId), { force: true });
  }
}
