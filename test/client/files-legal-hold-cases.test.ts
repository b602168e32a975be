import nock from 'nock';
import { Code42NotFoundError, type Code42Error } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const SHA = 'a'.repeat(64);

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('file download', () => {
  test('bySha256 streams the bytes of GET /v1/files/get-file-by-sha256/{sha256} with its length and name', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    nock(API)
      .get(`/v1/files/get-file-by-sha256/${SHA}`)
      .matchHeader('accept', '*/*')
      .reply(200, bytes, { 'content-type': 'application/octet-stream', 'content-length': '5', 'content-disposition': 'attachment; filename="report.pdf"' });

    const { body, contentLength, fileName } = await client().files.bySha256(SHA);

    expect({ contentLength, fileName }).toEqual({ contentLength: 5, fileName: 'report.pdf' });
    expect(await read(body)).toEqual(bytes);
  });

  test('byXfcContentId streams GET /v1/files/get-file-by-xfc-content-id/{id}; a UTF-8 file name is decoded', async () => {
    nock(API)
      .get('/v1/files/get-file-by-xfc-content-id/xfc-1')
      .reply(200, 'hello', { 'content-disposition': "attachment; filename=\"fallback.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt" });

    const { body, fileName } = await client().files.byXfcContentId('xfc-1');

    expect(fileName).toBe('résumé.txt');
    expect((await read(body)).toString()).toBe('hello');
  });

  test('an unknown XFC content id is a not-found error', async () => {
    nock(API).get('/v1/files/get-file-by-xfc-content-id/nope').reply(404);

    await expect(client().files.byXfcContentId('nope')).rejects.toThrow('No file found with XFC content ID nope.');
  });

  test('an unknown hash is a not-found error', async () => {
    nock(API).get(`/v1/files/get-file-by-sha256/${SHA}`).reply(404);

    const error = await rejectionOf(client().files.bySha256(SHA));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe(`No file found with SHA256 hash ${SHA}.`);
  });
});

describe('legal hold', () => {
  const matter = (n: number, name: string, active = true) => ({ matterId: `m${n}`, name, active });

  test('listMatters pages the name query (page, pageSize) and reads camelCase matters', async () => {
    const filler = Array.from({ length: 99 }, (_, i) => matter(100 + i, `Litigation ${i}`));
    const scope = nock(API)
      .get('/v1/legal-hold/matters')
      .query({ name: 'Litigation', page: '1', pageSize: '100' })
      .reply(200, { matters: [matter(1, 'Litigation', false), ...filler] })
      .get('/v1/legal-hold/matters')
      .query({ name: 'Litigation', page: '2', pageSize: '100' })
      .reply(200, { matters: [matter(3, 'Litigation')] });

    const matters = await client().legalHold.listMatters({ name: 'Litigation' });

    expect(matters).toHaveLength(101);
    expect(matters[0]).toEqual(matter(1, 'Litigation', false));
    expect(scope.isDone()).toBe(true);
  });

  test('snake_case matters (as the SDK fixture has them) are read into camelCase', async () => {
    nock(API)
      .get('/v1/legal-hold/matters')
      .query({ active: 'true', page: '1', pageSize: '100' })
      .reply(200, { matters: [{ matter_id: 'm9', name: 'Falcon', active: true, creation_date: '2026-01-01T00:00:00Z', policy_id: 'p1', creator: { user_id: 'u1', username: 'judy@example.com' } }] });

    await expect(client().legalHold.listMatters({ active: true })).resolves.toEqual([
      { matterId: 'm9', name: 'Falcon', active: true, creationDate: '2026-01-01T00:00:00Z', policyId: 'p1', creator: { userId: 'u1', username: 'judy@example.com' } },
    ]);
  });

  test('a matter with neither spelling of its id is a decode sentence naming both', async () => {
    nock(API).get('/v1/legal-hold/matters').query(true).reply(200, { matters: [{ name: 'Falcon' }] });

    await expect(client().legalHold.listMatters()).rejects.toThrow(
      "Could not list legal hold matters: Code42's answer to GET /v1/legal-hold/matters is not what the API documents: matters[0].matterId is missing (also accepted as matter_id).",
    );
  });

  test('custodians are added and removed by user id', async () => {
    const scope = nock(API)
      .post('/v1/legal-hold/matters/m1/custodians', { userId: 'u1' })
      .reply(200, { membershipActive: true, custodian: { userId: 'u1' } })
      .post('/v1/legal-hold/matters/m1/custodians/remove', { userId: 'u1' })
      .reply(204);

    await client().legalHold.addCustodian('m1', 'u1');
    await client().legalHold.removeCustodian('m1', 'u1');

    expect(scope.isDone()).toBe(true);
  });

  test('a user already in the hold keeps USER_ALREADY_IN_HOLD in the error', async () => {
    nock(API).post('/v1/legal-hold/matters/m1/custodians').reply(400, 'USER_ALREADY_IN_HOLD');

    const error = (await rejectionOf(client().legalHold.addCustodian('m1', 'u1'))) as Code42Error;

    expect(error.mentions('USER_ALREADY_IN_HOLD')).toBe(true);
    expect(error.message).toMatch(/^Could not add the user to the legal hold matter/);
  });

  test('custodians reads every page', async () => {
    const custodian = (n: number) => ({ userId: `u${n}`, membershipActive: true });
    const scope = nock(API)
      .get('/v1/legal-hold/matters/m1/custodians')
      .query({ page: '1', pageSize: '100' })
      .reply(200, { custodians: Array.from({ length: 100 }, (_, i) => custodian(i)) })
      .get('/v1/legal-hold/matters/m1/custodians')
      .query({ page: '2', pageSize: '100' })
      .reply(200, { custodians: [] });

    await expect(client().legalHold.custodians('m1')).resolves.toHaveLength(100);
    expect(scope.isDone()).toBe(true);
  });
});

