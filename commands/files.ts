// code42-download-file (code42-api.md §14.3, commands.md): Code42 serves a file by its SHA256; an MD5 is first
// turned into the SHA256 of a file event that saw the file. The bytes are saved through the file store and
// come back as an XSOAR file entry with the standard File.* context.
import type { Code42Api, FileEvent } from '../src/code42/api';
import { defineCommand, type OutputField, type StoredFile } from '../src/command';
import { CommandError } from '../src/registry';
import type { FileResult } from '../src/xsoar/entry';
import { tableToMarkdown } from '../src/xsoar/markdown';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { type FileHash, hashTerm, parseHash } from './_shared/hashes';

/** demisto-sdk's standard descriptions for File.* (validation IN149). */
const FILE_FIELDS = {
  Name: { type: 'String', description: 'The name of the file.' },
  Size: { type: 'Number', description: 'The size of the file in bytes.' },
  MD5: { type: 'String', description: 'The MD5 hash of the file.' },
  SHA1: { type: 'String', description: 'The SHA1 hash of the file.' },
  SHA256: { type: 'String', description: 'The SHA256 hash of the file.' },
  Extension: { type: 'String', description: 'The file extension.' },
  EntryID: { type: 'String', description: 'The entry ID of the file.' },
  Info: { type: 'String', description: 'Information about the file.' },
} satisfies Record<string, OutputField>;

/** Events looked at for the SHA256 of an MD5: the newest first, past those whose hashing failed. */
const MD5_LOOKUP_EVENTS = 100;

interface Located {
  sha256: string;
  /** The MIME type a file event reported, when the file was found through one. */
  mimeType?: string;
}

const eventFile = (event: FileEvent): { hash?: { sha256?: unknown }; mimeType?: unknown } | undefined =>
  typeof event.file === 'object' && event.file !== null ? (event.file as { hash?: { sha256?: unknown }; mimeType?: unknown }) : undefined;

/** The SHA256 to download: the hash itself, or the one a file event with this MD5 recorded (py42's flow). */
async function locate(code42: Code42Api, hash: FileHash): Promise<Located> {
  if (hash.kind === 'sha256') return { sha256: hash.value };
  const page = await code42.fileEvents.search({
    groupClause: 'AND',
    groups: [{ filterClause: 'AND', filters: [{ term: hashTerm('md5'), operator: 'IS', value: hash.value }] }],
    pgNum: 1,
    pgSize: MD5_LOOKUP_EVENTS,
    srtKey: '@timestamp',
    srtDir: 'desc',
  });
  for (const event of page.fileEvents) {
    const file = eventFile(event);
    const sha256 = file?.hash?.sha256;
    if (typeof sha256 === 'string' && /^[0-9a-f]{64}$/i.test(sha256)) {
      return { sha256: sha256.toLowerCase(), mimeType: typeof file?.mimeType === 'string' ? file.mimeType : undefined };
    }
  }
  throw new CommandError(`No file found with MD5 hash ${hash.value}.`);
}

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : undefined;
}

function fileContext(stored: StoredFile, located: Located) {
  return compact({
    Name: stored.name,
    Size: stored.size,
    MD5: stored.md5,
    SHA1: stored.sha1,
    SHA256: stored.sha256,
    Extension: extensionOf(stored.name),
    EntryID: stored.fileId,
    Info: located.mimeType,
  });
}

export const downloadFile = defineCommand({
  name: 'code42-download-file',
  description: 'Downloads a file from Code42.',
  kind: 'read',
  args: {
    hash: requiredString('Either the SHA256 or MD5 hash of the file.'),
    filename: { type: 'string', description: 'The filename to save the file as.' },
  },
  outputs: { prefix: 'File', key: 'SHA256', fields: FILE_FIELDS },
  async handler({ code42, files }, args): Promise<FileResult> {
    const hash = parseHash(args.hash);
    const located = await locate(code42, hash);
    const { body } = await code42.files.downloadBySha256(located.sha256);
    const stored = await files.save(args.filename ?? args.hash.trim(), body);
    // A playbook acts on these bytes as "the file with that hash"; bytes that are not it must not pass as such.
    if (stored[hash.kind] !== hash.value) {
      await files.remove(stored.fileId);
      throw new CommandError(`Code42 sent a file whose ${hash.kind.toUpperCase()} hash is ${stored[hash.kind]}, not the requested ${hash.value}.`);
    }
    const outputs = fileContext(stored, located);
    const title = 'Code42 File Downloaded';
    return {
      file: { name: stored.name, fileId: stored.fileId },
      result: { title, outputs, readable: tableToMarkdown(title, outputs, { headers: ['Name', 'Size', 'SHA256', 'MD5', 'SHA1', 'EntryID'] }), raw: outputs },
    };
  },
});
