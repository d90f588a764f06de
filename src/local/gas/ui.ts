/** `SpreadsheetApp.getUi()`: menus, sidebars, dialogs and alerts, recorded for tests and the demo. */
import type * as S from '../../gas/services';
import type { Runtime } from './runtime';

export interface UiRecord {
  menus: { caption: string; items: { caption: string; functionName: string }[] }[];
  sidebars: { title: string; content: string }[];
  dialogs: { title: string; content: string }[];
  alerts: string[];
  /** The buttons a person will press at the next alerts that ask (YES, NO...), in order. */
  answers: string[];
}

export function newUiRecord(): UiRecord {
  return { menus: [], sidebars: [], dialogs: [], alerts: [], answers: [] };
}

export function uiService(record: UiRecord, runtime: Runtime): S.Ui {
  return {
    createMenu: (caption) => {
      const items: { caption: string; functionName: string }[] = [];
      const menu: S.Menu = {
        addItem: (c, fn) => (items.push({ caption: c, functionName: fn }), menu),
        addSeparator: () => (items.push({ caption: '---', functionName: '' }), menu),
        addSubMenu: () => menu,
        addToUi: () => {
          runtime.charge('Menu.addToUi', 'ui');
          record.menus = record.menus.filter((m) => m.caption !== caption);
          record.menus.push({ caption, items });
        },
      };
      return menu;
    },
    Button: {
      CLOSE: 'CLOSE',
      OK: 'OK',
      CANCEL: 'CANCEL',
      YES: 'YES',
      NO: 'NO',
    } as unknown as typeof GoogleAppsScript.Base.Button,
    ButtonSet: {
      OK: 'OK',
      OK_CANCEL: 'OK_CANCEL',
      YES_NO: 'YES_NO',
      YES_NO_CANCEL: 'YES_NO_CANCEL',
    } as unknown as typeof GoogleAppsScript.Base.ButtonSet,
    alert: ((prompt: string, buttons?: unknown) => {
      runtime.charge('Ui.alert', 'ui');
      record.alerts.push(prompt);
      if (buttons === undefined) return 'OK';
      const answer = record.answers.shift();
      if (answer === undefined) throw new Error('Local services: an alert asks, and no answer was queued (world.ui.answers).');
      return answer;
    }) as S.Ui['alert'],
    showSidebar: (output) => {
      runtime.charge('Ui.showSidebar', 'ui');
      record.sidebars.push({ title: output.getTitle(), content: output.getContent() });
    },
    showModalDialog: (output, title) => {
      runtime.charge('Ui.showModalDialog', 'ui');
      record.dialogs.push({ title, content: output.getContent() });
    },
  };
}
