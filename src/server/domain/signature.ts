// The signature every email to partners ends with: the sender's name, role and school, as the
// coordinator gave them once (Settings, or the send confirmation that asks when they are missing). Pure.
import type { Sender } from '../../shared/contract';
import { escapeHtml, oneLine } from './text';

const LIMITS = { name: 100, role: 100, school: 200 } as const;
const ASK = {
  name: 'Give your name, as partners should see it.',
  role: 'Give your role (for example, Community schools coordinator).',
  school: 'Give the name of your school.',
} as const;

export type SenderField = keyof typeof LIMITS;

/** The signature as typed, on one line each; every field is needed, none too long. */
export function checkSender(
  input: Readonly<Record<SenderField, string>>,
): { readonly sender: Sender } | { readonly errors: Readonly<Partial<Record<SenderField, string>>> } {
  const errors: Partial<Record<SenderField, string>> = {};
  const value = (field: SenderField): string => {
    const text = oneLine(String(input[field] ?? ''));
    if (!text) errors[field] = ASK[field];
    else if (text.length > LIMITS[field])
      errors[field] = `Keep it to ${LIMITS[field]} characters; it has ${text.length}.`;
    return text;
  };
  const sender = { name: value('name'), role: value('role'), school: value('school') };
  return Object.keys(errors).length ? { errors } : { sender };
}

/** A signature read back from storage: used only when it still passes the check. */
export function validSender(value: unknown): Sender | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<Record<SenderField, unknown>>;
  const checked = checkSender({
    name: String(v.name ?? ''),
    role: String(v.role ?? ''),
    school: String(v.school ?? ''),
  });
  return 'sender' in checked ? checked.sender : null;
}

export function signatureLines(sender: Sender): string[] {
  return [sender.name, sender.role, sender.school].map(oneLine).filter(Boolean);
}

/**
 * Text with the signature after it: right under a closing line ("With thanks,"), else after a blank
 * line. Without a signature, the text as it is.
 */
export function signText(text: string, sender: Sender | null): string {
  if (!sender) return text;
  const lines = signatureLines(sender).join('\n');
  if (!text) return lines;
  const body = text.replace(/\s+$/, '');
  return `${body}${/,$/.test(body) ? '\n' : '\n\n'}${lines}`;
}

/** The signature as HTML, every value escaped. */
export function signatureHtml(sender: Sender): string {
  return signatureLines(sender).map(escapeHtml).join('<br>');
}
