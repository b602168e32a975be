// Legal hold on the gateway (code42-api.md §12.3): matters by name and their custodians.
import type { Custodian, LegalHoldApi, Matter } from './api';
import { collectPages, findInPages } from './paging';
import type { Transport } from './transport';

/** incydr's page size; the server's maximum is not documented. */
const PAGE_SIZE = 100;

export class LegalHold implements LegalHoldApi {
  constructor(private readonly transport: Transport) {}

  /** The first active matter whose name is exactly `name` (the name query may also match others). */
  findMatterByName(name: string): Promise<Matter | undefined> {
    const operation = 'look up the legal hold matter';
    return findInPages(
      async (page, pageSize) => {
        const answer = await this.transport.request<{ matters?: Matter[] }>({
          method: 'GET',
          path: '/v1/legal-hold/matters',
          query: { name, page, pageSize },
          kind: 'read',
          operation,
        });
        return answer.matters ?? [];
      },
      { firstPage: 1, pageSize: PAGE_SIZE, operation },
      (matter) => matter.name === name && matter.active !== false,
    );
  }

  async addCustodian(matterId: string, userId: string): Promise<void> {
    await this.changeCustodian(`/v1/legal-hold/matters/${encodeURIComponent(matterId)}/custodians`, userId, 'add the user to the legal hold matter');
  }

  async removeCustodian(matterId: string, userId: string): Promise<void> {
    await this.changeCustodian(`/v1/legal-hold/matters/${encodeURIComponent(matterId)}/custodians/remove`, userId, 'remove the user from the legal hold matter');
  }

  listCustodians(matterId: string): Promise<Custodian[]> {
    const operation = 'list the custodians of the legal hold matter';
    return collectPages(
      async (page, pageSize) => {
        const answer = await this.transport.request<{ custodians?: Custodian[] }>({
          method: 'GET',
          path: `/v1/legal-hold/matters/${encodeURIComponent(matterId)}/custodians`,
          query: { page, pageSize },
          kind: 'read',
          operation,
        });
        return answer.custodians ?? [];
      },
      { firstPage: 1, pageSize: PAGE_SIZE, operation },
    );
  }

  private async changeCustodian(path: string, userId: string, operation: string): Promise<void> {
    await this.transport.request<void>({ method: 'POST', path, body: { userId }, kind: 'write', operation, responseType: 'empty' });
  }
}
