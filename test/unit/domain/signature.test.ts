import { checkSender, signText, validSender } from '../../../src/server/domain/signature';
import { followUpMail } from '../../../src/server/domain/followup';
import type { Gathering } from '../../../src/shared/records';

const sender = {
  name: 'Marisol Vega',
  role: 'Community schools coordinator',
  school: 'Riverside Community School',
};

describe('the signature on emails to partners', () => {
  it('asks for each missing part in plain words, and saves none of it', () => {
    expect(checkSender({ name: ' ', role: '', school: 'Riverside' })).toEqual({
      errors: {
        name: 'Give your name, as partners should see it.',
        role: 'Give your role (for example, Community schools coordinator).',
      },
    });
    expect(checkSender({ ...sender, school: 'x'.repeat(201) })).toEqual({
      errors: { school: 'Keep it to 200 characters; it has 201.' },
    });
  });

  it('keeps each part on one line, so nothing typed can add a header or a line', () => {
    expect(
      checkSender({ name: ' Marisol\r\nVega ', role: 'Coordinator\u0000', school: 'Riverside' }),
    ).toEqual({
      sender: { name: 'Marisol Vega', role: 'Coordinator', school: 'Riverside' },
    });
  });

  it('reads back only a signature that still passes the check', () => {
    expect(validSender(sender)).toEqual(sender);
    expect(validSender({ name: 'Marisol' })).toBeNull();
    expect(validSender('Marisol')).toBeNull();
    expect(validSender(null)).toBeNull();
  });

  it('goes under a closing line, after a blank line otherwise, and nowhere without a sender', () => {
    expect(signText('Dear Ana,\n\nWith thanks,', sender)).toBe(
      'Dear Ana,\n\nWith thanks,\nMarisol Vega\nCommunity schools coordinator\nRiverside Community School',
    );
    expect(signText('Thanks!\n', sender)).toBe(
      'Thanks!\n\nMarisol Vega\nCommunity schools coordinator\nRiverside Community School',
    );
    expect(signText('Thanks!', null)).toBe('Thanks!');
  });

  it('signs a gathering follow-up, escaped in its HTML', () => {
    const gathering = {
      id: 'G-1',
      title: 'Fall partner gathering',
      date: '2026-10-13',
      agendaUrl: '',
    } as unknown as Gathering;
    const mail = followUpMail(gathering, { name: 'Ana', partnerId: 'P-1' }, [], {
      ...sender,
      school: 'Riverside <b>School</b>',
    });
    expect(mail.body).toMatch(
      /With thanks,\nMarisol Vega\nCommunity schools coordinator\nRiverside <b>School<\/b>$/,
    );
    expect(mail.htmlBody).toContain(
      '<p>With thanks,<br>Marisol Vega<br>Community schools coordinator<br>Riverside &lt;b&gt;School&lt;/b&gt;</p>',
    );
  });
});