describe('cases', () => {
  const created = { number: 7, name: 'Exfil', status: 'OPEN', subject: null, assignee: null };

  test('create POSTs the case with nulls for what is not given', async () => {
    const scope = nock(API)
      .post('/v1/cases', { name: 'Exfil', subject: 'u1', assignee: null, description: 'what happened', findings: null })
      .reply(200, created);

    await expect(client().cases.create({ name: 'Exfil', subject: 'u1', description: 'what happened' })).resolves.toEqual(created);
    expect(scope.isDone()).toBe(true);
  });

  test('a duplicate name keeps NAME_EXISTS in the error', async () => {
    nock(API).post('/v1/cases').reply(400, { problem: 'NAME_EXISTS', description: null });

    const error = (await rejectionOf(client().cases.create({ name: 'Exfil' }))) as Code42Error;

    expect(error.mentions('NAME_EXISTS')).toBe(true);
    expect(error.message).toMatch(/^Could not create the case/);
  });

  test('get reads the case by number; an unknown number is a not-found error', async () => {
    nock(API).get('/v1/cases/7').reply(200, created).get('/v1/cases/8').reply(404);

    await expect(client().cases.get(7)).resolves.toEqual(created);
    const error = await rejectionOf(client().cases.get(8));
    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No case found with number 8.');
  });

  test.each([
    [{ name: 'n'.repeat(51) }, 'the name has 51 characters and Code42 takes at most 50.'],
    [{ name: 'x', description: 'd'.repeat(251) }, 'the description has 251 characters and Code42 takes at most 250.'],
    [{ name: 'x', findings: 'f'.repeat(30_001) }, 'the findings has 30001 characters and Code42 takes at most 30000.'],
  ])('create refuses what breaks the SDK limits before sending (%#)', async (input, reason) => {
    await expect(client().cases.create(input)).rejects.toThrow(`Could not create the case: ${reason}`);
  });

  test('fileEvents reads events of /v1/cases/{n}/fileevent', async () => {
    const events = [{ eventId: 'e1', fileName: 'a.txt', riskScore: 9, riskSeverity: 'HIGH' }];
    nock(API).get('/v1/cases/7/fileevent').reply(200, { events, totalCount: 1 });

    await expect(client().cases.fileEvents(7)).resolves.toEqual(events);
  });

  test('addFileEvents POSTs the event ids in one batch', async () => {
    const scope = nock(API).post('/v1/cases/7/fileevent', { events: ['e1', 'e2'] }).reply(200);

    await client().cases.addFileEvents(7, ['e1', 'e2']);

    expect(scope.isDone()).toBe(true);
  });
});
