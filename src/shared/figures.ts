// The headline figures, as the server counts them (src/server/domain/figures.ts): the header, the
// views, the Dashboard tab and the messages all show these, never a count of their own.

/** Needs whose status is open or being addressed, by what the gap analysis found for them. */
export interface NeedFigures {
  /** unmet + pending + covered. */
  readonly open: number;
  /** No partner in service covers it. */
  readonly unmet: number;
  /** Only partners onboarding, in vetting or paused cover it. */
  readonly pending: number;
  /** An active partner covers it. */
  readonly covered: number;
}

/** Partners in service (active, onboarding) by when their next check-in is due. */
export interface CheckInFigures {
  /** Due before today. */
  readonly overdue: number;
  /** Due from today to 7 days ahead. */
  readonly dueSoon: number;
}

/** One survey's flags: partners below its threshold (for the annual review), answers with a bad code. */
export interface SurveyFigures {
  readonly flaggedPartners: number;
  readonly flaggedAnswers: number;
}
