import { attention, nextCheckIn, singleFunded } from '../../../src/shared/partner-status';
import { addMonths } from '../../../src/shared/dates';
import type { Agreement, Partner } from '../../../src/shared/records';
import { blankPartner } from './fixtures';

const partner = (over: Partial<Partner>): Partner => blankPartner({ name: 'Org', funding: 'A, B', ...over });
const mou = (over: Partial<Agreement>): Agreement => ({
  id: 'A-1',
  partnerId: 'P-1',
  type: 'MOU',
  start: '2026-01-01',
  end: '2027-06-30',
  status: 'signed',
  link: '',
  created: '',
  updated: '',
  ...over,
});

describe('check-in rhythm', () => {
  it('adds the cadence to the last check-in', () => {
    expect(nextCheckIn(partner({ cadence: 'weekly', lastCheckIn: '2026-11-20' }), '2026-11-23')).toBe(
      '2026-11-27',
    );
    expect(nextCheckIn(partner({ cadence: 'monthly', lastCheckIn: '2026-01-31' }), '2026-11-23')).toBe(
      '2026-02-28',
    );
    expect(nextCheckIn(partner({ cadence: 'quarterly', lastCheckIn: '2026-11-30' }), '2026-11-23')).toBe(
      '2027-02-28',
    );
    expect(nextCheckIn(partner({ cadence: '' }), '2026-11-23')).toBe('');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });
});

describe('attention', () => {
  const today = '2026-11-23';
  it('flags an overdue check-in only for partners in service', () => {
    expect(attention(partner({ cadence: 'monthly', lastCheckIn: '2026-09-01' }), [mou({})], today)).toEqual([
      'check-in overdue',
    ]);
    expect(
      attention(partner({ status: 'ended', cadence: 'monthly', lastCheckIn: '2026-09-01' }), [], today),
    ).toEqual([]);
  });

  it('flags an agreement ending within 60 days, and an active partner with no current agreement', () => {
    expect(attention(partner({}), [mou({ end: '2027-01-10' })], today)).toEqual(['agreement expiring']);
    expect(attention(partner({}), [mou({ end: '2026-11-01' })], today)).toEqual(['no current agreement']);
    expect(attention(partner({}), [mou({ status: 'draft' })], today)).toEqual(['no current agreement']);
  });

  it('flags single-source funding, said or seen', () => {
    expect(singleFunded(partner({ funding: 'United Way grant' }))).toBe(true);
    expect(singleFunded(partner({ singleFunding: true }))).toBe(true);
    expect(singleFunded(partner({ funding: 'A; B' }))).toBe(false);
    expect(attention(partner({ funding: 'Grant' }), [mou({})], today)).toEqual(['single funding source']);
  });
});
