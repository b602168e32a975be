import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Incident } from '../../src/fetch/incident';
import { isWebhookTarget } from '../../src/fetch/open-sink';
import { WebhookSink } from '../../src/fetch/webhook-sink';

const incident = (id: string): Incident => ({ name: `Code42 - ${id}`, occurred: '2026-03-01T10:00:00.000Z', severity: 3, rawJSON: '{}', dbotMirrorId: id, created: '2026-03-01T10:01:00.000Z', labels: [], CustomFields: {} });

describe('webhook sink', () => {
  let server: Server;
  let url: string;
  let received: { headers: IncomingHttpHeaders; body: unknown }[];
  let status: number;

  beforeEach(async () => {
    received = [];
    status = 201;
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body: body === '' ? undefined : JSON.parse(body) });
        if (request.url?.startsWith('/moved-away')) {
          response.writeHead(301, { location: '/hooks/incidents' });
          response.end();
          return;
        }
        response.statusCode = status;
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/incidents?token=s3cret`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs each incident as JSON with its session id as Idempotency-Key', async () => {
    const sink = new WebhookSink(url);
    expect(await sink.deliver([incident('a'), incident('b')])).toEqual({ delivered: 2, skipped: 0 });
    expect(received.map((r) => [r.headers['idempotency-key'], r.headers['content-type'], r.body])).toEqual([
      ['a', 'application/json', incident('a')],
      ['b', 'application/json', incident('b')],
    ]);
  });

  it('fails the delivery on an error status, naming the session but not the URL query', async () => {
    status = 500;
    const sink = new WebhookSink(url);
    const failure = sink.deliver([incident('a')]);
    await expect(failure).rejects.toThrow(`The webhook ${url.replace('?token=s3cret', '')} answered 500 for session a.`);
  });

  it('fails the delivery when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const sink = new WebhookSink(`http://127.0.0.1:${port}/hook`);
    await expect(sink.deliver([incident('a')])).rejects.toThrow(`Could not deliver session a to the webhook http://127.0.0.1:${port}/hook: ECONNREFUSED.`);
  });

  it('fails the delivery on a redirect rather than let it turn the POST into a GET nobody takes in', async () => {
    const sink = new WebhookSink(url.replace('/hooks/incidents', '/moved-away'));
    await expect(sink.deliver([incident('a')])).rejects.toThrow(/answered 301 for session a: a redirect; give the URL it points to\.$/);
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(['a']);
  });

  it('sends credentials written in the URL as Basic authorization, not in the URL', async () => {
    const sink = new WebhookSink(url.replace('http://', 'http://soar:p%40ss@'));
    await sink.deliver([incident('a')]);
    expect(received[0].headers.authorization).toBe(`Basic ${Buffer.from('soar:p@ss').toString('base64')}`);
    expect(sink.description).toBe(url.replace('?token=s3cret', ''));
  });

  it('never puts the credentials or the query of the URL in a failure message', async () => {
    status = 503;
    const failures = await Promise.all(
      [url.replace('http://', 'http://soar:hunter2@'), 'http://soar:hunter2@127.0.0.1:0/hook?token=s3cret'].map((target) =>
        new WebhookSink(target).deliver([incident('a')]).then(
          () => '',
          (error: Error) => error.message,
        ),
      ),
    );
    for (const message of failures) {
      expect(message).toMatch(/session a/);
      expect(message).not.toMatch(/hunter2|s3cret|soar:/);
    }
  });

  it('is chosen for http(s) targets only', () => {
    expect([isWebhookTarget('https://x/hook'), isWebhookTarget('HTTP://x'), isWebhookTarget('data/incidents.jsonl')]).toEqual([true, true, false]);
  });
});
