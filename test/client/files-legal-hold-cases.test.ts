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
  test('downloadBySha256 streams the bytes of GET /v1/files/get-file-by-sha256/{sha256}', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    nock(API).get(`/v1/files/get-file-by-sha256/${SHA}`).reply(200, bytes, { 'content-type': 'application/octet-stream' });

    const { body } = await client().files.downloadBySha256(SHA);

    expect(await read(body)).toEqual(bytes);
  });

  test('an unknown hash is a not-found error', async () => {
    nock(API).get(`/v1/files/get-file-by-sha256/${SHA}`).reply(404);

    const error = await rejectionOf(client().files.downloadBySha256(SHA));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe(`No file found with SHA256 hash ${SHA}.`);
  });
});

describe('legal hold', () => {
  const matter = (n: number, name: string, active = true) => ({ matterId: `m${n}`, name, active });

  test('findMatterByName pages the name query and picks the first active exact match', async () => {
    const filler = Array.from({ length: 98 }, (_, i) => matter(100 + i, `Litigation ${i}`));
    const scope = nock(API)
      .get('/v1/legal-hold/matters')
      .query({ name: 'Litigation', page: '1', pageSize: '100' })
      .reply(200, { matters: [matter(1, 'Litigation', false), matter(2, 'litigation'), ...filler] })
      .get('/v1/legal-hold/matters')
      .query({ name: 'Litigation', page: '2', pageSize: '100' })
      .reply(200, { matters: [matter(3, 'Litigation'), matter(4, 'Litigation')] });

    await expect(client().legalHold.findMatterByName('Litigation')).resolves.toMatchObject({ matterId: 'm3' });
    expect(scope.isDone()).toBe(true);
  });

  test('findMatterByName answers undefined when no active matter has the name', async () => {
    nock(API).get('/v1/legal-hold/matters').query(true).reply(200, { matters: [matter(1, 'Other')] });

    await expect(client().legalHold.findMatterByName('Litigation')).resolves.toBeUndefined();
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

  test('listCustodians reads every page', async () => {
    const custodian = (n: number) => ({ userId: `u${n}`, membershipActive: true });
    const scope = nock(API)
      .get('/v1/legal-hold/matters/m1/custodians')
      .query({ page: '1', pageSize: '100' })
      .reply(200, { custodians: Array.from({ length: 100 }, (_, i) => custodian(i)) })
      .get('/v1/legal-hold/matters/m1/custodians')
      .query({ page: '2', pageSize: '100' })
      .reply(200, { custodians: [] });

    await expect(client().legalHold.listCustodians('m1')).resolves.toHaveLength(100);
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

  test('addFileEvents POSTs the event ids in one batch', async () => {
    const scope = nock(API).post('/v1/cases/7/fileevent', { events: ['e1', 'e2'] }).reply(200);

    await client().cases.addFileEvents(7, ['e1', 'e2']);

    expect(scope.isDone()).toBe(true);
  });
});
