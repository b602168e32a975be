// A small in-memory Code42 for handler unit tests: the areas the alert, detection-list, watchlist and
// risk-profile commands use, failing the way the real client does (Code42Error with status and Code42 text).
// Every call is recorded so tests can assert what was (not) sent; `failNext` injects a failure into one call.
import type {
  AlertDetails,
  AlertState,
  Code42Api,
  DetectionListEntry,
  DetectionListName,
  DetectionListProfile,
  RiskFactor,
  RiskProfile,
  User,
  Watchlist,
  WatchlistUser,
} from '../../../src/code42/api';
import { Code42Error, Code42NotFoundError } from '../../../src/code42/errors';

const httpError = (operation: string, status: number, text: string): Code42Error =>
  new Code42Error(`Could not ${operation}: Code42 answered ${status} ${text}.`, { kind: 'http', operation, status, code42Text: text });

/** `value`, or the Code42 failure of `operation` when there is none. */
function orFail<T>(value: T | undefined, operation: string, status: number, text: string): T {
  if (value === undefined) throw httpError(operation, status, text);
  return value;
}

const unused = (area: string) =>
  new Proxy({}, { get: (_target, op) => () => Promise.reject(new Error(`fake Code42: ${area}.${String(op)} is not faked`)) });

export interface FakeState {
  users: User[];
  profiles: Map<string, DetectionListProfile>;
  lists: Record<DetectionListName, Map<string, DetectionListEntry>>;
  watchlists: (Watchlist & { members: WatchlistUser[] })[];
  riskProfiles: Map<string, RiskProfile>;
  alerts: Map<string, AlertDetails>;
}

export interface FakeCode42 extends Code42Api {
  state: FakeState;
  calls: string[];
  /** The next call of `operation` (e.g. "detectionLists.updateNotes") rejects with `error`. */
  failNext(operation: string, error: Error): void;
}

export function demoState(): FakeState {
  const users: User[] = ['alice@example.com', 'bob@example.com', 'carol@example.com'].map((username, i) => ({
    userId: `90000000000000000${i + 1}`,
    username,
    active: true,
    blocked: false,
  }));
  const profiles = new Map(users.map((u) => [u.username, { userId: u.userId, userName: u.username, notes: null, cloudUsernames: [], riskFactors: [] as RiskFactor[] }]));
  return {
    users,
    profiles,
    lists: { departingemployee: new Map(), highriskemployee: new Map() },
    watchlists: [
      { watchlistId: '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6', listType: 'DEPARTING_EMPLOYEE', title: null, stats: { includedUsersCount: 0 }, members: [] },
      { watchlistId: '2a8ee899-2bb1-4f3a-bae8-1d3242fc2af7', listType: 'CUSTOM', title: 'Contractors', stats: {}, members: [] },
    ],
    riskProfiles: new Map(users.map((u) => [u.userId, { userId: u.userId, username: u.username, notes: null, startDate: null, endDate: null }])),
    alerts: new Map([
      [
        'alert-1',
        {
          id: 'alert-1',
          type: 'FED_ENDPOINT_EXFILTRATION',
          name: 'Exfiltration to USB',
          description: 'Files moved to removable media',
          actor: 'alice@example.com',
          riskSeverity: 'HIGH',
          createdAt: '2024-05-01T10:00:00.000Z',
          state: 'OPEN',
          note: null,
        },
      ],
    ]),
  };
}

