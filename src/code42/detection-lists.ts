// Detection lists (code42-api.md §5, gateway paths of seed 000): the user profile (notes, risk factors) and
// the departing / high-risk employee lists. Every call is a POST whose body carries the tenant id.
import type {
  DetectionListEntry,
  DetectionListFilter,
  DetectionListName,
  DetectionListProfile,
  DetectionListsApi,
  RiskFactor,
} from './api';
import { pageThrough } from './paging';
import type { Transport } from './transport';

/** py42's page size for list searches (§5.4). */
const SEARCH_PAGE_SIZE = 100;

const LIST_TITLE: Record<DetectionListName, string> = {
  departingemployee: 'departing employee list',
  highriskemployee: 'high risk employee list',
};

export class DetectionLists implements DetectionListsApi {
  constructor(private readonly transport: Transport) {}

  getProfile(username: string): Promise<DetectionListProfile> {
    return this.call('user/getbyusername', { username }, 'read', 'get the user profile');
  }

  updateNotes(userId: string, notes: string): Promise<void> {
    return this.call('user/updatenotes', { userId, notes }, 'update', 'update the user profile notes');
  }

  addRiskFactors(userId: string, riskFactors: RiskFactor[]): Promise<void> {
    return this.call('user/addriskfactors', { userId, riskFactors }, 'update', 'add risk tags to the user');
  }

  removeRiskFactors(userId: string, riskFactors: RiskFactor[]): Promise<void> {
    return this.call('user/removeriskfactors', { userId, riskFactors }, 'update', 'remove risk tags from the user');
  }

  add(list: DetectionListName, userId: string, options: { departureDate?: string } = {}): Promise<DetectionListEntry> {
    const body = list === 'departingemployee' ? { userId, departureDate: options.departureDate ?? null } : { userId };
    return this.call(`${list}/add`, body, 'write', `add the user to the ${LIST_TITLE[list]}`);
  }

  remove(list: DetectionListName, userId: string): Promise<void> {
    return this.call(`${list}/remove`, { userId }, 'update', `remove the user from the ${LIST_TITLE[list]}`);
  }

  get(list: DetectionListName, userId: string): Promise<DetectionListEntry> {
    return this.call(`${list}/get`, { userId }, 'read', `get the user from the ${LIST_TITLE[list]}`);
  }

  search(list: DetectionListName, filterType: DetectionListFilter, pageSize = SEARCH_PAGE_SIZE): AsyncIterable<DetectionListEntry> {
    const operation = `search the ${LIST_TITLE[list]}`;
    return pageThrough(
      async (pgNum, pgSize) => {
        const page = await this.call<{ items?: DetectionListEntry[] }>(
          `${list}/search`,
          { filterType, pgNum, pgSize, srtKey: 'CREATED_AT', srtDirection: 'DESC' },
          'read',
          operation,
        );
        return page.items ?? [];
      },
      { firstPage: 1, pageSize, operation },
    );
  }

  /** `kind: 'update'` is a write whose answer is not read; `'write'` returns the answer (the added entry). */
  private async call<T>(action: string, fields: Record<string, unknown>, kind: 'read' | 'write' | 'update', operation: string): Promise<T> {
    const tenantId = await this.transport.tenantId();
    return this.transport.request<T>({
      method: 'POST',
      path: `/v1/detection-lists/${action}`,
      body: { tenantId, ...fields },
      kind: kind === 'read' ? 'read' : 'write',
      operation,
      responseType: kind === 'update' ? 'empty' : 'json',
    });
  }
}
