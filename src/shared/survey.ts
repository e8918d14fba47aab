// Survey shapes both sides read: the questions a Form is built from, and the summary figures.

export type QuestionType = 'scale' | 'text' | 'paragraph' | 'number' | 'choice';

/** The marks of a strong partnership: the natural dimensions of the partner survey and the annual review. */
export const STRONG_PARTNERSHIP_DIMENSIONS = [
  'trust',
  'mutual respect',
  'shared decision making',
  'flexibility',
  'communication',
  'clear expectations',
  'shared accountability',
] as const;
export type StrongPartnershipDimension = (typeof STRONG_PARTNERSHIP_DIMENSIONS)[number];

export interface Question {
  /** Stable across edits, e.g. 'trust', 'worked', 'custom-1': answers are stored under it. */
  id: string;
  type: QuestionType;
  title: string;
  help?: string;
  required: boolean;
  /** Which mark of a strong partnership a scale measures. */
  dimension?: StrongPartnershipDimension;
  /** The options of a 'choice' question, in the order shown. */
  choices?: string[];
}

/** Every scale is a five-point agreement scale. */
export const SCALE = { low: 1, high: 5, lowLabel: 'Strongly disagree', highLabel: 'Strongly agree' } as const;

/** The question the Form adapter adds (prefilled from the partner's link); never part of the bank. */
export const TOKEN_QUESTION_TITLE = 'Response code (filled in for you; please leave as is)';

export interface ScaleStat {
  questionId: string;
  title: string;
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface OpenAnswers {
  questionId: string;
  title: string;
  answers: string[];
}

/** A number question added up: how many gave a number, and their sum. */
export interface NumberTotal {
  questionId: string;
  title: string;
  n: number;
  sum: number;
}

/** A choice question counted: each choice in the question's order, then any other answer as written. */
export interface ChoiceTally {
  questionId: string;
  title: string;
  counts: { choice: string; count: number }[];
}

export interface PartnerSummary {
  partnerId: string;
  invited: number;
  responded: number;
  rate: number;
  scales: ScaleStat[];
  /** Mean of all this partner's scale answers, over every scale question. */
  overall: number | null;
  flagged: boolean;
  open: OpenAnswers[];
  totals: NumberTotal[];
}

export interface SurveySummary {
  invited: number;
  responded: number;
  rate: number;
  scales: ScaleStat[];
  open: OpenAnswers[];
  totals: NumberTotal[];
  tallies: ChoiceTally[];
  partners: PartnerSummary[];
  /** Answers that matched no invitation; counted nowhere else. */
  unattributed: number;
  flaggedPartners: string[];
}

/**
 * Emails per sendSurvey call from the sidebar: each call is one execution (about a second of round trip
 * on Google), and 200 emails fit well inside the server's time budget for one run.
 */
export const SURVEY_SEND_BATCH = 200;
