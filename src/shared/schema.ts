// The partner spreadsheet, declared once. Set-up, the table mapper, validation, import and the sidebar
// forms all read this declaration; nothing else names a tab or a column.

export type TableKey = 'partners' | 'contacts' | 'schools' | 'agreements' | 'checkIns';

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
      { key: 'name', header: 'Organization', type: 'text', required: true, max: SHORT },
      { key: 'status', header: 'Status', type: 'enum', options: PARTNER_STATUSES, required: true },
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
      { key: 'website', header: 'Website', type: 'url', max: 2000 },
      { key: 'notes', header: 'Notes', type: 'longtext', max: LONG },
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
      { key: 'name', header: 'Name', type: 'text', required: true, max: SHORT },
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
      { key: 'name', header: 'School', type: 'text', required: true, max: SHORT },
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
} as const satisfies Record<TableKey, Table>;

export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

export function table(key: TableKey): Table {
  return TABLES[key];
}

/** Headers are matched ignoring case, spacing and punctuation: "partner id", "Partner-ID" and "PartnerID" agree. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
