// Who is invited to a gathering: the primary contact of each invited partner (or its first contact).
import type { Contact, Gathering } from '../../shared/records';
import { isEmail } from '../../shared/fields';

export interface Guest {
  readonly partnerId: string;
  readonly name: string;
  readonly email: string;
}

export function gatheringGuests(
  gathering: Pick<Gathering, 'invited'>,
  contacts: readonly Contact[],
): Guest[] {
  const seen = new Set<string>();
  const out: Guest[] = [];
  for (const partnerId of gathering.invited) {
    const people = contacts.filter((c) => c.partnerId === partnerId && isEmail(c.email));
    const contact = people.find((c) => c.primary) ?? people[0];
    const email = contact?.email.toLowerCase();
    if (!contact || !email || seen.has(email)) continue;
    seen.add(email);
    out.push({ partnerId, name: contact.name, email });
  }
  return out;
}
