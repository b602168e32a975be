// File downloads (commands.md): by SHA256, by MD5 (resolved to a SHA256 through a file-event search), or by
// XFC content id (as XSOAR 6.1). The body streams to disk through the file store, hashing as it goes, and
// comes back as an XSOAR file entry with the standard File.* context: SSDeep computed from the bytes (as
// XSOAR's server does; Code42 records only MD5 and SHA256), Type when Code42 knows it.
import type { Code42Api, FileDownload, FileEvent } from '../src/code42/api';
import { CommandError, defineCommand, type CommandContext, type OutputField, type StoredFile } from '../src/command';
import type { FileResult } from '../src/xsoar/entry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { at } from './_shared/file-events';
import { type FileHash, hashTerm, parseHash } from './_shared/hashes';

/** demisto-sdk's standard descriptions for File.* (validation IN149). */
const FILE_FIELDS = {
  Name: { type: 'String', description: 'The name of the file.' },
  Size: { type: 'Number', description: 'The size of the file in bytes.' },
  MD5: { type: 'String', description: 'The MD5 hash of the file.' },
  SHA1: { type: 'String', description: 'The SHA1 hash of the file.' },
  SHA256: { type: 'String', description: 'The SHA256 hash of the file.' },
  SSDeep: { type: 'String', description: 'The ssdeep hash of the file.' },
  Extension: { type: 'String', description: 'The file extension.' },
  Type: { type: 'String', description: 'The file type, as determined by libmagic (same as displayed in file entries).' },
  EntryID: { type: 'String', description: 'The entry ID of the file.' },
  Info: { type: 'String', description: 'Information about the file.' },
} satisfies Record<string, OutputField>;

const FILE_OUTPUTS = { prefix: 'File', key: 'SHA256', fields: FILE_FIELDS };

/** Events looked at for what Code42 knows of a file: the newest first, past those whose hashing failed. */
const LOOKUP_EVENTS = 100;

/** What a file event says about the file: its SHA256, name and type (Code42's hashes are MD5 and SHA256 only). */
interface KnownFile {
  sha256?: string;
  name?: string;
  type?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function knownFile(event: FileEvent): KnownFile {
  const sha256 = text(at(event, 'file.hash.sha256'));
  return compact({
    sha256: sha256 && /^[0-9a-f]{64}$/i.test(sha256) ? sha256.toLowerCase() : undefined,
    name: text(at(event, 'file.name')),
    type: text(at(event, 'file.mimeType')) ?? text(at(event, 'file.mimeTypeByBytes')) ?? text(at(event, 'file.mimeTypeByExtension')),
  });
}

/** What the newest file event with this hash recorded about the file (a SHA256 for an MD5, else whatever it says). */
async function lookUp(code42: Code42Api, hash: FileHash): Promise<KnownFile> {
  const page = await code42.fileEvents.search({
    groupClause: 'AND',
    groups: [{ filterClause: 'AND', filters: [{ term: hashTerm(hash.kind), operator: 'IS', value: hash.value }] }],
    pgNum: 1,
    pgSize: LOOKUP_EVENTS,
    srtKey: '@timestamp',
    srtDir: 'desc',
  });
  const known = page.fileEvents.map(knownFile);
  return known.find((k) => k.sha256 !== undefined) ?? known[0] ?? {};
}

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : undefined;
}

const fileContext = (stored: StoredFile, known: KnownFile) =>
  compact({
    Name: stored.name,
    Size: stored.size,
    MD5: stored.md5,
    SHA1: stored.sha1,
    SHA256: stored.sha256,
    SSDeep: stored.ssdeep,
    Extension: extensionOf(stored.name),
    // Only what Code42 recorded for these very bytes (same SHA256) describes them.
    Type: known.sha256 === stored.sha256 ? known.type : undefined,
    EntryID: stored.fileId,
  });

/** Saves the download and answers the file entry and its File.* context. */
async function saved(files: CommandContext['files'], download: FileDownload, name: string, known: KnownFile, check?: FileHash): Promise<FileResult> {
  const stored = await files.save(name, download.body);
  // A playbook acts on these bytes as "the file with that hash"; bytes that are not it must not pass as such.
  if (check && stored[check.kind] !== check.value) {
    await files.remove(stored.fileId);
    throw new CommandError(`Code42 sent a file whose ${check.kind.toUpperCase()} hash is ${stored[check.kind]}, not the requested ${check.value}.`);
  }
  const outputs = fileContext(stored, known);
  return {
    file: { name: stored.name, fileId: stored.fileId },
    result: { title: 'Code42 File Downloaded', outputs, headers: ['Name', 'Size', 'Type', 'SHA256', 'MD5', 'SHA1', 'SSDeep', 'EntryID'], raw: outputs },
  };
}

export const downloadFile = defineCommand({
  name: 'code42-download-file',
  description: 'Downloads a file from Code42.',
  kind: 'read',
  args: {
    hash: requiredString('Either the SHA256 or MD5 hash of the file.'),
    filename: { type: 'string', description: 'The filename to save the file as.' },
  },
  outputs: FILE_OUTPUTS,
  async handler({ code42, files }, args): Promise<FileResult> {
    const hash = parseHash(args.hash);
    const known = await lookUp(code42, hash);
    const sha256 = hash.kind === 'sha256' ? hash.value : known.sha256;
    if (sha256 === undefined) throw new CommandError(`No file found with MD5 hash ${hash.value}.`);
    const download = await code42.files.bySha256(sha256);
    return saved(files, download, args.filename ?? download.fileName ?? known.name ?? hash.value, known, hash);
  },
});

export const downloadFileByXfcId = defineCommand({
  name: 'code42-download-file-by-xfc-id',
  description: "Downloads a file from Code42 by its XFC content ID (the ID of the copy Incydr's exfiltrated-file collection kept).",
  kind: 'read',
  args: {
    xfc_id: requiredString('The XFC content ID of the file.'),
    filename: { type: 'string', description: 'The filename to save the file as.' },
  },
  outputs: FILE_OUTPUTS,
  async handler({ code42, files }, { xfc_id, filename }): Promise<FileResult> {
    const download = await code42.files.byXfcContentId(xfc_id);
    return saved(files, download, filename ?? download.fileName ?? xfc_id, {});
  },
});
