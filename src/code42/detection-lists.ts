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
    return this.read('user/getbyusername', { username }, 'get the user profile');
  }

  updateNotes(userId: string, notes: string): Promise<void> {
    return this.write('user/updatenotes', { userId, notes }, 'update the user profile notes');
  }

  addRiskFactors(userId: string, riskFactors: RiskFactor[]): Promise<void> {
    return this.write('user/addriskfactors', { userId, riskFactors }, 'add risk tags to the user');
  }

  removeRiskFactors(userId: string, riskFactors: RiskFactor[]): Promise<void> {
    return this.write('user/removeriskfactors', { userId, riskFactors }, 'remove risk tags from the user');
  }

  add(list: DetectionListName, userId: string, options: { departureDate?: string } = {}): Promise<DetectionListEntry> {
    const body = list === 'departingemployee' ? { userId, departureDate: options.departureDate ?? null } : { userId };
    // The answer is the new entry.
    return this.send(`${list}/add`, body, `add the user to the ${LIST_TITLE[list]}`, 'write', 'json');
  }

  remove(list: DetectionListName, userId: string): Promise<void> {
    return this.write(`${list}/remove`, { userId }, `remove the user from the ${LIST_TITLE[list]}`);
  }

  get(list: DetectionListName, userId: string): Promise<DetectionListEntry> {
    return this.read(`${list}/get`, { userId }, `get the user from the ${LIST_TITLE[list]}`);
  }

  search(list: DetectionListName, filterType: DetectionListFilter, pageSize = SEARCH_PAGE_SIZE): AsyncIterable<DetectionListEntry> {
    const operation = `search the ${LIST_TITLE[list]}`;
    return pageThrough(
      async (pgNum, pgSize) => {
        const page = await this.read<{ items?: DetectionListEntry[] }>(
          `${list}/search`,
          { filterType, pgNum, pgSize, srtKey: 'CREATED_AT', srtDirection: 'DESC' },
          operation,
        );
        return page.items ?? [];
      },
      { firstPage: 1, pageSize, operation },
    );
  }

  private read<T>(action: string, fields: Record<string, unknown>, operation: string): Promise<T> {
    return this.send<T>(action, fields, operation, 'read', 'json');
  }

  /** A change whose answer nobody reads. */
  private write(action: string, fields: Record<string, unknown>, operation: string): Promise<void> {
    return this.send<void>(action, fields, operation, 'write', 'empty');
  }

  private async send<T>(action: string, fields: Record<string, unknown>, operation: string, kind: 'read' | 'write', responseType: 'json' | 'empty'): Promise<T> {
    const tenantId = await this.transport.tenantId();
    return this.transport.request<T>({ method: 'POST', path: `/v1/detection-lists/${action}`, body: { tenantId, ...fields }, kind, operation, responseType });
  }
}
