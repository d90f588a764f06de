/** `SpreadsheetApp` for one execution: the active spreadsheet, openById with sharing, create, flush, getUi. */
import type * as S from '../../gas/services';
import { LocalConditionalRuleBuilder, LocalDataValidationBuilder } from './builders';
import { googleError } from './errors';
import type { Execution, Runtime } from './runtime';
import { LocalSpreadsheet } from './spreadsheet';
import { type UiRecord, uiService } from './ui';
import type { WorkbookData } from './workbookData';

/** What SpreadsheetApp needs of the world: its spreadsheets and UI. */
export interface SpreadsheetHost {
  readonly runtime: Runtime;
  readonly spreadsheets: Map<string, WorkbookData>;
  readonly deletedSpreadsheets: ReadonlySet<string>;
  readonly ui: UiRecord;
  createSpreadsheetData(name: string, owner?: string): WorkbookData;
}

const NOT_FOUND = 'Unexpected error while getting the method or property openById on object SpreadsheetApp.';

export function spreadsheetAppFor(host: SpreadsheetHost, execution: Execution): S.SpreadsheetAppService {
  const rt = host.runtime;
  const canUseUi = execution.context === 'editor' || execution.context === 'sidebar' || execution.context === 'simple-trigger';
  return {
    getActiveSpreadsheet: () => {
      rt.charge('SpreadsheetApp.getActiveSpreadsheet', 'handle');
      if (!execution.activeSpreadsheetId) return null;
      const data = host.spreadsheets.get(execution.activeSpreadsheetId);
      if (!data) throw googleError(NOT_FOUND);
      return new LocalSpreadsheet(data, rt);
    },
    openById: (id) => {
      rt.charge('SpreadsheetApp.openById', 'openById');
      if (execution.context === 'simple-trigger') {
        throw googleError(
          'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
        );
      }
      const data = host.spreadsheets.get(id);
      // Google words a file that is gone several ways; MotCua must not depend on which.
      if (!data && host.deletedSpreadsheets.has(id)) {
        throw googleError(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
      }
      if (!data) throw googleError(NOT_FOUND);
      if (![data.owner, ...data.editors, ...data.viewers].includes(execution.user)) {
        throw googleError('You do not have permission to access the requested document.');
      }
      return new LocalSpreadsheet(data, rt);
    },
    create: (name) => {
      rt.charge('SpreadsheetApp.create', 'create');
      return new LocalSpreadsheet(host.createSpreadsheetData(name, execution.user), rt);
    },
    flush: () => rt.charge('SpreadsheetApp.flush', 'flush'),
    getUi: () => {
      rt.charge('SpreadsheetApp.getUi', 'ui');
      if (!canUseUi) throw googleError('Cannot call SpreadsheetApp.getUi() from this context.');
      return uiService(host.ui, rt);
    },
    newDataValidation: () => new LocalDataValidationBuilder(),
    newConditionalFormatRule: () => new LocalConditionalRuleBuilder(),
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType,
  };
}
