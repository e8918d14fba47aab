import { createWorkspace } from '../../../dev/workspace';

const QUOTA = 'Service invoked too many times for one day: email.';

describe('MailApp', () => {
  test('the three forms of sendEmail are recorded with their fields', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-15T14:00:00Z') });
    const mail = w.services.MailApp;
    mail.sendEmail('a@partner.org', 'Survey', 'Please answer');
    mail.sendEmail('b@partner.org', 'Agenda', 'See the agenda', {
      htmlBody: '<p>See the agenda</p>',
      name: 'Lincoln Elementary',
      replyTo: 'rc@school.example',
      cc: 'principal@school.example',
      bcc: 'archive@school.example',
      noReply: true,
    });
    mail.sendEmail({
      to: 'c@partner.org, d@partner.org',
      subject: 'Reminder',
      body: 'Due Friday',
      name: 'RC',
    });
    expect(w.mail.sent).toEqual([
      expect.objectContaining({
        to: ['a@partner.org'],
        cc: [],
        bcc: [],
        subject: 'Survey',
        body: 'Please answer',
        htmlBody: null,
      }),
      {
        to: ['b@partner.org'],
        cc: ['principal@school.example'],
        bcc: ['archive@school.example'],
        subject: 'Agenda',
        body: 'See the agenda',
        htmlBody: '<p>See the agenda</p>',
        name: 'Lincoln Elementary',
        replyTo: 'rc@school.example',
        noReply: true,
        at: '2026-09-15T14:00:00.000Z',
      },
      expect.objectContaining({ to: ['c@partner.org', 'd@partner.org'], subject: 'Reminder', name: 'RC' }),
    ]);
  });

  test('each recipient (to, cc, bcc) uses one of the 1,500 a day', () => {
    const w = createWorkspace();
    const mail = w.services.MailApp;
    expect(mail.getRemainingDailyQuota()).toBe(1500);
    mail.sendEmail('a@p.org,b@p.org', 'S', 'B', { cc: 'c@p.org', bcc: 'd@p.org, e@p.org' });
    expect(mail.getRemainingDailyQuota()).toBe(1495);
    expect(w.mail.remaining()).toBe(1495);
  });

  test('when the quota is smaller than the recipients, nothing is sent and the real message is thrown', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-15T14:00:00Z') });
    const mail = w.services.MailApp;
    w.mail.setQuota(3);
    mail.sendEmail('a@p.org, b@p.org', 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(1);
    expect(() => mail.sendEmail('c@p.org', 'S', 'B', { cc: 'd@p.org' })).toThrow(QUOTA);
    expect(w.mail.sent).toHaveLength(1);
    expect(mail.getRemainingDailyQuota()).toBe(1);
    mail.sendEmail('c@p.org', 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('e@p.org', 'S', 'B')).toThrow(QUOTA);
    // The quota is a rolling day.
    w.clock.advance(24 * 3_600_000 + 1);
    expect(mail.getRemainingDailyQuota()).toBe(3);
    expect(w.mail.sent).toHaveLength(2);
  });

  test('invalid addresses are refused with "Invalid email"', () => {
    const w = createWorkspace();
    const mail = w.services.MailApp;
    expect(() => mail.sendEmail('not-an-address', 'S', 'B')).toThrow('Invalid email: not-an-address');
    expect(() => mail.sendEmail('a@p.org', 'S', 'B', { cc: 'ok@p.org, bad@' })).toThrow(
      'Invalid email: bad@',
    );
    expect(() => mail.sendEmail({ to: '', subject: 'S', body: 'B' })).toThrow(/no recipient/);
    mail.sendEmail('Food Bank <info@foodbank.org>', 'S', 'B');
    expect(w.mail.sent.map((m) => m.to)).toEqual([['info@foodbank.org']]);
  });

  test('a line break in the subject is refused, never turned into a header', () => {
    const w = createWorkspace();
    const mail = w.services.MailApp;
    expect(() => mail.sendEmail('a@p.org', 'Hi\r\nBcc: victim@evil.example', 'B')).toThrow(
      'Invalid argument: subject',
    );
    expect(() => mail.sendEmail({ to: 'a@p.org', subject: 'Hi\nthere', body: 'B' })).toThrow(
      'Invalid argument: subject',
    );
    expect(w.mail.sent).toEqual([]);
    expect(mail.getRemainingDailyQuota()).toBe(1500);
  });

  test('one sendEmail is one call; the log does not count', () => {
    const w = createWorkspace();
    w.calls.reset();
    w.services.MailApp.sendEmail('a@p.org, b@p.org', 'S', 'B');
    void w.mail.sent.length;
    w.mail.remaining();
    expect(w.calls.byMethod()).toEqual({ 'MailApp.sendEmail': 1 });
  });

  test('state round trip keeps what was sent and the quota', () => {
    const w = createWorkspace();
    w.mail.setQuota(100);
    w.services.MailApp.sendEmail('a@p.org, b@p.org', 'S', 'B');
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    expect(r.mail.sent).toHaveLength(1);
    expect(r.services.MailApp.getRemainingDailyQuota()).toBe(98);
  });
});
