// What a call may have changed, observed without counting: cells and formulas of every tab, mail,
// calendar events and invitations, Drive files and folders, Docs, Forms, triggers and properties; and
// the service calls it made that change something.
import type { AddOn } from '../../dev/gas';

export interface Observed {
  readonly cells: string;
  readonly mail: number;
  readonly events: string;
  readonly invitations: number;
  readonly drive: string;
  readonly docs: string;
  readonly forms: string;
  readonly triggers: string;
  readonly properties: string;
}

const DOC = 'application/vnd.google-apps.document';

export function observe(addOn: AddOn): Observed {
  const w = addOn.workspace;
  const drive = w.inspectDrive();
  const { PropertiesService } = w.services;
  const properties = [PropertiesService.getDocumentProperties(), PropertiesService.getUserProperties()].map(
    (p) => p.getProperties(),
  );
  return {
    cells: JSON.stringify(w.inspect().tabs.map((t) => [t.name, t.values, t.formulas])),
    mail: w.mail.sent.length,
    events: JSON.stringify(w.calendar.inspect()),
    invitations: w.calendar.invitations.length,
    drive: JSON.stringify(drive),
    docs: JSON.stringify(
      drive.files.filter((f) => f.mimeType === DOC).map((f) => w.inspectDocument(f.id).html),
    ),
    forms: JSON.stringify(w.forms.inspect()),
    triggers: JSON.stringify(w.triggers.list()),
    properties: JSON.stringify(properties),
  };
}

/** The parts that differ, by name. */
export function changed(before: Observed, after: Observed): string[] {
  return (Object.keys(before) as (keyof Observed)[]).filter((k) => before[k] !== after[k]);
}

/** Service methods that change a spreadsheet, a Doc, a Form, Drive, mail, calendar, triggers or properties. */
const MUTATOR =
  /\.(set|insert|append|create|delete|remove|add|send|move|clear|copy|make|modify|protect|rename|sort|hide|show|submit|update|activate|autoResize|saveAndClose|newTrigger|replace|merge|edit)[A-Za-z]*$/;

/** Mutating calls recorded since the call log was last reset. */
export function mutatingCalls(addOn: AddOn): string[] {
  return Object.keys(addOn.workspace.calls.byMethod()).filter((k) => MUTATOR.test(k));
}
