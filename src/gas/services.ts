/**
 * The subset of Apps Script services the server uses. The real globals satisfy these interfaces
 * (checked at compile time in `index.ts`), and `src/local/` implements them for Node, so every
 * server function takes a `Services` and never touches a global.
 */

/** What a cell holds as Apps Script hands it over: empty cells are ''. */
export type CellValue = string | number | boolean | Date;

interface Clock {
  /** The current instant; the only source of "now" for server and core logic. */
  now(): Date;
}

export interface Protection {
  setDescription(description: string): Protection;
  getDescription(): string;
  setWarningOnly(warningOnly: boolean): Protection;
  isWarningOnly(): boolean;
  /** The protected range; for a sheet protection, a range spanning the whole sheet. */
  getRange(): Range | null;
  /** Moves the protection to another range of the same sheet. */
  setRange(range: Range): Protection;
  /** Adds editors of the protected area (not of the spreadsheet itself). */
  addEditors(emailAddresses: string[]): Protection;
  /** Removes editors (e-mails or Users, as Google's own sample passes getEditors()); the owner and the current user stay. */
  removeEditors(editors: readonly (string | User)[]): Protection;
  /**
   * Who may edit. Until the list is changed the protection mirrors the spreadsheet's editors (no real
   * protection), and Google may then answer an empty list (issuetracker 442636162): never trusted alone.
   */
  getEditors(): User[];
  /** Whether the current user may edit the protected area (the owner always may). */
  canEdit(): boolean;
  canDomainEdit(): boolean;
  setDomainEdit(editable: boolean): Protection;
  /** The ranges a protected sheet leaves open to everyone; empty for a range protection. */
  getUnprotectedRanges(): Range[];
  /** Replaces a protected sheet's open ranges; throws for a range protection. */
  setUnprotectedRanges(ranges: Range[]): Protection;
  remove(): void;
}

export interface DataValidation {
  getCriteriaValues(): unknown[];
  getHelpText(): string | null;
  getAllowInvalid(): boolean;
}

export interface DataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder;
  setHelpText(helpText: string): DataValidationBuilder;
  build(): DataValidation;
}

export interface BooleanCondition {
  getCriteriaValues(): unknown[];
}

export interface ConditionalFormatRule {
  getRanges(): Range[];
  /** The rule's condition; for a custom-formula rule its criteria values hold the formula. */
  getBooleanCondition(): BooleanCondition | null;
}

export interface ConditionalFormatRuleBuilder {
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilder;
  setBackground(color: string | null): ConditionalFormatRuleBuilder;
  setFontColor(color: string | null): ConditionalFormatRuleBuilder;
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder;
  build(): ConditionalFormatRule;
}

export interface EmbeddedChart {
  getOptions(): { get(option: string): unknown };
}

export interface EmbeddedChartBuilder {
  asColumnChart(): EmbeddedChartBuilder;
  asBarChart(): EmbeddedChartBuilder;
  asPieChart(): EmbeddedChartBuilder;
  addRange(range: Range): EmbeddedChartBuilder;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder;
  setOption(option: string, value: unknown): EmbeddedChartBuilder;
  build(): EmbeddedChart;
}

export interface Filter {
  getRange(): Range;
}

export interface Range {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getLastRow(): number;
  getA1Notation(): string;
  getSheet(): Sheet;
  getValues(): CellValue[][];
  setValues(values: CellValue[][]): Range;
  getValue(): CellValue;
  setValue(value: CellValue): Range;
  getDisplayValues(): string[][];
  getFormulas(): string[][];
  getNumberFormats(): string[][];
  setNumberFormat(numberFormat: string): Range;
  setNumberFormats(numberFormats: string[][]): Range;
  getBackgrounds(): string[][];
  setBackground(color: string | null): Range;
  setFontWeight(fontWeight: string | null): Range;
  getFontWeights(): string[][];
  setWrap(isWrapEnabled: boolean): Range;
  getWraps(): boolean[][];
  setDataValidation(rule: DataValidation | null): Range;
  getDataValidations(): (DataValidation | null)[][];
  protect(): Protection;
  createFilter(): Filter;
  clearContent(): Range;
}

export interface Sheet {
  getName(): string;
  setName(name: string): Sheet;
  getSheetId(): number;
  getParent(): Spreadsheet;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): Range;
  getRange(a1Notation: string): Range;
  getDataRange(): Range;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): Sheet;
  insertRowsBefore(beforePosition: number, howMany: number): Sheet;
  deleteRows(rowPosition: number, howMany: number): void;
  hideSheet(): Sheet;
  isSheetHidden(): boolean;
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet;
  appendRow(rowContents: CellValue[]): Sheet;
  setFrozenRows(rows: number): void;
  getFrozenRows(): number;
  setFrozenColumns(columns: number): void;
  getFrozenColumns(): number;
  /** Width in pixels (Google's default is 100). */
  getColumnWidth(columnPosition: number): number;
  setColumnWidth(columnPosition: number, width: number): Sheet;
  setTabColor(color: string | null): Sheet;
  protect(): Protection;
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): Protection[];
  getFilter(): Filter | null;
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void;
  getConditionalFormatRules(): ConditionalFormatRule[];
  newChart(): EmbeddedChartBuilder;
  insertChart(chart: EmbeddedChart): void;
  getCharts(): EmbeddedChart[];
  removeChart(chart: EmbeddedChart): void;
  clear(): Sheet;
}

