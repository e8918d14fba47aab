// A1 notation: 'B2', 'A1:C3', 'A:C', '2:4', 'A2:C' and "'My tab'!A1:B2".

export function columnLetter(column: number): string {
  let s = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnLetter(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetter(column + numColumns - 1)}${row + numRows - 1}`;
}

export interface GridBox {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/** Resolves A1 notation against a sheet's dimensions; null when it is not valid A1. */
export function parseA1(ref: string, maxRows: number, maxColumns: number): GridBox | null {
  const [first, second, extra] = ref.trim().split(':');
  if (extra !== undefined || !first) return null;
  const a = PART.exec(first);
  const b = second === undefined ? a : PART.exec(second);
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) return null;
  if (second === undefined && (!a[1] || !a[2])) return null;
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const c2 = b[1] ? columnNumber(b[1]) : maxColumns;
  const r1 = a[2] ? Number(a[2]) : 1;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return { row, column, numRows: Math.abs(r2 - r1) + 1, numColumns: Math.abs(c2 - c1) + 1 };
}
