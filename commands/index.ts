// Every command of the integration, listed explicitly (as n8n's node index): command name -> its declaration.
// A declaration that is not listed here does not exist, and test/commands/index.test.ts fails when a
// `defineCommand` in commands/ is missing from this list or listed under another name.
//
// Each module is required the first time one of its commands is needed, so `code42-soar run <command>` loads
// one module (and what it imports) instead of all of them, a fifth of a one-shot command's start; `commands`,
// the service, the playbook runner and gen still get every command (allCommands, Registry.list).
/* eslint-disable @typescript-eslint/no-require-imports -- a require in a function is the lazy, synchronous,
   typed load this index is for: the registry's API (get, has, list) stays synchronous for every front end. */
import type { AnyCommand } from '../src/command';

const alertRules = () => require('./alert-rules') as typeof import('./alert-rules');
const alerts = () => require('./alerts') as typeof import('./alerts');
const cases = () => require('./cases') as typeof import('./cases');
const departingEmployees = () => require('./departing-employees') as typeof import('./departing-employees');
const fileEvents = () => require('./file-events') as typeof import('./file-events');
const files = () => require('./files') as typeof import('./files');
const highRiskEmployees = () => require('./high-risk-employees') as typeof import('./high-risk-employees');
const legalHold = () => require('./legal-hold') as typeof import('./legal-hold');
const riskProfiles = () => require('./risk-profiles') as typeof import('./risk-profiles');
const testModuleFile = () => require('./test-module') as typeof import('./test-module');
const users = () => require('./users') as typeof import('./users');
const watchlists = () => require('./watchlists') as typeof import('./watchlists');

export type CommandIndex = Readonly<Record<string, () => AnyCommand>>;

export const COMMAND_INDEX: CommandIndex = {
  'test-module': () => testModuleFile().testModule,
  // alerts (sessions)
  'code42-alert-get': () => alerts().alertGet,
  'code42-alert-resolve': () => alerts().alertResolve,
  'code42-alert-update': () => alerts().alertUpdate,
  'code42-alert-search': () => alerts().alertSearch,
  'code42-alert-add-note': () => alerts().alertAddNote,
  'code42-alert-file-events': () => alerts().alertFileEvents,
  // employee lists and risk tags
  'code42-departingemployee-add': () => departingEmployees().departingEmployeeAdd,
  'code42-departingemployee-remove': () => departingEmployees().departingEmployeeRemove,
  'code42-departingemployee-get': () => departingEmployees().departingEmployeeGet,
  'code42-departingemployee-get-all': () => departingEmployees().departingEmployeeGetAll,
  'code42-highriskemployee-add': () => highRiskEmployees().highRiskEmployeeAdd,
  'code42-highriskemployee-remove': () => highRiskEmployees().highRiskEmployeeRemove,
  'code42-highriskemployee-get': () => highRiskEmployees().highRiskEmployeeGet,
  'code42-highriskemployee-get-all': () => highRiskEmployees().highRiskEmployeeGetAll,
  'code42-highriskemployee-add-risk-tags': () => highRiskEmployees().highRiskEmployeeAddRiskTags,
  'code42-highriskemployee-remove-risk-tags': () => highRiskEmployees().highRiskEmployeeRemoveRiskTags,
  // watchlists and risk profiles (actors)
  'code42-watchlists-list': () => watchlists().watchlistsList,
  'code42-watchlists-list-included-users': () => watchlists().watchlistsListIncludedUsers,
  'code42-watchlists-add-user': () => watchlists().watchlistsAddUser,
  'code42-watchlists-remove-user': () => watchlists().watchlistsRemoveUser,
  'code42-user-get-risk-profile': () => riskProfiles().userGetRiskProfile,
  'code42-user-update-risk-profile': () => riskProfiles().userUpdateRiskProfile,
  // users
  'code42-user-create': () => users().userCreate,
  'code42-user-block': () => users().userBlock,
  'code42-user-unblock': () => users().userUnblock,
  'code42-user-deactivate': () => users().userDeactivate,
  'code42-user-reactivate': () => users().userReactivate,
  'code42-user-get': () => users().userGet,
  // legal hold
  'code42-legalhold-add-user': () => legalHold().legalHoldAddUser,
  'code42-legalhold-remove-user': () => legalHold().legalHoldRemoveUser,
  'code42-legalhold-matters-list': () => legalHold().legalHoldMattersList,
  // cases
  'code42-case-create': () => cases().caseCreate,
  'code42-case-get': () => cases().caseGet,
  'code42-case-add-file-event': () => cases().caseAddFileEvent,
  // files and file events
  'code42-download-file': () => files().downloadFile,
  'code42-download-file-by-xfc-id': () => files().downloadFileByXfcId,
  'code42-file-events-search': () => fileEvents().fileEventsSearch,
  'code42-file-events-table': () => fileEvents().fileEventsTableCommand,
  // alert rules
  'code42-alert-rules-list': () => alertRules().alertRulesList,
  'code42-alert-rule-list-users': () => alertRules().alertRuleListUsers,
  'code42-alert-rule-add-user': () => alertRules().alertRuleAddUser,
  'code42-alert-rule-remove-user': () => alertRules().alertRuleRemoveUser,
};

/** Every declaration, in the index's order (loads every module). */
export const allCommands = (): AnyCommand[] => Object.values(COMMAND_INDEX).map((load) => load());
