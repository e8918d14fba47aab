// The demo school: realistic organizations across the focus areas, with contacts, agreements, check-ins
// and needs. Organizations and adults only; no student appears anywhere. The preview, `npm run demo-sheet`
// and the add-on's own "Try with demo data" all start from this one generator.
import type { Agreement, CheckIn, Contact, Need, Partner, School } from '../../shared/records';

type Row<T> = Omit<T, 'created' | 'updated'>;

export interface DemoData {
  schools: Row<School>[];
  partners: Row<Partner>[];
  contacts: Row<Contact>[];
  agreements: Row<Agreement>[];
  checkIns: Row<CheckIn>[];
  needs: Row<Need>[];
}

const ORGS: [string, string[], string, string][] = [
  [
    'Reading Partners Riverside',
    ['tutoring'],
    'One-on-one reading tutoring, grades K-4, twice weekly',
    'K-4',
  ],
  ['Math Corps Volunteers', ['tutoring'], 'Small-group math tutoring after school', '5-8'],
  ['Big Brothers Big Sisters of the Valley', ['mentoring'], 'School-based mentoring matches', '3-8'],
  [
    'Brothers on the Rise',
    ['mentoring', 'student success coaching'],
    'Mentoring circles for young men of color',
    '6-8',
  ],
  [
    'City Year Riverside',
    ['student success coaching', 'tutoring'],
    'AmeriCorps members in classrooms; attendance coaching',
    '3-8',
  ],
  [
    'College Possible',
    ['post-secondary transition coaching'],
    'College and career readiness workshops',
    '7-8',
  ],
  [
    'Next Step Career Pathways',
    ['post-secondary transition coaching'],
    'Career exploration days and job shadows',
    '8',
  ],
  [
    'Communities In Schools of Riverside',
    ['wraparound / integrated student supports'],
    'Site coordinator for integrated supports',
    'K-8',
  ],
  [
    'Valley Family Health Center',
    ['health and mental health'],
    'School-based health clinic two days a week',
    'K-8',
  ],
  [
    'Riverside Counseling Collaborative',
    ['health and mental health'],
    'Group counseling and staff consultation',
    'K-8',
  ],
  ['Smile Mobile Dental', ['health and mental health'], 'Dental screenings and sealants each fall', 'K-8'],
  [
    'Parent Leadership Institute',
    ['family engagement'],
    'Family leadership classes in English and Spanish',
    'K-8',
  ],
  [
    'Padres Unidos',
    ['family engagement', 'translation'],
    'Family cafés and interpretation at conferences',
    'K-8',
  ],
  [
    'Riverside Public Library',
    ['enrichment and expanded learning'],
    'Library cards, book fairs, summer reading',
    'K-8',
  ],
  ['Young Artists Studio', ['enrichment and expanded learning'], 'After-school visual arts', '3-8'],
  ['Valley Robotics League', ['enrichment and expanded learning'], 'Robotics club and competitions', '5-8'],
  [
    'Hoops and Homework',
    ['enrichment and expanded learning', 'tutoring'],
    'After-school basketball with homework hour',
    '4-8',
  ],
  ['Riverside Food Bank', ['basic needs'], 'Weekend food bags and monthly pantry', 'K-8'],
  ['Warm Coats Network', ['basic needs'], 'Coats, shoes and school supplies', 'K-8'],
  ['Language Bridge Interpreters', ['translation'], 'Document translation and phone interpretation', 'K-8'],
  [
    'Black Educators Alliance of Riverside',
    ['mentoring', 'family engagement'],
    'Educator mentoring and family nights',
    'K-8',
  ],
  [
    'Green Schoolyards Project',
    ['enrichment and expanded learning'],
    'Garden classes and outdoor learning',
    'K-5',
  ],
  ['Youth Chess Club', ['enrichment and expanded learning'], 'Lunchtime chess club', '2-8'],
  [
    'Eastside Boys & Girls Club',
    ['enrichment and expanded learning', 'mentoring'],
    'After-school program and summer camp',
    'K-8',
  ],
  [
    'Hope Housing Services',
    ['basic needs', 'wraparound / integrated student supports'],
    'Housing navigation for families',
    'K-8',
  ],
  ['STEM Sisters', ['mentoring', 'enrichment and expanded learning'], 'STEM mentoring for girls', '5-8'],
];

const STATUSES = [
  'active',
  'active',
  'active',
  'active',
  'onboarding',
  'vetting',
  'prospect',
  'paused',
  'ended',
];
const CADENCE = ['monthly', 'monthly', 'quarterly', 'weekly', 'annually'];
const FIRST = [
  'Alicia',
  'Marcus',
  'Dana',
  'Tomás',
  'Keisha',
  'Priya',
  'Jordan',
  'Rosa',
  'Andre',
  'Mei',
  'Samuel',
  'Fatima',
  'Luis',
  'Grace',
];
const LAST = [
  'Johnson',
  'Reyes',
  'Okafor',
  'Nguyen',
  'Williams',
  'Patel',
  'Brooks',
  'Hernández',
  'Washington',
  'Chen',
  'Davis',
  'Ali',
];
const FUNDING = [
  'District contract',
  'United Way grant',
  'Title I',
  'Foundation grant',
  'Private donors',
  'City youth fund',
];

const pad = (n: number) => String(n).padStart(2, '0');
const hex = (n: number, prefix: string) =>
  `${prefix}-${(0x3a00000000 + n * 7919).toString(16).slice(-10).padStart(10, '0')}`;

