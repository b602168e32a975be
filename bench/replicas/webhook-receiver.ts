// A webhook receiver for the replicas soak test and benchmark: accepts POSTed incidents (2xx), or fails a
// share of them with 503 (seeded, so a failing run can be replayed) — at most `maxFailuresPerKey` times for
// one key, so that the sender's backoff stays bounded — and keeps every accepted delivery with its
// Idempotency-Key, as a receiver that honours the key would look them up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Random } from '../../src/simulator/random';

export interface AcceptedDelivery {
  key: string | undefined;
  sessionId: string;
}

export interface WebhookReceiver {
  url: string;
  accepted: AcceptedDelivery[];
  /** Posts answered 503 on purpose. */
  refused: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { failureRate: number; maxFailuresPerKey: number; seed: number }): Promise<WebhookReceiver> {
  const random = new Random(options.seed);
  const failures = new Map<string, number>();
  const receiver = { accepted: [] as AcceptedDelivery[], refused: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const header = request.headers['idempotency-key'];
      const key = Array.isArray(header) ? header[0] : header;
      const failed = failures.get(key ?? '') ?? 0;
      if (failed < options.maxFailuresPerKey && random.next() < options.failureRate) {
        failures.set(key ?? '', failed + 1);
        receiver.refused++;
        response.writeHead(503).end();
        return;
      }
      const incident = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { dbotMirrorId: string };
      receiver.accepted.push({ key, sessionId: incident.dbotMirrorId });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/incidents`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
