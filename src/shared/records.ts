// Record types derived from the schema: what a row is once read, and what travels to the sidebar.
// Dates travel as 'yyyy-mm-dd' (google.script.run turns a Date in a result into null), timestamps as ISO.
import type { Column, FieldType, TABLES, TableKey } from './schema';

type ValueOf<T extends FieldType> = T extends 'bool'
  ? boolean
  : T extends 'multi' | 'ids'
    ? string[]
    : string;

type Columns<K extends TableKey> = (typeof TABLES)[K]['columns'][number];

export type RecordOf<K extends TableKey> = {
  [C in Columns<K> as C['key']]: ValueOf<C['type']>;
};

export type Partner = RecordOf<'partners'>;
export type Contact = RecordOf<'contacts'>;
export type School = RecordOf<'schools'>;
export type Agreement = RecordOf<'agreements'>;
export type CheckIn = RecordOf<'checkIns'>;
export type Need = RecordOf<'needs'>;
export type Gathering = RecordOf<'gatherings'>;
export type ActionItem = RecordOf<'actionItems'>;
export type Survey = RecordOf<'surveys'>;
export type SurveyRecipient = RecordOf<'surveyResponses'>;
export type Vetting = RecordOf<'vetting'>;
export type Onboarding = RecordOf<'onboarding'>;
export type Review = RecordOf<'reviews'>;
export type DetailsCheck = RecordOf<'detailsChecks'>;
export type ProposedChange = RecordOf<'proposedChanges'>;
export type IntakeAnswer = RecordOf<'intake'>;

export type FieldValue = string | boolean | string[];

/** A problem with one cell, reported on the row it is about. */
export interface CellWarning {
  readonly field: string;
  readonly message: string;
}

/** A row as read: its values, where it is, a fingerprint of what it held, and what was wrong with it. */
export interface Stored<T> {
  readonly record: T;
  readonly row: number;
  readonly version: string;
  readonly warnings: readonly CellWarning[];
}

export function emptyValue(column: Column): FieldValue {
  if (column.type === 'bool') return false;
  if (column.type === 'multi' || column.type === 'ids') return [];
  return '';
}
