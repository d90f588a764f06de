/**
 * The CLI's `--calendar FILE`: a UTF-8 CSV with header `date,kind,name` that replaces the built-in
 * defaults. One day per line; each line is split by csv-parse (quoted fields, `""` inside quotes,
 * commas inside quoted names), so every problem is found on its own line, and all of them are
 * reported together, one per line, in one UsageError. A BOM and CRLF line ends are accepted and
 * empty lines skipped. Node only: csv-parse is never imported by the bundled layers.
 */
import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { type CivilDate, parseCivilDate } from '../../core/civil';
import { type CalendarException, EXCEPTION_KINDS, type ExceptionKind, exceptionKindFromLabel } from '../../core/holidays';
import { isSupportedDate } from '../../core/supportedRange';
import { SUPPORTED_RANGE_VI, UsageError } from './usage';

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 50;
const REQUIRED = ['date', 'kind', 'name'] as const;

type Cells = { ok: true; cells: string[] } | { ok: false; problem: string };

/** One physical line as CSV fields, or why it cannot be read. */
function splitLine(line: string): Cells {
  try {
    const records = parse(line, { relax_column_count: true, trim: true, skip_empty_lines: false });
    return { ok: true, cells: records[0] ?? [] };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const field = typeof e.index === 'number' ? `ô thứ ${e.index + 1}` : 'một ô';
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return {
          ok: false,
          problem: `dấu ngoặc kép mở ở ${field} nhưng không đóng trên dòng này — mỗi ngày phải nằm trên một dòng, dấu ngoặc kép trong tên viết là ""`,
        };
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      case 'CSV_INVALID_CLOSING_QUOTE':
        return {
          ok: false,
          problem: `${field} còn chữ sau dấu ngoặc kép đóng — đặt cả ô trong ngoặc kép, dấu ngoặc kép bên trong viết là ""`,
        };
      case 'INVALID_OPENING_QUOTE':
        return {
          ok: false,
          problem: `${field} có dấu ngoặc kép ở giữa — đặt cả ô trong ngoặc kép, dấu ngoặc kép bên trong viết là ""`,
        };
      default:
        return { ok: false, problem: `không đọc được dòng này (mã lỗi CSV ${e.code})` };
    }
  }
}

function parseCalendarCsv(text: string, file: string): CalendarException[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new UsageError(`Tệp lịch ${file} trống: cần dòng tiêu đề date,kind,name.`);
  const headerCells = splitLine(lines[headerIndex] ?? '');
  if (!headerCells.ok) throw new UsageError(`Tệp lịch ${file}, dòng ${headerIndex + 1} (tiêu đề): ${headerCells.problem}.`);
  const header = headerCells.cells.map((h) => h.toLowerCase());
  const [dateAt, kindAt, nameAt] = REQUIRED.map((column) => header.indexOf(column)) as [number, number, number];
  if (dateAt < 0 || kindAt < 0 || nameAt < 0) {
    throw new UsageError(
      `Tệp lịch ${file} phải có dòng tiêu đề date,kind,name (dòng ${headerIndex + 1} là “${lines[headerIndex]}”).`,
    );
  }

  const problems: string[] = [];
  const seen = new Map<CivilDate, { line: number; kind: ExceptionKind }>();
  const out: CalendarException[] = [];
  for (let i = headerIndex + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const report = (problem: string) => problems.push(`dòng ${lineNo}: ${problem}`);
    const split = splitLine(line);
    if (!split.ok) {
      report(split.problem);
      continue;
    }
    const { cells } = split;
    if (cells.length > header.length) {
      report(`có ${cells.length} ô, nhiều hơn ${header.length} cột của tiêu đề — tên có dấu phẩy phải đặt trong ngoặc kép`);
      continue;
    }
    if (cells.length < header.length) {
      report(`có ${cells.length} ô, ít hơn ${header.length} cột của tiêu đề`);
      continue;
    }
    const dateText = cells[dateAt] ?? '';
    const kindText = cells[kindAt] ?? '';
    const date = parseCivilDate(dateText);
    const kind = exceptionKindFromLabel(kindText);
    let ok = true;
    if (dateText === '') report('thiếu ngày (YYYY-MM-DD)');
    else if (!date) report(`ngày “${dateText}” không đúng dạng YYYY-MM-DD`);
    else if (!isSupportedDate(date)) report(`ngày ${date} nằm ngoài khoảng ngày được hỗ trợ (${SUPPORTED_RANGE_VI})`);
    if (!date || !isSupportedDate(date)) ok = false;
    if (!kind) {
      const kinds = `${EXCEPTION_KINDS.slice(0, -1).join(', ')} hoặc ${EXCEPTION_KINDS.at(-1)}`;
      report(kindText === '' ? `thiếu loại ngày — dùng ${kinds}` : `loại ngày “${kindText}” không hợp lệ — dùng ${kinds}`);
      ok = false;
    }
    if (!ok || !date || !kind) continue;
    const earlier = seen.get(date);
    if (earlier) {
      report(
        earlier.kind === kind
          ? `ngày ${date} đã có ở dòng ${earlier.line} — bỏ một trong hai dòng`
          : `ngày ${date} đã có ở dòng ${earlier.line} với loại ${earlier.kind}, dòng này lại ghi ${kind} — mỗi ngày chỉ được một dòng`,
      );
      continue;
    }
    seen.set(date, { line: lineNo, kind });
    out.push({ date, kind, name: cells[nameAt] ?? '' });
  }

  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED);
    if (problems.length > MAX_LISTED) listed.push(`… và ${problems.length - MAX_LISTED} lỗi khác`);
    throw new UsageError(`Tệp lịch ${file} có ${problems.length} lỗi:\n${listed.map((p) => `  ${p}`).join('\n')}`);
  }
  return out;
}

export function readCalendarFile(file: string): CalendarException[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`Không có tệp lịch ${file}.`);
    if (code === 'EISDIR') throw new UsageError(`${file} là một thư mục, không phải tệp lịch.`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`Không có quyền đọc tệp lịch ${file}.`);
    throw new UsageError(`Không đọc được tệp lịch ${file}.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`Tệp lịch ${file} không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8.`);
  }
  return parseCalendarCsv(text, file);
}
