/**
 * Rules and charts built by builders, as `SpreadsheetApp.newDataValidation()`,
 * `newConditionalFormatRule()` and `Sheet.newChart()` give them, and what they build.
 */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { LocalRange } from './range';
import type { LocalSheet } from './sheet';
import type { ChartData, ConditionalRuleData, ValidationData } from './workbookData';

export class LocalDataValidation implements S.DataValidation {
  constructor(readonly data: ValidationData) {}
  getCriteriaValues(): unknown[] {
    return [this.data.values, this.data.showDropdown];
  }
  getHelpText(): string | null {
    return this.data.helpText;
  }
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
}

export class LocalDataValidationBuilder implements S.DataValidationBuilder {
  private data: ValidationData = { values: [], showDropdown: true, allowInvalid: true, helpText: null };
  requireValueInList(values: string[], showDropdown: boolean): LocalDataValidationBuilder {
    this.data = { ...this.data, values: [...values], showDropdown };
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): LocalDataValidationBuilder {
    this.data = { ...this.data, allowInvalid: allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): LocalDataValidationBuilder {
    this.data = { ...this.data, helpText };
    return this;
  }
  build(): LocalDataValidation {
    if (this.data.values.length === 0) throw googleError('The data validation rule has no criteria.');
    return new LocalDataValidation({ ...this.data });
  }
}

export class LocalConditionalRule implements S.ConditionalFormatRule {
  constructor(
    readonly data: ConditionalRuleData,
    private readonly sheet?: LocalSheet,
  ) {}
  getRanges(): S.Range[] {
    const sheet = this.sheet;
    return sheet ? this.data.areas.map((a) => sheet.rangeOf(a)) : [];
  }
  getBooleanCondition(): S.BooleanCondition | null {
    const formula = this.data.formula;
    return { getCriteriaValues: () => [formula] };
  }
}

export class LocalConditionalRuleBuilder implements S.ConditionalFormatRuleBuilder {
  private data: ConditionalRuleData = { formula: '', background: null, fontColor: null, areas: [] };
  whenFormulaSatisfied(formula: string): LocalConditionalRuleBuilder {
    this.data.formula = formula;
    return this;
  }
  setBackground(color: string | null): LocalConditionalRuleBuilder {
    this.data.background = color;
    return this;
  }
  setFontColor(color: string | null): LocalConditionalRuleBuilder {
    this.data.fontColor = color;
    return this;
  }
  setRanges(ranges: S.Range[]): LocalConditionalRuleBuilder {
    this.data.areas = ranges.map((r) => ({ ...(r as LocalRange).area }));
    return this;
  }
  build(): LocalConditionalRule {
    if (!this.data.formula.startsWith('='))
      throw googleError('Invalid conditional format rule: the formula must start with "=".');
    return new LocalConditionalRule({ ...this.data, areas: [...this.data.areas] });
  }
}

export class LocalChart implements S.EmbeddedChart {
  constructor(readonly data: ChartData) {}
  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this.data.options[option] };
  }
}

export class LocalChartBuilder implements S.EmbeddedChartBuilder {
  constructor(private readonly data: ChartData) {}
  asColumnChart(): LocalChartBuilder {
    this.data.type = 'column';
    return this;
  }
  asBarChart(): LocalChartBuilder {
    this.data.type = 'bar';
    return this;
  }
  asPieChart(): LocalChartBuilder {
    this.data.type = 'pie';
    return this;
  }
  addRange(range: S.Range): LocalChartBuilder {
    this.data.areas.push({ ...(range as LocalRange).area });
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number): LocalChartBuilder {
    this.data.position = { row: anchorRowPos, column: anchorColPos };
    return this;
  }
  setOption(option: string, value: unknown): LocalChartBuilder {
    this.data.options[option] = value;
    return this;
  }
  build(): LocalChart {
    if (this.data.areas.length === 0) throw googleError('A chart needs at least one range.');
    return new LocalChart({ ...this.data, areas: [...this.data.areas], options: { ...this.data.options } });
  }
}
