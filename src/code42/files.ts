// File download on the gateway (code42-api.md §14.3): the bytes of a file by its SHA256, streamed.
import type { Readable } from 'node:stream';
import type { FilesApi } from './api';
import { notFoundOn404 } from './answers';
import type { Transport } from './transport';

export class Files implements FilesApi {
  constructor(private readonly transport: Transport) {}

  async downloadBySha256(sha256: string): Promise<{ body: NodeJS.ReadableStream; contentLength?: number }> {
    const operation = 'download the file';
    const body = await notFoundOn404(
      this.transport.request<Readable>({
        method: 'GET',
        path: `/v1/files/get-file-by-sha256/${encodeURIComponent(sha256)}`,
        kind: 'read',
        operation,
        responseType: 'stream',
      }),
      `No file found with SHA256 hash ${sha256}.`,
      operation,
    );
    return { body };
  }
}
