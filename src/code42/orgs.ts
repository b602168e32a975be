// Orgs v1 on the gateway (incydr-api.md §2.6): one answer with every org, no paging. The key is orgGuid.
import type { Org, OrgsApi } from './api';
import { arrayOf, BOOLEAN, decoder, nullable, NULLABLE_STRING, NUMBER, object, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import type { Transport } from './transport';

const ORG = object(
  { orgGuid: STRING, orgName: STRING },
  {
    orgExtRef: NULLABLE_STRING,
    notes: NULLABLE_STRING,
    parentOrgGuid: NULLABLE_STRING,
    active: nullable(BOOLEAN),
    creationDate: NULLABLE_STRING,
    modificationDate: NULLABLE_STRING,
    userCount: nullable(NUMBER),
  },
);
const orgList = decoder<{ orgs: Org[] }>(object({ orgs: arrayOf(ORG) }, { totalCount: nullable(NUMBER) }));

export class Orgs implements OrgsApi {
  constructor(private readonly transport: Transport) {}

  async list(filter: { active?: boolean } = {}): Promise<Org[]> {
    return (await this.transport.json({ endpoint: ENDPOINTS.listOrgs, query: { active: filter.active }, operation: 'list organizations' }, orgList)).orgs;
  }
}
