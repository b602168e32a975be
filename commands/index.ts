// Every command of the integration, listed explicitly (as n8n's node index): a declaration that is not
// listed here does not exist, and test/commands/index.test.ts fails when a `defineCommand` in commands/ is
// missing from this list.
import type { AnyCommand } from '../src/command';
import { alertRuleAddUser, alertRuleListUsers, alertRuleRemoveUser, alertRulesList } from './alert-rules';
import { alertAddNote, alertFileEvents, alertGet, alertResolve, alertSearch, alertUpdate } from './alerts';
import { caseAddFileEvent, caseCreate, caseGet } from './cases';
import { departingEmployeeAdd, departingEmployeeGet, departingEmployeeGetAll, departingEmployeeRemove } from './departing-employees';
import { fileEventsSearch, fileEventsTableCommand } from './file-events';
import { downloadFile, downloadFileByXfcId } from './files';
import {
  highRiskEmployeeAdd,
  highRiskEmployeeAddRiskTags,
  highRiskEmployeeGet,
  highRiskEmployeeGetAll,
  highRiskEmployeeRemove,
  highRiskEmployeeRemoveRiskTags,
} from './high-risk-employees';
import { legalHoldAddUser, legalHoldMattersList, legalHoldRemoveUser } from './legal-hold';
import { userGetRiskProfile, userUpdateRiskProfile } from './risk-profiles';
import { testModule } from './test-module';
import { userBlock, userCreate, userDeactivate, userGet, userReactivate, userUnblock } from './users';
import { watchlistsAddUser, watchlistsList, watchlistsListIncludedUsers, watchlistsRemoveUser } from './watchlists';

export const COMMANDS: readonly AnyCommand[] = [
  testModule,
  // alerts (sessions)
  alertGet,
  alertResolve,
  alertUpdate,
  alertSearch,
  alertAddNote,
  alertFileEvents,
  // employee lists and risk tags
  departingEmployeeAdd,
  departingEmployeeRemove,
  departingEmployeeGet,
  departingEmployeeGetAll,
  highRiskEmployeeAdd,
  highRiskEmployeeRemove,
  highRiskEmployeeGet,
  highRiskEmployeeGetAll,
  highRiskEmployeeAddRiskTags,
  highRiskEmployeeRemoveRiskTags,
  // watchlists and risk profiles (actors)
  watchlistsList,
  watchlistsListIncludedUsers,
  watchlistsAddUser,
  watchlistsRemoveUser,
  userGetRiskProfile,
  userUpdateRiskProfile,
  // users
  userCreate,
  userBlock,
  userUnblock,
  userDeactivate,
  userReactivate,
  userGet,
  // legal hold
  legalHoldAddUser,
  legalHoldRemoveUser,
  legalHoldMattersList,
  // cases
  caseCreate,
  caseGet,
  caseAddFileEvent,
  // files and file events
  downloadFile,
  downloadFileByXfcId,
  fileEventsSearch,
  fileEventsTableCommand,
  // alert rules
  alertRulesList,
  alertRuleListUsers,
  alertRuleAddUser,
  alertRuleRemoveUser,
] as AnyCommand[];
