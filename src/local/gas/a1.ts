/** A1 notation: column letters and cell ranges. */
import { columnLetter } from '../../sheets/a1';

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridArea {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** Parses `A1`, `B2:D9`, `A:C` or `2:5`; open ends reach the sheet's last row or column. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): GridArea | undefined {
  const m = /^\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(a1.trim());
  if (!m) return undefined;
  const [, c1 = '', r1 = '', c2, r2] = m;
  if (!c1 && !r1) return undefined;
  const single = c2 === undefined && r2 === undefined;
  if (single && (!c1 || !r1)) return undefined;
  const col1 = c1 ? columnNumber(c1) : 1;
  const row1 = r1 ? Number(r1) : 1;
  const col2 = single ? col1 : c2 ? columnNumber(c2) : maxColumns;
  const row2 = single ? row1 : r2 ? Number(r2) : maxRows;
  const top = Math.min(row1, row2);
  const left = Math.min(col1, col2);
  return { row: top, column: left, numRows: Math.abs(row2 - row1) + 1, numColumns: Math.abs(col2 - col1) + 1 };
}

export function a1Of(area: GridArea): string {
  const start = `${columnLetter(area.column)}${area.row}`;
  if (area.numRows === 1 && area.numColumns === 1) return start;
  return `${start}:${columnLetter(area.column + area.numColumns - 1)}${area.row + area.numRows - 1}`;
}
