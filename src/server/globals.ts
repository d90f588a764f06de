/**
 * The real Apps Script globals as `Services`: the only file that names them. Getters keep each
 * global untouched until used, so a simple trigger such as onOpen never reaches for a service
 * (MailApp, ScriptApp...) it is not authorised to use.
 */
import type { Services } from '../gas/services';

export function realServices(): Services {
  return {
    get spreadsheetApp() {
      return SpreadsheetApp;
    },
    get mailApp() {
      return MailApp;
    },
    get lockService() {
      return LockService;
    },
    get propertiesService() {
      return PropertiesService;
    },
    get cacheService() {
      return CacheService;
    },
    get scriptApp() {
      return ScriptApp;
    },
    get htmlService() {
      return HtmlService;
    },
    get session() {
      return Session;
    },
    get utilities() {
      return Utilities;
    },
    clock: { now: () => new Date() },
  };
}
