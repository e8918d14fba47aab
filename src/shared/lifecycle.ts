// Where a partner stands in vetting and onboarding: the sidebar shows it, the server records it. Pure.
import type { Onboarding, Vetting } from './records';
import { ONBOARDING_STEPS, VETTING_CRITERIA } from './schema';

export interface OnboardingProgress {
  readonly done: number;
  readonly needed: number;
  readonly missing: readonly string[];
  readonly complete: boolean;
}

export function onboardingProgress(o: Onboarding): OnboardingProgress {
  const needed = ONBOARDING_STEPS.filter(
    ([key]) =>
      !(key === 'dataSharing' && o.dataSharingNotNeeded) && !(key === 'clearances' && o.clearancesNotNeeded),
  );
  const missing = needed.filter(([key]) => !o[key]).map(([, label]) => label);
  return {
    done: needed.length - missing.length,
    needed: needed.length,
    missing,
    complete: missing.length === 0,
  };
}

export function vettingConcerns(v: Vetting): string[] {
  return VETTING_CRITERIA.filter(([key]) => v[key] === 'concern').map(([, label]) => label);
}
