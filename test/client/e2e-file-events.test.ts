// File events and file download against the simulator over real HTTP, with more events than the
// 10,000-result window so deep paging has to use pgToken.
import type { FileEventQuery } from '../../src/code42/api';
import { Code42NotFoundError, type Code42Error } from '../../src/code42/errors';
import { rejectionOf } from './helpers';
import { requestCounter, useSimulator } from './simulator';

const EVENTS = 12_500;
const harness = useSimulator({ events: EVENTS });
const client = () => harness().client;
const tenant = () => harness().simulator.tenant;
const count = () => requestCounter(harness().simulator, 'POST', '/v2/file-events');

const everything: FileEventQuery = { groupClause: 'AND', groups: [] };
const idsOf = (events: { event?: { id?: string } }[]) => events.map((e) => e.event?.id);

describe('file event search', () => {
  test('searchAll goes past the 10,000-event window with pgToken and returns each event once, in event.id order', async () => {
    const requests = count();

    const events = await client().fileEvents.searchAll(everything, 12_000);

    const sortedIds = tenant()
      .fileEvents()
      .map((e) => e.id)
      .sort();
    expect(requests()).toBe(2);
    expect(idsOf(events)).toEqual(sortedIds.slice(0, 12_000));
  });

  test('searchAll stops when the events run out, before the cap', async () => {
    const events = await client().fileEvents.searchAll(everything, 20_000);

    expect(events).toHaveLength(EVENTS);
  });

  test('the last page inside the window is served; one past it is refused before sending', async () => {
    const requests = count();

    const last = await client().fileEvents.search({ ...everything, pgNum: 2, pgSize: 5000 });
    const error = (await rejectionOf(client().fileEvents.search({ ...everything, pgNum: 3, pgSize: 5000 }))) as Code42Error;

    expect(last.fileEvents).toHaveLength(5000);
    expect(error.kind).toBe('invalid-request');
    expect(requests()).toBe(1);
  });

  test('a filter narrows the search to matching events', async () => {
    const sample = tenant().fileEvents()[42].doc as unknown as { user: { email: string } };
    const query: FileEventQuery = { groupClause: 'AND', groups: [{ filterClause: 'AND', filters: [{ term: 'user.email', operator: 'IS', value: sample.user.email }] }] };

    const events = await client().fileEvents.searchAll(query, 50);

    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => (e as { user?: { email?: string } }).user?.email === sample.user.email)).toBe(true);
  });

  test('a stale page token is INVALID_PAGE_TOKEN', async () => {
    const error = (await rejectionOf(client().fileEvents.search({ ...everything, pgSize: 10, pgToken: 'not-an-event-id' }))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.mentions('INVALID_PAGE_TOKEN')).toBe(true);
  });

  test('a filter Code42 cannot run comes back with its problems named', async () => {
    const query: FileEventQuery = { groupClause: 'AND', groups: [{ filterClause: 'AND', filters: [{ term: 'file.name', operator: 'SOUNDS_LIKE', value: 'x' }] }] };

    const error = (await rejectionOf(client().fileEvents.search(query))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.mentions('SOUNDS_LIKE')).toBe(true);
  });

  test('byIds asks for a few events in one request and answers in the caller order', async () => {
    const wanted = tenant()
      .fileEvents()
      .slice(200, 230)
      .map((e) => e.id)
      .reverse();
    const requests = count();

    const events = await client().fileEvents.byIds([...wanted, 'no-such-event']);

    expect(requests()).toBe(1);
    expect(idsOf(events)).toEqual(wanted);
  });
});

describe('file events by id past the 1,024-criteria limit', () => {
  // A tenant of its own: just over one batch of ids, so the search stays quick.
  const small = useSimulator({ events: 1_100 });

  test('byIds fetches 1,050 events in two sequential requests of at most 1,000 criteria, in the caller order', async () => {
    const { simulator } = small();
    const wanted = simulator.tenant
      .fileEvents()
      .slice(0, 1_050)
      .map((e) => e.id)
      .reverse();
    const requests = requestCounter(simulator, 'POST', '/v2/file-events');

    const events = await small().client.fileEvents.byIds(wanted);

    expect(requests()).toBe(2);
    expect(idsOf(events)).toEqual(wanted);
  });
});

describe('file download', () => {
  test('a known SHA256 streams exactly the file bytes', async () => {
    const file = tenant().files()[0];

    const { body } = await client().files.downloadBySha256(file.sha256);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));

    expect(Buffer.concat(chunks).equals(Buffer.from(file.bytes))).toBe(true);
  });

  test('an unknown SHA256 is not found', async () => {
    const error = await rejectionOf(client().files.downloadBySha256('0'.repeat(64)));

    expect(error).toBeInstanceOf(Code42NotFoundError);
  });
});
