// Demo rows: the add-on's "Try with demo data" gives each row an id with "demo" after the table's prefix
// (P-demo3a00001eef). Ids Partner Hub makes otherwise are hex only, so "demo" never appears in them:
// "Remove demo data" deletes exactly the rows whose id says so.

const DEMO_ID = /^[A-Z]-demo[0-9a-f]+$/;

export function isDemoId(id: string): boolean {
  return DEMO_ID.test(id);
}

/** The demo id for an id of the demo school: the same row, marked. */
export function demoId(id: string): string {
  return id.replace(/^([A-Z])-/, '$1-demo');
}

/** Written in the Notes of each demo partner, so the sheet says it too. */
export const DEMO_NOTE =
  'Demo data: a made-up partner. "Remove demo data" in the Partner Hub sidebar deletes it.';
