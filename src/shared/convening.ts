// The goal-setting convening's choices, from the planning toolkit: both the planner and the sidebar show them.
export const CONVENING_GOALS = [
  'Build relationships and connections across the community',
  'Align on student and community needs',
  'Identify community assets and opportunities to collaborate',
  'Set preliminary goals',
  'Develop a high-level plan',
] as const;
