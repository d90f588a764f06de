/** The CLI's `--calendar FILE`: a CSV with header `date,kind,name` that replaces the built-in defaults. */
import { readFileSync } from 'node:fs';
import { enum as zEnum, object, string, safeParse } from 'zod/mini';
import { parseCivilDate } from '../../core/civil';
import { type CalendarException, EXCEPTION_KINDS } from '../../core/holidays';
import { UsageError } from './usage';

const rowSchema = object({
  date: string(),
  kind: zEnum(EXCEPTION_KINDS),
  name: string(),
});

/** Splits one CSV line, honouring double-quoted fields. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

export function parseCalendarCsv(text: string, file: string): CalendarException[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  if (at('date') < 0 || at('kind') < 0 || at('name') < 0) {
    throw new UsageError(`Tệp lịch ${file} phải có dòng tiêu đề date,kind,name.`);
  }
  const out: CalendarException[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const cells = splitCsvLine(line);
    const lineNo = i + 2;
    const parsed = safeParse(rowSchema, {
      date: (cells[at('date')] ?? '').trim(),
      kind: (cells[at('kind')] ?? '').trim(),
      name: (cells[at('name')] ?? '').trim(),
    });
    if (!parsed.success) {
      throw new UsageError(`Tệp lịch ${file}, dòng ${lineNo}: loại ngày phải là một trong ${EXCEPTION_KINDS.join(', ')}.`);
    }
    const date = parseCivilDate(parsed.data.date);
    if (!date) throw new UsageError(`Tệp lịch ${file}, dòng ${lineNo}: ngày “${parsed.data.date}” không đúng dạng YYYY-MM-DD.`);
    out.push({ date, kind: parsed.data.kind, name: parsed.data.name });
  });
  return out;
}

export function readCalendarFile(file: string): CalendarException[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Không đọc được tệp lịch ${file}.`);
  }
  return parseCalendarCsv(text, file);
}
