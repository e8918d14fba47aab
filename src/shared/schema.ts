// The partner spreadsheet, declared once. Set-up, the table mapper, validation, import and the sidebar
// forms all read this declaration; nothing else names a tab or a column.

export type TableKey =
  | 'partners'
  | 'contacts'
  | 'schools'
  | 'agreements'
  | 'checkIns'
  | 'needs'
  | 'gatherings'
  | 'actionItems'
  | 'surveys'
  | 'surveyResponses'
  | 'vetting'
  | 'onboarding'
  | 'reviews'
  | 'detailsChecks'
  | 'proposedChanges'
  | 'intake';

export type FieldType =
  | 'id' // stable row id, made by the add-on
  | 'ref' // the id of a row in another table
  | 'text'
  | 'longtext'
  | 'enum' // one of `options`
  | 'multi' // several of `options`, comma-separated in the cell
  | 'date'
  | 'email'
  | 'phone'
  | 'url'
  | 'bool'
  | 'time' // 'HH:mm' in the spreadsheet's time zone, kept as text in the cell
  | 'number'
  | 'ids' // ids of rows in another table, comma-separated
  | 'timestamp'; // set by the add-on

export interface Column {
  readonly key: string;
  readonly header: string;
  readonly type: FieldType;
  readonly options?: readonly string[];
  readonly required?: boolean;
  readonly refTable?: TableKey;
  /** Longest text accepted from the sidebar. */
  readonly max?: number;
  readonly help?: string;
  /** How messages name it, when "the <header>" would not read well: "the organization's name". */
  readonly what?: string;
}

export interface Table {
  readonly key: TableKey;
  readonly tab: string;
  readonly idPrefix: string;
  readonly columns: readonly Column[];
}

export const PARTNER_STATUSES = ['prospect', 'vetting', 'onboarding', 'active', 'paused', 'ended'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const FOCUS_AREAS = [
  'tutoring',
  'mentoring',
  'student success coaching',
  'post-secondary transition coaching',
  'wraparound / integrated student supports',
  'health and mental health',
  'family engagement',
  'enrichment and expanded learning',
  'basic needs',
  'translation',
  'other',
] as const;

export const PARTNERSHIP_TYPES = [
  'lead partner agency',
  'direct service',
  'program partner',
  'funding partner',
  'in-kind or volunteer',
] as const;

export const CADENCES = ['weekly', 'monthly', 'quarterly', 'annually'] as const;
export type Cadence = (typeof CADENCES)[number];

export const AGREEMENT_TYPES = [
  'MOU',
  'personal services contract',
  'data-sharing agreement',
  'safety and security acknowledgement',
  'insurance certificate',
  'background-check clearance',
] as const;

export const AGREEMENT_STATUSES = ['draft', 'sent', 'signed', 'expired', 'not needed'] as const;

export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export const NEED_SOURCES = [
  'needs assessment',
  'attendance data',
  'staff input',
  'family input',
  'other',
] as const;
export const NEED_STATUSES = ['open', 'being addressed', 'met', 'closed'] as const;

export const GATHERING_KINDS = [
  'multi-partner gathering',
  '1-on-1 check-in',
  'goal-setting convening',
  'other',
] as const;
export type GatheringKind = (typeof GATHERING_KINDS)[number];
export const GATHERING_STATUSES = ['planned', 'invited', 'held', 'cancelled'] as const;
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;

export const SURVEY_KINDS = [
  'end-of-year partnership survey',
  'annual partnership review',
  'convening feedback',
] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
/** The vetting checklist, after the guide's criteria for new partners. */
export const VETTING_CRITERIA = [
  ['familiarity', 'Familiarity with the school and community'],
  ['alignment', 'Alignment with vision and values'],
  ['communication', 'Record of positive communication'],
  ['quality', 'Quality of delivery'],
  ['capacity', 'Capacity'],
  ['populations', 'Populations served'],
  ['references', 'References'],
] as const;
export const RATINGS = ['strong', 'adequate', 'concern', 'not yet known'] as const;
export const VETTING_DECISIONS = ['approve', 'decline', 'need more information'] as const;

/** From approval to active: each step's column holds the date it was done. */
export const ONBOARDING_STEPS = [
  ['expectations', 'Initial expectations meeting'],
  ['roles', 'Roles and responsibilities agreed'],
  ['agreement', 'MOU or contract signed'],
  ['dataSharing', 'Data-sharing agreement'],
  ['safety', 'Safety and security guidelines shared'],
  ['clearances', 'Background checks and insurance'],
  ['liaisonAssigned', 'Liaison assigned'],
  ['introduced', 'Introduced to staff'],
] as const;
export const REVIEW_DECISIONS = ['continue', 'expand', 'change', 'end'] as const;

export const RECIPIENT_STATUSES = ['queued', 'sent', 'failed', 'responded', 'flagged'] as const;
/** A partner asked to check its details: the email waits, went, failed, or the partner answered. */
export const DETAILS_CHECK_STATUSES = ['queued', 'sent', 'failed', 'answered'] as const;
export const CHANGE_STATUSES = ['pending', 'accepted', 'rejected'] as const;
/**
 * An answer to the partner intake Form: made a prospect ('added'), kept because the organization may
 * already be in the sheet ('possible duplicate') or because the day's cap was reached ('waiting'), found
 * to be a partner already in the sheet ('same as existing'), or set aside by the coordinator ('dismissed').
 */
export const INTAKE_STATUSES = [
  'added',
  'possible duplicate',
  'waiting',
  'same as existing',
  'dismissed',
] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];
/** Where a partner came from, when Partner Hub knows: the intake Form. */
export const INTAKE_SOURCE = 'intake Form';
/** The tables a partner's answer may propose changes to. */
export const CHANGE_TABLES = ['partners', 'contacts', 'agreements'] as const;

