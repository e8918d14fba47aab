// Records as the unit tests of the domain build them: every column empty but those a test names.
import type { Partner } from '../../../src/shared/records';

/** An active partner with id P-1 and every other column empty, with `over` on top. */
export const blankPartner = (over: Partial<Partner> = {}): Partner => ({
  id: 'P-1',
  name: '',
  status: 'active',
  type: '',
  focusAreas: [],
  services: '',
  schools: '',
  grades: '',
  populations: '',
  blackLed: false,
  liaison: '',
  cadence: '',
  lastCheckIn: '',
  funding: '',
  singleFunding: false,
  website: '',
  notes: '',
  confirmed: '',
  source: '',
  created: '',
  updated: '',
  ...over,
});