/** Dates are relative to `today` ('yyyy-mm-dd') so the demo always has some overdue and some upcoming. */
export function demoData(today: string): DemoData {
  const base = Date.parse(`${today}T00:00:00Z`);
  const day = (offset: number) => new Date(base + offset * 86400000).toISOString().slice(0, 10);
  const school: Row<School> = {
    id: 'S-00000000a1',
    name: 'Riverside Community School',
    principal: 'Dr. Angela Brooks',
    liaison: 'Marisol Vega',
    vision: 'Every student known, every family welcomed: partners aligned to our improvement plan.',
    goals: 'Raise attendance to 93%; grow reading proficiency in grades 3-5; strengthen family voice.',
  };
  const partners: Row<Partner>[] = [];
  const contacts: Row<Contact>[] = [];
  const agreements: Row<Agreement>[] = [];
  const checkIns: Row<CheckIn>[] = [];
  ORGS.forEach(([name, focus, services, grades], i) => {
    const id = hex(i + 1, 'P');
    const status = STATUSES[i % STATUSES.length];
    const cadence = CADENCE[i % CADENCE.length];
    const last = status === 'prospect' ? '' : day(-(i * 9) % 120);
    const funding =
      i % 4 === 0
        ? FUNDING[i % FUNDING.length]
        : `${FUNDING[i % FUNDING.length]}, ${FUNDING[(i + 2) % FUNDING.length]}`;
    partners.push({
      id,
      name,
      status,
      type: i % 5 === 0 ? 'lead partner agency' : i % 3 === 0 ? 'program partner' : 'direct service',
      focusAreas: focus,
      services,
      schools: school.name,
      grades,
      populations: i % 3 === 0 ? 'Black students and families; multilingual families' : 'All students',
      blackLed: i === 3 || i === 20,
      liaison: i % 2 === 0 ? 'Marisol Vega' : 'James Carter',
      cadence,
      lastCheckIn: last,
      funding,
      singleFunding: i % 4 === 0,
      website: `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.org`,
      notes: '',
      confirmed: '',
      source: '',
    });
    const domain = `${name
      .toLowerCase()
      .replace(/[^a-z]+/g, '')
      .slice(0, 16)}.example.org`;
    const people = 1 + (i % 3 === 0 ? 1 : 0);
    for (let k = 0; k < people; k++) {
      const first = FIRST[(i + k * 5) % FIRST.length];
      const lastName = LAST[(i * 3 + k) % LAST.length];
      contacts.push({
        id: hex(i * 10 + k + 1, 'C'),
        partnerId: id,
        name: `${first} ${lastName}`,
        role: k === 0 ? 'Program director' : 'Site coordinator',
        email: `${first
          .toLowerCase()
          .normalize('NFKD')
          .replace(/[^a-z]/g, '')}@${domain}`,
        phone: `(555) 01${pad(i)}-${pad(k)}${pad(i)}`,
        primary: k === 0,
      });
    }
    if (status !== 'prospect' && status !== 'vetting' && i % 6 !== 5) {
      agreements.push({
        id: hex(i + 1, 'A'),
        partnerId: id,
        type: 'MOU',
        start: day(-200),
        end: day(i % 4 === 1 ? 40 : 200 + i),
        status: 'signed',
        link: `https://docs.example.org/mou/${i + 1}`,
      });
      if (i % 3 === 0) {
        agreements.push({
          id: hex(i + 101, 'A'),
          partnerId: id,
          type: 'data-sharing agreement',
          start: day(-200),
          end: day(160),
          status: 'signed',
          link: '',
        });
      }
    }
    if (last) {
      checkIns.push({
        id: hex(i + 1, 'K'),
        partnerId: id,
        date: last,
        attendees: `Marisol Vega, ${contacts[contacts.length - 1].name}`,
        notes: 'Reviewed schedule and attendance at sessions.',
        followUps: 'Share spring calendar',
      });
    }
  });
  const need = (
    i: number,
    focusArea: string,
    grades: string,
    description: string,
    priority: string,
    source: string,
    service = '',
  ): Row<Need> => ({
    id: hex(i, 'N'),
    school: school.name,
    focusArea,
    grades,
    description,
    priority,
    source,
    identified: day(-60),
    status: 'open',
    service,
    metBy: '',
  });
  const needs = [
    need(
      1,
      'tutoring',
      'K-2',
      'Early reading support for students below benchmark',
      'high',
      'needs assessment',
    ),
    need(
      2,
      'student success coaching',
      '6-8',
      'Attendance coaching for chronically absent students',
      'high',
      'attendance data',
    ),
    need(
      3,
      'post-secondary transition coaching',
      '5',
      'Middle school transition support',
      'medium',
      'staff input',
    ),
    need(
      4,
      'health and mental health',
      'K-8',
      'Counseling beyond the one school counselor',
      'high',
      'staff input',
    ),
    need(
      5,
      'family engagement',
      'K-8',
      'Workshops for families new to the country',
      'medium',
      'family input',
    ),
    need(
      6,
      'translation',
      'K-8',
      'Interpretation at conferences (Spanish, Vietnamese, Somali)',
      'medium',
      'family input',
    ),
    need(
      7,
      'enrichment and expanded learning',
      'PK',
      'Play-based enrichment for pre-K',
      'low',
      'family input',
    ),
    need(
      8,
      'basic needs',
      'K-8',
      'Weekend food for families facing food insecurity',
      'high',
      'needs assessment',
      'weekend food',
    ),
  ];
  return { schools: [school], partners, contacts, agreements, checkIns, needs };
}