const SHORT = 200;
const LONG = 5000;

const stamps = [
  { key: 'created', header: 'Created', type: 'timestamp' },
  { key: 'updated', header: 'Updated', type: 'timestamp' },
] as const;

export const TABLES = {
  partners: {
    key: 'partners',
    tab: 'Partners',
    idPrefix: 'P',
    columns: [
      { key: 'id', header: 'Partner ID', type: 'id' },
      {
        key: 'name',
        header: 'Organization',
        type: 'text',
        required: true,
        max: SHORT,
        what: "the organization's name",
      },
      {
        key: 'status',
        header: 'Status',
        type: 'enum',
        options: PARTNER_STATUSES,
        required: true,
        what: "the partner's status",
      },
      { key: 'type', header: 'Partnership type', type: 'enum', options: PARTNERSHIP_TYPES },
      { key: 'focusAreas', header: 'Focus areas', type: 'multi', options: FOCUS_AREAS },
      { key: 'services', header: 'Services', type: 'longtext', max: LONG },
      { key: 'schools', header: 'Schools served', type: 'text', max: SHORT * 5 },
      { key: 'grades', header: 'Grades served', type: 'text', max: SHORT },
      { key: 'populations', header: 'Populations served', type: 'text', max: SHORT * 5 },
      {
        key: 'blackLed',
        header: 'Black-led or Black-serving',
        type: 'bool',
        help: 'Optional equity lens: the organization is Black-led or mainly serves Black students.',
      },
      { key: 'liaison', header: 'School liaison', type: 'text', max: SHORT },
      { key: 'cadence', header: 'Check-in cadence', type: 'enum', options: CADENCES },
      { key: 'lastCheckIn', header: 'Last check-in', type: 'date' },
      { key: 'funding', header: 'Funding sources', type: 'text', max: SHORT * 5 },
      { key: 'singleFunding', header: 'Single funding source', type: 'bool' },
      {
        key: 'website',
        header: 'Website',
        type: 'url',
        max: 2000,
        help: 'Its address, e.g. riversidesoccer.org: https:// is added for you.',
      },
      { key: 'notes', header: 'Notes', type: 'longtext', max: LONG },
      // The day the partner last answered "Check your details" with nothing to change.
      { key: 'confirmed', header: 'Details confirmed', type: 'date' },
      // Where the partner came from: "intake Form" for one made from an answer to the intake Form.
      { key: 'source', header: 'Source', type: 'text', max: SHORT },
      ...stamps,
    ],
  },
  contacts: {
    key: 'contacts',
    tab: 'Contacts',
    idPrefix: 'C',
    columns: [
      { key: 'id', header: 'Contact ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'name', header: 'Name', type: 'text', required: true, max: SHORT, what: "the contact's name" },
      { key: 'role', header: 'Role', type: 'text', max: SHORT },
      { key: 'email', header: 'Email', type: 'email', max: 254 },
      { key: 'phone', header: 'Phone', type: 'phone', max: 40 },
      { key: 'primary', header: 'Primary', type: 'bool' },
      ...stamps,
    ],
  },
  schools: {
    key: 'schools',
    tab: 'Schools',
    idPrefix: 'S',
    columns: [
      { key: 'id', header: 'School ID', type: 'id' },
      { key: 'name', header: 'School', type: 'text', required: true, max: SHORT, what: "the school's name" },
      { key: 'principal', header: 'Principal', type: 'text', max: SHORT },
      { key: 'liaison', header: 'Partnership liaison', type: 'text', max: SHORT },
      { key: 'vision', header: 'Partnership vision', type: 'longtext', max: LONG },
      { key: 'goals', header: 'Goals', type: 'longtext', max: LONG },
      ...stamps,
    ],
  },
  agreements: {
    key: 'agreements',
    tab: 'Agreements',
    idPrefix: 'A',
    columns: [
      { key: 'id', header: 'Agreement ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'type', header: 'Type', type: 'enum', options: AGREEMENT_TYPES, required: true },
      { key: 'start', header: 'Start', type: 'date' },
      { key: 'end', header: 'End', type: 'date' },
      { key: 'status', header: 'Status', type: 'enum', options: AGREEMENT_STATUSES },
      { key: 'link', header: 'Document link', type: 'url', max: 2000 },
      ...stamps,
    ],
  },
  checkIns: {
    key: 'checkIns',
    tab: 'Check-ins',
    idPrefix: 'K',
    columns: [
      { key: 'id', header: 'Check-in ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'attendees', header: 'Attendees', type: 'text', max: SHORT * 5 },
      { key: 'notes', header: 'Notes', type: 'longtext', max: LONG },
      { key: 'followUps', header: 'Follow-ups', type: 'longtext', max: LONG },
      ...stamps,
    ],
  },
  needs: {
    key: 'needs',
    tab: 'Needs',
    idPrefix: 'N',
    columns: [
      { key: 'id', header: 'Need ID', type: 'id' },
      { key: 'school', header: 'School', type: 'text', required: true, max: SHORT },
      { key: 'focusArea', header: 'Focus area', type: 'enum', options: FOCUS_AREAS, required: true },
      { key: 'grades', header: 'Grades', type: 'text', max: SHORT },
      { key: 'description', header: 'Description', type: 'longtext', max: LONG },
      {
        key: 'service',
        header: 'Service needed',
        type: 'text',
        max: SHORT,
        help: 'A few words, e.g. "weekend food": only a partner whose services say them covers the need.',
      },
      { key: 'priority', header: 'Priority', type: 'enum', options: NEED_PRIORITIES },
      { key: 'source', header: 'Source', type: 'enum', options: NEED_SOURCES },
      { key: 'identified', header: 'Date identified', type: 'date' },
      { key: 'status', header: 'Status', type: 'enum', options: NEED_STATUSES, required: true },
      // The partner the coordinator says meets this need: it then counts as covered by that partner alone.
      { key: 'metBy', header: 'Met by partner ID', type: 'ref', refTable: 'partners' },
      ...stamps,
    ],
  },
  gatherings: {
    key: 'gatherings',
    tab: 'Gatherings',
    idPrefix: 'G',
    columns: [
      { key: 'id', header: 'Gathering ID', type: 'id' },
      { key: 'kind', header: 'Kind', type: 'enum', options: GATHERING_KINDS, required: true },
      { key: 'title', header: 'Title', type: 'text', required: true, max: SHORT },
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'start', header: 'Start', type: 'time', required: true },
      { key: 'end', header: 'End', type: 'time', required: true },
      { key: 'location', header: 'Location or video link', type: 'text', max: 500 },
      { key: 'objectives', header: 'Objectives', type: 'longtext', max: LONG },
      { key: 'facilitator', header: 'Facilitator', type: 'text', max: SHORT },
      { key: 'noteTaker', header: 'Note-taker', type: 'text', max: SHORT },
      { key: 'closer', header: 'Closing reflection', type: 'text', max: SHORT },
      { key: 'topic', header: 'Topic', type: 'longtext', max: LONG },
      { key: 'invited', header: 'Invited partners', type: 'ids', refTable: 'partners', max: 20000 },
      { key: 'agendaUrl', header: 'Agenda Doc', type: 'url', max: 2000 },
      { key: 'eventId', header: 'Calendar event ID', type: 'text', max: 300 },
      { key: 'calendarId', header: 'Calendar ID', type: 'text', max: 300 },
      // What Partner Hub last wrote to the event (a fingerprint of its details and guests, and whether
      // they were invited): a sync with nothing changed since makes no Calendar call.
      { key: 'eventSync', header: 'Calendar sync (Partner Hub)', type: 'text', max: 300 },
      { key: 'status', header: 'Status', type: 'enum', options: GATHERING_STATUSES, required: true },
      { key: 'notes', header: 'Notes', type: 'longtext', max: LONG },
      { key: 'followedUp', header: 'Follow-up sent to', type: 'longtext', max: 20000 },
      ...stamps,
    ],
  },
  actionItems: {
    key: 'actionItems',
    tab: 'Action Items',
    idPrefix: 'T',
    columns: [
      { key: 'id', header: 'Action ID', type: 'id' },
      { key: 'what', header: 'What', type: 'text', required: true, max: 1000 },
      { key: 'who', header: 'Who', type: 'text', max: SHORT },
      { key: 'byWhen', header: 'By when', type: 'date' },
      { key: 'gatheringId', header: 'Gathering ID', type: 'ref', refTable: 'gatherings' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners' },
      { key: 'status', header: 'Status', type: 'enum', options: ACTION_STATUSES, required: true },
      { key: 'followUpSent', header: 'Follow-up sent', type: 'timestamp' },
      ...stamps,
    ],
  },
  surveys: {
    key: 'surveys',
    tab: 'Surveys',
    idPrefix: 'V',
    columns: [
      { key: 'id', header: 'Survey ID', type: 'id' },
      { key: 'kind', header: 'Kind', type: 'enum', options: SURVEY_KINDS, required: true },
      { key: 'title', header: 'Title', type: 'text', required: true, max: SHORT },
      { key: 'formId', header: 'Form ID', type: 'text', max: 300 },
      { key: 'formUrl', header: 'Form link', type: 'url', max: 2000 },
      { key: 'editUrl', header: 'Form edit link', type: 'url', max: 2000 },
      { key: 'responseTab', header: 'Response tab', type: 'text', max: SHORT },
      { key: 'status', header: 'Status', type: 'enum', options: SURVEY_STATUSES, required: true },
      { key: 'opens', header: 'Opens', type: 'date' },
      { key: 'closes', header: 'Closes', type: 'date' },
      { key: 'threshold', header: 'Flag below', type: 'number' },
      // What Partner Hub needs to read the Form's answers: question ids, types and titles, the
      // prefilled link with a stand-in for each recipient's code, and the response tab's sheet id (so a
      // renamed tab is still found; "Response tab" keeps its name for people).
      { key: 'questions', header: 'Questions (Partner Hub)', type: 'longtext', max: 45000 },
      { key: 'prefill', header: 'Prefilled link (Partner Hub)', type: 'url', max: 2000 },
      { key: 'responseTabId', header: 'Response tab ID (Partner Hub)', type: 'number' },
      ...stamps,
    ],
  },
  surveyResponses: {
    key: 'surveyResponses',
    tab: 'Survey Responses',
    idPrefix: 'R',
    columns: [
      { key: 'id', header: 'Recipient ID', type: 'id' },
      { key: 'surveyId', header: 'Survey ID', type: 'ref', refTable: 'surveys', required: true },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners' },
      { key: 'contactId', header: 'Contact ID', type: 'ref', refTable: 'contacts' },
      { key: 'email', header: 'Email', type: 'email', max: 254 },
      { key: 'token', header: 'Token', type: 'text', max: 100 },
      { key: 'status', header: 'Status', type: 'enum', options: RECIPIENT_STATUSES, required: true },
      { key: 'sentAt', header: 'Sent at', type: 'timestamp' },
      { key: 'remindedAt', header: 'Reminded at', type: 'timestamp' },
      { key: 'respondedAt', header: 'Responded at', type: 'timestamp' },
      { key: 'error', header: 'Problem', type: 'text', max: 1000 },
      ...stamps,
    ],
  },
  vetting: {
    key: 'vetting',
    tab: 'Vetting',
    idPrefix: 'E',
    columns: [
      { key: 'id', header: 'Vetting ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      {
        key: 'familiarity',
        header: 'Familiarity with the school and community',
        type: 'enum',
        options: RATINGS,
      },
      { key: 'familiarityNote', header: 'Familiarity notes', type: 'longtext', max: LONG },
      { key: 'alignment', header: 'Alignment with vision and values', type: 'enum', options: RATINGS },
      { key: 'alignmentNote', header: 'Alignment notes', type: 'longtext', max: LONG },
      { key: 'communication', header: 'Record of positive communication', type: 'enum', options: RATINGS },
      { key: 'communicationNote', header: 'Communication notes', type: 'longtext', max: LONG },
      { key: 'quality', header: 'Quality of delivery', type: 'enum', options: RATINGS },
      { key: 'qualityNote', header: 'Quality notes', type: 'longtext', max: LONG },
      { key: 'capacity', header: 'Capacity', type: 'enum', options: RATINGS },
      { key: 'capacityNote', header: 'Capacity notes', type: 'longtext', max: LONG },
      { key: 'populations', header: 'Populations served', type: 'enum', options: RATINGS },
      { key: 'populationsNote', header: 'Populations notes', type: 'longtext', max: LONG },
      { key: 'references', header: 'References', type: 'enum', options: RATINGS },
      { key: 'referencesNote', header: 'References notes', type: 'longtext', max: LONG },
      { key: 'decision', header: 'Decision', type: 'enum', options: VETTING_DECISIONS },
      { key: 'decidedBy', header: 'Decided by', type: 'text', max: SHORT },
      { key: 'decidedOn', header: 'Decided on', type: 'date' },
      ...stamps,
    ],
  },
  onboarding: {
    key: 'onboarding',
    tab: 'Onboarding',
    idPrefix: 'O',
    columns: [
      { key: 'id', header: 'Onboarding ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'expectations', header: 'Initial expectations meeting', type: 'date' },
      { key: 'roles', header: 'Roles and responsibilities agreed', type: 'date' },
      { key: 'agreement', header: 'MOU or contract signed', type: 'date' },
      { key: 'dataSharing', header: 'Data-sharing agreement', type: 'date' },
      { key: 'dataSharingNotNeeded', header: 'No data sharing needed', type: 'bool' },
      { key: 'safety', header: 'Safety and security guidelines shared', type: 'date' },
      { key: 'clearances', header: 'Background checks and insurance', type: 'date' },
      { key: 'clearancesNotNeeded', header: 'No checks or insurance required', type: 'bool' },
      { key: 'liaisonAssigned', header: 'Liaison assigned', type: 'date' },
      { key: 'introduced', header: 'Introduced to staff', type: 'date' },
      { key: 'notes', header: 'Notes', type: 'longtext', max: LONG },
      ...stamps,
    ],
  },
  reviews: {
    key: 'reviews',
    tab: 'Annual Reviews',
    idPrefix: 'W',
    columns: [
      { key: 'id', header: 'Review ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'year', header: 'School year', type: 'text', required: true, max: 20 },
      { key: 'worked', header: 'What worked', type: 'longtext', max: LONG },
      { key: 'didNotWork', header: 'What did not work', type: 'longtext', max: LONG },
      { key: 'forward', header: 'How to move forward', type: 'longtext', max: LONG },
      { key: 'decision', header: 'Decision', type: 'enum', options: REVIEW_DECISIONS },
      { key: 'decidedBy', header: 'Decided by', type: 'text', max: SHORT },
      { key: 'decidedOn', header: 'Decided on', type: 'date' },
      { key: 'evidence', header: 'Evidence at review', type: 'longtext', max: LONG },
      ...stamps,
    ],
  },
  // "Ask partners to check their details": one row per partner asked, with the personal code its link
  // carries and what the Form showed (so an answer proposes only what differs from that).
  detailsChecks: {
    key: 'detailsChecks',
    tab: 'Details Checks',
    idPrefix: 'D',
    columns: [
      { key: 'id', header: 'Check ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'contactId', header: 'Contact ID', type: 'ref', refTable: 'contacts' },
      { key: 'email', header: 'Email', type: 'email', max: 254 },
      { key: 'token', header: 'Token', type: 'text', max: 100 },
      { key: 'status', header: 'Status', type: 'enum', options: DETAILS_CHECK_STATUSES, required: true },
      { key: 'sentAt', header: 'Sent at', type: 'timestamp' },
      { key: 'answeredAt', header: 'Answered at', type: 'timestamp' },
      { key: 'remindedAt', header: 'Reminded at', type: 'timestamp' },
      { key: 'error', header: 'Problem', type: 'text', max: 1000 },
      { key: 'partnerVersion', header: 'Partner row version', type: 'text', max: 100 },
      { key: 'formId', header: 'Form ID (Partner Hub)', type: 'text', max: 300 },
      // The personal link carries the record, so it is as long as the record's text.
      { key: 'prefill', header: 'Prefilled link (Partner Hub)', type: 'url', max: 45000 },
      { key: 'shown', header: 'Details shown (Partner Hub)', type: 'longtext', max: 45000 },
      ...stamps,
    ],
  },
  proposedChanges: {
    key: 'proposedChanges',
    tab: 'Proposed Changes',
    idPrefix: 'X',
    columns: [
      { key: 'id', header: 'Change ID', type: 'id' },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners', required: true },
      { key: 'checkId', header: 'Check ID', type: 'ref', refTable: 'detailsChecks' },
      { key: 'table', header: 'Table', type: 'enum', options: CHANGE_TABLES, required: true },
      { key: 'recordId', header: 'Record ID', type: 'text', max: 60 },
      { key: 'field', header: 'Field', type: 'text', max: 60, required: true },
      { key: 'oldValue', header: 'Old value', type: 'longtext', max: LONG },
      { key: 'newValue', header: 'New value', type: 'longtext', max: LONG },
      { key: 'receivedAt', header: 'Received at', type: 'timestamp' },
      { key: 'status', header: 'Status', type: 'enum', options: CHANGE_STATUSES, required: true },
      { key: 'partnerVersion', header: 'Partner row version', type: 'text', max: 100 },
      { key: 'decidedAt', header: 'Decided at', type: 'timestamp' },
      { key: 'note', header: 'Note', type: 'text', max: 1000 },
      ...stamps,
    ],
  },
  // Every answer to the public partner intake Form, with what became of it. The answer itself is kept
  // as the Form gave it (clipped, as text), so a possible duplicate or a waiting answer can still be added.
  intake: {
    key: 'intake',
    tab: 'Intake Answers',
    idPrefix: 'I',
    columns: [
      { key: 'id', header: 'Answer ID', type: 'id' },
      { key: 'name', header: 'Organization', type: 'text', max: SHORT },
      { key: 'email', header: 'Contact email', type: 'text', max: 254 },
      { key: 'status', header: 'Status', type: 'enum', options: INTAKE_STATUSES, required: true },
      { key: 'partnerId', header: 'Partner ID', type: 'ref', refTable: 'partners' },
      { key: 'duplicateOf', header: 'Possible duplicate of', type: 'ref', refTable: 'partners' },
      { key: 'reason', header: 'Why', type: 'text', max: 1000 },
      { key: 'receivedAt', header: 'Received at', type: 'timestamp' },
      { key: 'decidedAt', header: 'Decided at', type: 'timestamp' },
      { key: 'answer', header: 'Answer (Partner Hub)', type: 'longtext', max: 45000 },
      // The Form's id of the response: an answer is taken once, and one the trigger missed is found later.
      { key: 'responseId', header: 'Form response ID (Partner Hub)', type: 'text', max: 200 },
      ...stamps,
    ],
  },
} as const satisfies Record<TableKey, Table>;

export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

/** The fields of a partner's main contact that the partner form shows; the server sets the others. */
export const MAIN_CONTACT_FIELDS = ['name', 'role', 'email', 'phone'] as const;

/** The report tabs Partner Hub writes and rewrites whole (a person's edits there do not last). */
export const REPORT_TABS = {
  gaps: 'Gaps',
  dashboard: 'Dashboard',
  surveySummary: 'Survey Summary',
} as const;

export function table(key: TableKey): Table {
  return TABLES[key];
}

/** Headers are matched ignoring case, spacing and punctuation: "partner id", "Partner-ID" and "PartnerID" agree. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
