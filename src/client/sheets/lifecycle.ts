// A partner's place in the lifecycle (vetting, onboarding, annual review), the check-ins due this week,
// and the headline figures on the home screen.
import type { Listed, PartnerEntry } from '../../shared/contract';
import type { Vetting } from '../../shared/records';
import { ONBOARDING_STEPS, TABLES } from '../../shared/schema';
import { onboardingProgress, vettingConcerns } from '../../shared/lifecycle';
import { call } from '../common/run';
import { h, safeLink } from '../common/dom';
import { busy, reload, say, state } from './app';
import { edit } from './editor';

type Show = (id: string) => void;

async function makeDoc(kind: 'vetting' | 'agreement', partnerId: string, box: HTMLElement): Promise<void> {
  const made = await busy('Making the Doc…', () => call('makePartnerDoc', kind, partnerId));
  if (!made) return;
  box.append(
    h(
      'p',
      {},
      safeLink(
        made.url,
        kind === 'vetting' ? 'Open the vetting checklist Doc' : 'Open the partnership agreement Doc',
      ),
    ),
  );
  say(['Doc made.', ...made.notes].join(' '));
}

export function lifecycleSection(entry: PartnerEntry, show: Show): HTMLElement | null {
  const p = entry.record;
  const box = h('section', { 'aria-label': 'Partnership lifecycle' }, h('h3', {}, 'Partnership'));
  const vetting = state.directory?.vetting.find((v) => v.record.partnerId === p.id);
  const onboarding = state.directory?.onboarding.find((o) => o.record.partnerId === p.id);
  const reviews = (state.directory?.reviews ?? []).filter((r) => r.record.partnerId === p.id);
  const back = () => show(p.id);
  if (p.status === 'prospect') {
    box.append(
      h(
        'button',
        {
          onclick: async () => {
            const v = await busy('Starting vetting…', () => call('startVetting', p.id));
            if (!v) return;
            await reload();
            editVetting(v, show);
          },
        },
        'Start vetting',
      ),
    );
  }
  if (vetting && (p.status === 'vetting' || vetting.record.decision)) {
    const concerns = vettingConcerns(vetting.record);
    box.append(
      h(
        'p',
        {},
        `Vetting: ${vetting.record.decision ? `${vetting.record.decision} (${vetting.record.decidedBy} ${vetting.record.decidedOn})` : 'in progress'}${concerns.length ? `; concerns: ${concerns.join(', ')}` : ''}`,
      ),
      h('button', { onclick: () => editVetting(vetting, show) }, 'Vetting checklist'),
      h('button', { onclick: () => makeDoc('vetting', p.id, box) }, 'Checklist as a Doc'),
    );
  }
  if (p.status === 'onboarding' || onboarding) {
    const progress = onboarding
      ? onboardingProgress(onboarding.record)
      : { done: 0, needed: ONBOARDING_STEPS.length };
    box.append(
      h('p', {}, `Onboarding: ${progress.done} of ${progress.needed} steps done.`),
      h(
        'button',
        {
          onclick: () =>
            edit({
              table: TABLES.onboarding,
              fn: 'saveOnboarding',
              entry: onboarding,
              title: 'Onboarding steps',
              fixed: { partnerId: p.id },
              done: back,
              back,
            }),
        },
        'Onboarding steps',
      ),
      h('button', { onclick: () => makeDoc('agreement', p.id, box) }, 'Partnership agreement Doc'),
    );
    if (p.status === 'onboarding' && progress.done === progress.needed) {
      box.append(
        h(
          'button',
          {
            class: 'action',
            onclick: async () => {
              const { id, created: _c, updated: _u, ...values } = p;
              const r = await busy('Saving…', () =>
                call('savePartner', { id, version: entry.version, values: { ...values, status: 'active' } }),
              );
              if (!r || r.status !== 'saved')
                return say(r?.status === 'conflict' ? r.message : 'Could not mark active.', 'error');
              await reload();
              show(p.id);
              say(`${p.name} is active.`);
            },
          },
          'Mark active',
        ),
      );
    }
  }
  if (p.status === 'active' || p.status === 'paused' || reviews.length) {
    box.append(
      h('button', { onclick: () => annualReview(p.id, show) }, 'Annual review'),
      ...reviews.map((r) =>
        h(
          'p',
          { class: 'meta' },
          `${r.record.year}: ${r.record.decision || 'no decision yet'}${r.record.forward ? `. Next: ${r.record.forward}` : ''}`,
        ),
      ),
    );
  }
  // An ended partner with no history has nothing here: no empty heading.
  return box.childElementCount > 1 ? box : null;
}

function editVetting(v: Listed<Vetting>, show: Show): void {
  const back = () => show(v.record.partnerId);
  edit({
    table: TABLES.vetting,
    fn: 'saveVetting',
    entry: v,
    title: 'Vetting checklist',
    fixed: { partnerId: v.record.partnerId },
    done: back,
    back,
  });
}

async function annualReview(partnerId: string, show: Show): Promise<void> {
  const context = await busy('Gathering the year…', () => call('reviewContext', partnerId));
  if (!context) return;
  const back = () => show(partnerId);
  edit({
    table: TABLES.reviews,
    fn: 'saveReview',
    title: 'Annual review',
    defaults: { year: context.year, evidence: context.evidence.join('\n') },
    fixed: { partnerId },
    done: back,
    back,
  });
}

/** Partners whose next check-in falls within a week (or has passed). */
export function dueThisWeek(): PartnerEntry[] {
  const d = state.directory;
  if (!d) return [];
  const end = new Date(Date.parse(`${d.today}T00:00:00Z`) + 7 * 86400000).toISOString().slice(0, 10);
  return d.partners
    .filter(
      (p) =>
        (p.record.status === 'active' || p.record.status === 'onboarding') &&
        p.nextCheckIn &&
        p.nextCheckIn <= end,
    )
    .sort((a, b) => a.nextCheckIn.localeCompare(b.nextCheckIn));
}

/** The home screen's headline figures. */
export function glance(show: Show): HTMLElement {
  const d = state.directory;
  if (!d) return h('div', {});
  const active = d.partners.filter((p) => p.record.status === 'active').length;
  const openNeeds = d.needs.filter(
    (n) => n.record.status === 'open' || n.record.status === 'being addressed',
  ).length;
  const expiring = d.partners.filter((p) => p.attention.includes('agreement expiring')).length;
  const due = dueThisWeek();
  return h(
    'section',
    { class: 'glance', 'aria-label': 'At a glance' },
    h(
      'p',
      {},
      `${active} active partners · ${openNeeds} open needs · ${expiring} agreements expiring · ${due.length} check-ins due this week`,
    ),
    due.length
      ? h(
          'details',
          {},
          h('summary', {}, 'Check-ins due this week'),
          h(
            'ul',
            { class: 'plain' },
            ...due.map((p) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { class: 'link', onclick: () => show(p.record.id) },
                  `${p.record.name}: ${p.nextCheckIn}`,
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
