// The coordinator's signature on emails to partners (name, role, school), kept in the user's properties
// for each spreadsheet: it names this person, so two coordinators of one school each sign their own, and
// the time-driven trigger that finishes a send can read it (a trigger has no document properties).
import type { Sender } from '../../shared/contract';

import { validSender } from '../domain/signature';
import { UserError } from '../domain/errors';
import type { Database } from './database';

const key = (spreadsheetId: string) => `ph.${spreadsheetId}.sender`;

export function readSender(spreadsheetId: string): Sender | null {
  const raw = PropertiesService.getUserProperties().getProperty(key(spreadsheetId));
  if (!raw) return null;
  try {
    return validSender(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** Saves a signature that passed checkSender. */
export function writeSender(spreadsheetId: string, sender: Sender): void {
  PropertiesService.getUserProperties().setProperty(key(spreadsheetId), JSON.stringify(sender));
}

/** The signature every email to partners needs, or a message that says where to give it. */
export function senderOrStop(spreadsheetId: string): Sender {
  const sender = readSender(spreadsheetId);
  if (!sender)
    throw new UserError(
      'Emails to partners are signed with your name, role and school, and Partner Hub does not have them yet. ' +
        'Give them in Settings (Your signature on emails), then send again.',
    );
  return sender;
}

/** The school's name from the Schools tab (its first row), offered when the signature is asked for. */
export function schoolOf(db: Database): string {
  const school = db.school();
  return school?.name ?? '';
}
