// Gap analysis shapes both sides read: findings, need coverage, and the network landscape.

export type FindingKind =
  | 'unmet need'
  | 'need pending'
  | 'duplicated service'
  | 'single funding source'
  | 'no current agreement'
  | 'agreement expiring'
  | 'check-in overdue';

export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  kind: FindingKind;
  /** The school the finding is about; '' when it is not about one school. */
  school: string;
  focusArea: string;
  needId?: string;
  partnerIds: string[];
  agreementId?: string;
  /** One readable sentence. */
  message: string;
  severity: Severity;
}

export type NeedStatus = 'covered' | 'pending' | 'unmet';

export interface GapReport {
  findings: Finding[];
  /** One entry per analysed need, in the order of the input. */
  needs: { needId: string; status: NeedStatus; partnerIds: string[] }[];
  skippedNeeds: number;
  counts: Record<FindingKind, number>;
  /** What could not be read and how it was taken (unreadable grades, unknown schools, a bad date). */
  notes: string[];
}

export interface Landscape {
  schools: string[];
  focusAreas: string[];
  /** [school][focusArea] = number of active partners serving that focus area at that school. */
  matrix: number[][];
  /** Every school, most unmet needs first. */
  unmetBySchool: { school: string; unmet: number; pending: number }[];
  /** Active partners serving two or more schools, most schools first. */
  partnersAcrossSchools: { partnerId: string; schools: number }[];
  /** For each unmet need, active partners that serve its focus area (overlapping grades) at other schools. */
  candidates: { needId: string; school: string; focusArea: string; partnerIds: string[] }[];
}
