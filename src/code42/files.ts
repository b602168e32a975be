// File downloads (incydr-api.md §2.9): the bytes of a file by its SHA256 or by its XFC content id, streamed
// (never buffered), with the length and name Code42 sends along.
import type { FileDownload, FilesApi } from './api';
import { notFoundOn404 } from './answers';
import { type Endpoint, ENDPOINTS } from './endpoints';
import type { Transport, WireResponse } from './transport';

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred over `filename="…"`). */
function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed extended name falls back to the plain one.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(disposition);
  const name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1').trim() : undefined;
  return name || undefined;
}

function lengthOf(headers: WireResponse['headers']): number | undefined {
  const length = Number(headers.get('content-length') ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

export class Files implements FilesApi {
  constructor(private readonly transport: Transport) {}

  bySha256(sha256: string): Promise<FileDownload> {
    return this.download(ENDPOINTS.fileBySha256, { sha256 }, `No file found with SHA256 hash ${sha256}.`);
  }

  byXfcContentId(xfcContentId: string): Promise<FileDownload> {
    return this.download(ENDPOINTS.fileByXfcContentId, { xfcContentId }, `No file found with XFC content ID ${xfcContentId}.`);
  }

  private async download(endpoint: Endpoint, params: Record<string, string>, notFound: string): Promise<FileDownload> {
    const operation = 'download the file';
    const { body, headers } = await notFoundOn404(this.transport.stream({ endpoint, params, operation }), notFound, operation);
    return { body, contentLength: lengthOf(headers), fileName: fileNameOf(headers.get('content-disposition')) };
  }
}
