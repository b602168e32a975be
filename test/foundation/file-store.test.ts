// Downloads saved under data/files/<fileId>, hashed while streaming.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DEFAULT_FILES_DIR, LocalFileStore } from '../../src/file-store';

const digest = (algorithm: string, bytes: Buffer): string => createHash(algorithm).update(bytes).digest('hex');

function tempStore(): LocalFileStore {
  return new LocalFileStore(join(mkdtempSync(join(tmpdir(), 'code42-soar-files-')), 'data', 'files'));
}

test('saves the stream under its file id with size and md5, sha1, sha256 and ssdeep of the bytes', async () => {
  const store = tempStore();
  const chunks = [Buffer.from('first chunk, '), Buffer.alloc(70_000, 7), Buffer.from('last')];
  const bytes = Buffer.concat(chunks);
  const stored = await store.save('evidence.zip', Readable.from(chunks));
  expect(stored).toEqual({
    fileId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    name: 'evidence.zip',
    path: join(store.directory, stored.fileId),
    size: bytes.length,
    md5: digest('md5', bytes),
    sha1: digest('sha1', bytes),
    sha256: digest('sha256', bytes),
    // As `ssdeep -s -b` prints it for these bytes.
    ssdeep: '3:wIyIiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii9:wREW',
  });
  expect(readFileSync(stored.path).equals(bytes)).toBe(true);
});

test('the file name never becomes part of the path', async () => {
  const store = tempStore();
  const stored = await store.save('../../escape.txt', Readable.from([Buffer.from('x')]));
  expect(stored.path).toBe(store.pathOf(stored.fileId));
  expect(readdirSync(store.directory)).toEqual([stored.fileId]);
});

test('an empty stream is an empty file with the hashes of no bytes', async () => {
  const stored = await tempStore().save('empty', Readable.from([]));
  expect(stored).toMatchObject({ size: 0, sha256: digest('sha256', Buffer.alloc(0)) });
});

test('a stream that fails midway leaves no partial file behind', async () => {
  const store = tempStore();
  const failing = new Readable({
    read() {
      this.push(Buffer.from('partial'));
      this.destroy(new Error('connection reset'));
    },
  });
  await expect(store.save('broken.bin', failing)).rejects.toThrow('connection reset');
  expect(readdirSync(store.directory)).toEqual([]);
});

test('ids that could leave the directory are refused', () => {
  expect(() => tempStore().pathOf('../x')).toThrow('Invalid file id "../x".');
});

test('files go under data/files by default', () => {
  expect(new LocalFileStore().directory).toBe(join(process.cwd(), DEFAULT_FILES_DIR));
});