export function fakeCode42(state: FakeState = demoState()): FakeCode42 {
  const calls: string[] = [];
  const failures = new Map<string, Error>();
  const track = async <T>(operation: string, run: () => T): Promise<T> => {
    calls.push(operation);
    const failure = failures.get(operation);
    if (failure) {
      failures.delete(operation);
      throw failure;
    }
    return run();
  };
  const profileById = (userId: string) => [...state.profiles.values()].find((p) => p.userId === userId);
  const onList = (list: DetectionListName, userId: string, operation: string) => orFail(state.lists[list].get(userId), operation, 404, 'Not Found');
  const watchlistById = (id: string) => orFail(state.watchlists.find((w) => w.watchlistId === id), 'change the watchlist', 400, 'Watchlist not found');
  const alert = (id: string) => state.alerts.get(id);

  return {
    state,
    calls,
    failNext: (operation, error) => failures.set(operation, error),
    users: {
      ...(unused('users') as Code42Api['users']),
      findByUsername: (username) => track('users.findByUsername', () => state.users.find((u) => u.username === username)),
    },
    detectionLists: {
      getProfile: (username) =>
        track('detectionLists.getProfile', () => ({ ...orFail(state.profiles.get(username), 'get the user profile', 400, 'Could not find user') })),
      updateNotes: (userId, notes) => track('detectionLists.updateNotes', () => void (profileById(userId)!.notes = notes)),
      addRiskFactors: (userId, factors) =>
        track('detectionLists.addRiskFactors', () => {
          const profile = profileById(userId)!;
          profile.riskFactors = [...new Set([...profile.riskFactors, ...factors])];
        }),
      removeRiskFactors: (userId, factors) =>
        track('detectionLists.removeRiskFactors', () => {
          const profile = profileById(userId)!;
          profile.riskFactors = profile.riskFactors.filter((f) => !factors.includes(f));
        }),
      add: (list, userId, options) =>
        track(`detectionLists.add.${list}`, () => {
          if (state.lists[list].has(userId)) throw httpError('add the user', 400, 'User already on list');
          const profile = profileById(userId)!;
          const entry: DetectionListEntry = { userId, userName: profile.userName, notes: profile.notes, riskFactors: profile.riskFactors };
          if (list === 'departingemployee') entry.departureDate = options?.departureDate ?? null;
          state.lists[list].set(userId, entry);
          return entry;
        }),
      remove: (list, userId) => track(`detectionLists.remove.${list}`, () => void state.lists[list].delete(onList(list, userId, 'remove the user').userId)),
      get: (list, userId) =>
        track(`detectionLists.get.${list}`, () => {
          const entry = onList(list, userId, 'get the user');
          const profile = profileById(userId)!;
          return { ...entry, notes: profile.notes, riskFactors: profile.riskFactors };
        }),
      search: (list, _filter, pageSize = 100) => {
        const pages = async function* () {
          const entries = [...state.lists[list].values()].map((e) => ({ ...e, ...(profileById(e.userId) ? { notes: profileById(e.userId)!.notes, riskFactors: profileById(e.userId)!.riskFactors } : {}) }));
          for (let start = 0; ; start += pageSize) {
            const page = await track(`detectionLists.search.${list}`, () => entries.slice(start, start + pageSize));
            yield* page;
            if (page.length < pageSize) return;
          }
        };
        return pages();
      },
    },
    watchlists: {
      list: () => track('watchlists.list', () => state.watchlists.map(({ members: _members, ...w }) => w)),
      resolve: (watchlist) =>
        track('watchlists.resolve', () => {
          const found = state.watchlists.find((w) => w.watchlistId === watchlist || w.listType === watchlist || (w.listType === 'CUSTOM' && w.title === watchlist));
          if (!found) throw new Code42NotFoundError(`Invalid Watchlist type: ${watchlist}, run !code42-watchlists-list to get a list of available Watchlists.`, 'look up the watchlist');
          const { members: _members, ...rest } = found;
          return rest;
        }),
      addUsers: (id, userIds) =>
        track('watchlists.addUsers', () => {
          const list = watchlistById(id);
          for (const userId of userIds) {
            const user = state.users.find((u) => u.userId === userId)!;
            if (!list.members.some((m) => m.userId === userId)) list.members.push({ userId, username: user.username, addedTime: '2024-05-01T00:00:00.000Z' });
          }
        }),
      removeUsers: (id, userIds) =>
        track('watchlists.removeUsers', () => {
          const list = watchlistById(id);
          list.members = list.members.filter((m) => !userIds.includes(m.userId));
        }),
      listIncludedUsers: (id) => track('watchlists.listIncludedUsers', () => [...watchlistById(id).members]),
    },
    riskProfiles: {
      get: (userId) =>
        track('riskProfiles.get', () => ({ ...orFail(state.riskProfiles.get(userId), 'get the user risk profile', 404, 'Not Found') })),
      update: (userId, patch) =>
        track('riskProfiles.update', () => ({ ...Object.assign(orFail(state.riskProfiles.get(userId), 'update the user risk profile', 404, 'Not Found'), patch) })),
    },
    alerts: {
      query: (criteria, page) =>
        track('alerts.query', () => {
          const matching = [...state.alerts.values()].filter(
            (a) => (!criteria.actor || a.actor === criteria.actor) && (!criteria.state || criteria.state.includes(a.state)) && (!criteria.riskSeverity || criteria.riskSeverity.includes(String(a.riskSeverity))),
          );
          return { alerts: matching.slice(page.pgNum * page.pgSize, (page.pgNum + 1) * page.pgSize), totalCount: matching.length };
        }),
      details: (ids) => track('alerts.details', () => ids.flatMap((id) => (alert(id) ? [{ ...alert(id)! }] : []))),
      updateState: (ids, newState: AlertState, note) =>
        track('alerts.updateState', () => {
          for (const id of ids) {
            const found = alert(id);
            if (!found) continue;
            found.state = newState;
            if (note != null) found.note = { message: note };
          }
        }),
      addNote: (id, note) => track('alerts.addNote', () => void (alert(id) && (alert(id)!.note = { message: note }))),
    },
    alertRules: unused('alertRules') as Code42Api['alertRules'],
    fileEvents: unused('fileEvents') as Code42Api['fileEvents'],
    files: unused('files') as Code42Api['files'],
    legalHold: unused('legalHold') as Code42Api['legalHold'],
    cases: unused('cases') as Code42Api['cases'],
    checkConnection: () => Promise.resolve(),
    alertUrl: (alertId) => `https://console.example.com/app/#/alerts/review-alerts/${alertId}`,
  };
}
