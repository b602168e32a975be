// Legal hold (incydr-api.md §2.7): matters (by name, equal or partial), and a matter's custodians. Pages are
// 1-based with page/pageSize. The SDK's models name matter fields in camelCase but its own fixture is
// snake_case and it accepts both, so both are read here and handed on in camelCase.
import type { Custodian, LegalHoldApi, Matter } from './api';
import { notFoundOn404 } from './answers';
import { arrayOf, BOOLEAN, decoder, nullable, NULLABLE_STRING, object, type Schema, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import { collectPages } from './paging';
import type { Transport } from './transport';

/** The SDK's page size; the server's maximum is not documented. */
const PAGE_SIZE = 100;


const CREATOR = nullable(object({}, { userId: NULLABLE_STRING, user_id: NULLABLE_STRING, username: NULLABLE_STRING }));
const MATTER: Schema = {
  ...object(
    { name: STRING },
    {
      matterId: STRING,
      matter_id: STRING,
      description: NULLABLE_STRING,
      notes: NULLABLE_STRING,
      active: nullable(BOOLEAN),
      creationDate: NULLABLE_STRING,
      creation_date: NULLABLE_STRING,
      policyId: NULLABLE_STRING,
      policy_id: NULLABLE_STRING,
      creator: CREATOR,
    },
  ),
  anyOf: [
    { required: ['matterId'], properties: { matterId: STRING } },
    { required: ['matter_id'], properties: { matter_id: STRING } },
  ],
};
type WireMatter = Omit<Matter, 'matterId' | 'creator'> & {
  matterId?: string;
  matter_id?: string;
  creation_date?: string | null;
  policy_id?: string | null;
  creator?: { userId?: string | null; user_id?: string | null; username?: string | null } | null;
};
const matterPage = decoder<{ matters: WireMatter[] }>(object({ matters: arrayOf(MATTER) }));
const custodianPage = decoder<{ custodians: Custodian[] }>(
  object({
    custodians: arrayOf(object({ userId: STRING, membershipActive: BOOLEAN }, { username: NULLABLE_STRING, name: NULLABLE_STRING, email: NULLABLE_STRING, membershipCreationDate: NULLABLE_STRING })),
  }),
);

/** The matter in camelCase, whichever spelling Code42 used. */
function camelMatter(wire: WireMatter): Matter {
  const { matter_id, creation_date, policy_id, creator, ...rest } = wire;
  // The schema requires one of matterId and matter_id.
  const matter: Matter = { ...rest, matterId: (wire.matterId ?? matter_id) as string };
  const creationDate = wire.creationDate ?? creation_date;
  if (creationDate !== undefined) matter.creationDate = creationDate;
  const policyId = wire.policyId ?? policy_id;
  if (policyId !== undefined) matter.policyId = policyId;
  if (creator !== undefined) matter.creator = creator === null ? null : { userId: creator.userId ?? creator.user_id, username: creator.username };
  return matter;
}

export class LegalHold implements LegalHoldApi {
  constructor(private readonly transport: Transport) {}

  listMatters(filter: { name?: string; active?: boolean } = {}): Promise<Matter[]> {
    const operation = 'list legal hold matters';
    return collectPages(
      async (page, pageSize) =>
        (await this.transport.json({ endpoint: ENDPOINTS.listMatters, query: { name: filter.name, active: filter.active, page, pageSize }, operation }, matterPage)).matters.map(camelMatter),
      { firstPage: 1, pageSize: PAGE_SIZE, operation },
    );
  }

  // A 404 on add or remove may name the matter or the user, and Code42's own text says which (or that the user is
  // not an active custodian), so those errors are not rewritten.
  addCustodian(matterId: string, userId: string): Promise<void> {
    return this.transport.send({ endpoint: ENDPOINTS.addCustodian, params: { matterId }, body: { userId }, operation: 'add the user to the legal hold matter' });
  }

  removeCustodian(matterId: string, userId: string): Promise<void> {
    return this.transport.send({ endpoint: ENDPOINTS.removeCustodian, params: { matterId }, body: { userId }, operation: 'remove the user from the legal hold matter' });
  }

  custodians(matterId: string): Promise<Custodian[]> {
    const operation = 'list the custodians of the legal hold matter';
    return notFoundOn404(
      collectPages(
        async (page, pageSize) => (await this.transport.json({ endpoint: ENDPOINTS.listCustodians, params: { matterId }, query: { page, pageSize }, operation }, custodianPage)).custodians,
        { firstPage: 1, pageSize: PAGE_SIZE, operation },
      ),
      `No legal hold matter found with ID ${matterId}.`,
      operation,
    );
  }
}
