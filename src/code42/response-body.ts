// Reading a response body whole, but never more than a cap: a runaway answer must not exhaust memory.
import type { ReadableStream } from 'node:stream/web';

/** The part of a fetch response a body is read from (undici's Response and the global one both fit). */
export interface WireBody {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The body as bytes; throws BodyTooLargeError as soon as it is known to exceed `limit`. */
export async function readCapped(response: WireBody, limit: number): Promise<Buffer> {
  const length = response.headers.get('content-length');
  const declared = length === null ? NaN : Number(length);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  if (!response.body) return Buffer.alloc(0);
  // Chunk by chunk even when the length is declared: Node 20's arrayBuffer() copies the whole body once more.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** `50 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