export interface User {
  getEmail(): string;
}

export interface Spreadsheet {
  getId(): string;
  getName(): string;
  getUrl(): string;
  getSpreadsheetTimeZone(): string;
  setSpreadsheetTimeZone(timezone: string): void;
  getSpreadsheetLocale(): string;
  getSheetByName(name: string): Sheet | null;
  /** A range by A1 notation, with its tab: `'Tab name'!A1:C10`. */
  getRange(a1Notation: string): Range;
  getSheets(): Sheet[];
  /** Every protection of the given type in the spreadsheet, in one call. */
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): Protection[];
  insertSheet(sheetName: string): Sheet;
  deleteSheet(sheet: Sheet): void;
  getActiveSheet(): Sheet;
  getActiveRange(): Range | null;
  addViewer(emailAddress: string): Spreadsheet;
  addViewers(emailAddresses: string[]): Spreadsheet;
  removeViewer(emailAddress: string): Spreadsheet;
  addEditors(emailAddresses: string[]): Spreadsheet;
  getViewers(): User[];
  /** Who may edit the file (the owner included). */
  getEditors(): User[];
  /** The file's owner; null for a file in a shared drive. */
  getOwner(): User | null;
  toast(msg: string, title: string, timeoutSeconds: number): void;
}

export interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addSeparator(): Menu;
  addSubMenu(menu: Menu): Menu;
  addToUi(): void;
}

export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
  getTitle(): string;
  setWidth(width: number): HtmlOutput;
  setHeight(height: number): HtmlOutput;
  getContent(): string;
  setContent(content: string): HtmlOutput;
}

export interface Ui {
  createMenu(caption: string): Menu;
  alert(prompt: string): unknown;
  alert(prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button;
  readonly Button: typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet: typeof GoogleAppsScript.Base.ButtonSet;
  showSidebar(userInterface: HtmlOutput): void;
  showModalDialog(userInterface: HtmlOutput, title: string): void;
}

export interface SpreadsheetAppService {
  /** null when the script is not bound to a spreadsheet (standalone, or a trigger of another file). */
  getActiveSpreadsheet(): Spreadsheet | null;
  openById(id: string): Spreadsheet;
  create(name: string): Spreadsheet;
  flush(): void;
  getUi(): Ui;
  newDataValidation(): DataValidationBuilder;
  newConditionalFormatRule(): ConditionalFormatRuleBuilder;
  readonly ProtectionType: typeof GoogleAppsScript.Spreadsheet.ProtectionType;
}

export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
}

export interface MailAppService {
  sendEmail(message: MailMessage): void;
  getRemainingDailyQuota(): number;
}

export interface Lock {
  waitLock(timeoutInMillis: number): void;
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
  hasLock(): boolean;
}

export interface LockServiceService {
  getDocumentLock(): Lock | null;
  getScriptLock(): Lock;
}

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): Properties;
  getProperties(): { [key: string]: string };
  deleteProperty(key: string): Properties;
}

export interface PropertiesServiceService {
  getDocumentProperties(): Properties | null;
  getScriptProperties(): Properties;
  getUserProperties(): Properties;
}

export interface Cache {
  get(key: string): string | null;
  put(key: string, value: string, expirationInSeconds: number): void;
  remove(key: string): void;
}

export interface CacheServiceService {
  getDocumentCache(): Cache | null;
  getScriptCache(): Cache;
}

export interface Trigger {
  getHandlerFunction(): string;
  getUniqueId(): string;
}

export interface ClockTriggerBuilder {
  everyDays(n: number): ClockTriggerBuilder;
  everyHours(n: number): ClockTriggerBuilder;
  atHour(hour: number): ClockTriggerBuilder;
  nearMinute(minute: number): ClockTriggerBuilder;
  after(durationMilliseconds: number): ClockTriggerBuilder;
  inTimezone(timezone: string): ClockTriggerBuilder;
  create(): Trigger;
}

interface TriggerBuilder {
  timeBased(): ClockTriggerBuilder;
}

export interface ScriptAppService {
  newTrigger(functionName: string): TriggerBuilder;
  getProjectTriggers(): Trigger[];
  deleteTrigger(trigger: Trigger): void;
}

export interface HtmlServiceService {
  createHtmlOutputFromFile(filename: string): HtmlOutput;
  createHtmlOutput(html: string): HtmlOutput;
}

export interface SessionService {
  getActiveUser(): User;
  getEffectiveUser(): User;
  getScriptTimeZone(): string;
}

export interface UtilitiesService {
  formatDate(date: Date, timeZone: string, format: string): string;
  sleep(milliseconds: number): void;
}

export interface Services {
  readonly spreadsheetApp: SpreadsheetAppService;
  readonly mailApp: MailAppService;
  readonly lockService: LockServiceService;
  readonly propertiesService: PropertiesServiceService;
  readonly cacheService: CacheServiceService;
  readonly scriptApp: ScriptAppService;
  readonly htmlService: HtmlServiceService;
  readonly session: SessionService;
  readonly utilities: UtilitiesService;
  readonly clock: Clock;
}
