// What set-up puts on each column so the sheet stays useful without the sidebar: dropdowns, formats,
// and the conditional formatting that marks overdue check-ins and expiring agreements.
import type { Column, Table } from '../../shared/schema';

export type ValidationSpec =
  | {
      readonly kind: 'list';
      readonly values: readonly string[];
      readonly strict: boolean;
      readonly help: string;
    }
  | { readonly kind: 'checkbox' }
  | { readonly kind: 'date'; readonly help: string }
  | { readonly kind: 'email'; readonly help: string };

export function validationFor(column: Column): ValidationSpec | null {
  switch (column.type) {
    case 'enum':
      return {
        kind: 'list',
        values: column.options ?? [],
        strict: true,
        help: `Choose a ${column.header.toLowerCase()}.`,
      };
    case 'multi':
      // A list rule cannot check "a, b": offered as a dropdown, other text allowed and flagged.
      return {
        kind: 'list',
        values: column.options ?? [],
        strict: false,
        help: 'One or more, separated by commas.',
      };
    case 'bool':
      return { kind: 'checkbox' };
    case 'date':
      return { kind: 'date', help: 'A date, like 2026-09-15.' };
    case 'email':
      return { kind: 'email', help: 'An email address.' };
    default:
      return null;
  }
}

export function numberFormatFor(column: Column): string | null {
  if (column.type === 'date') return 'yyyy-mm-dd';
  if (column.type === 'timestamp') return 'yyyy-mm-dd hh:mm';
  if (column.type === 'time') return '@';
  return null;
}

export function columnLetter(position: number): string {
  let n = position;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface HighlightRule {
  /** The column (key) whose cells are marked. */
  readonly column: string;
  readonly formula: string;
  readonly background: string;
}

const CADENCE_DAYS = 'IFS($C2="weekly",7,$C2="monthly",31,$C2="quarterly",92,$C2="annually",366)';

/** Highlight rules for a table, as custom formulas written for its columns where they are now (1-based). */
export function highlightRules(table: Table, position: (key: string) => number | undefined): HighlightRule[] {
  const letter = (key: string) => {
    const p = position(key);
    return p === undefined ? undefined : columnLetter(p);
  };
  if (table.key === 'partners') {
    const last = letter('lastCheckIn');
    const cadence = letter('cadence');
    const status = letter('status');
    if (!last || !cadence || !status) return [];
    const days = CADENCE_DAYS.replace(/\$C2/g, `$${cadence}2`);
    return [
      {
        column: 'lastCheckIn',
        formula: `=AND(OR($${status}2="active",$${status}2="onboarding"),$${cadence}2<>"",IFERROR(OR($${last}2="",$${last}2+${days}<TODAY()),FALSE))`,
        background: '#fce8e6',
      },
    ];
  }
  if (table.key === 'agreements') {
    const end = letter('end');
    if (!end) return [];
    return [
      {
        column: 'end',
        formula: `=AND(ISNUMBER($${end}2),$${end}2>=TODAY(),$${end}2-TODAY()<=60)`,
        background: '#fef7e0',
      },
      { column: 'end', formula: `=AND(ISNUMBER($${end}2),$${end}2<TODAY())`, background: '#fce8e6' },
    ];
  }
  return [];
}
