// User risk profiles (code42-api.md §7.1): get, and a PATCH that changes exactly the fields named in `paths`.
import type { RiskProfile, RiskProfilePatch, RiskProfilesApi } from './api';
import { invalidRequest } from './answers';
import type { Transport } from './transport';

const PATCHABLE: readonly (keyof RiskProfilePatch)[] = ['startDate', 'endDate', 'notes'];

export class RiskProfiles implements RiskProfilesApi {
  constructor(private readonly transport: Transport) {}

  get(userId: string): Promise<RiskProfile> {
    return this.transport.request<RiskProfile>({
      method: 'GET',
      path: `/v1/user-risk-profiles/${encodeURIComponent(userId)}`,
      kind: 'read',
      operation: 'get the user risk profile',
    });
  }

  async update(userId: string, patch: RiskProfilePatch): Promise<RiskProfile> {
    const operation = 'update the user risk profile';
    // A key that is present with `null` clears the field, so it is listed; an absent key is left alone.
    const paths = PATCHABLE.filter((key) => patch[key] !== undefined);
    if (paths.length === 0) throw invalidRequest(operation, 'give at least one of start date, end date or notes.');
    const body = Object.fromEntries(paths.map((key) => [key, patch[key]]));
    return this.transport.request<RiskProfile>({
      method: 'PATCH',
      path: `/v1/user-risk-profiles/${encodeURIComponent(userId)}`,
      query: { paths },
      body,
      kind: 'write',
      operation,
    });
  }
}
