import { SURVEY_KINDS } from '../../../src/shared/schema';
import {
  DEFAULT_MESSAGE,
  DEFAULT_SUBJECT,
  longDate,
  renderSurveyMail,
  type SurveyMailInput,
} from '../../../src/server/domain/survey-mail';

const base: SurveyMailInput = {
  subject: '{{survey.title}} for {{partner.name}}',
  message:
    'Dear {{contact.name}},\n\nPlease answer for {{partner.name}}:\n{{survey.link}}\n\nBy {{survey.closes}}.',
  link: 'https://docs.google.com/forms/d/e/abc/viewform?entry.1=tok123',
  partnerName: 'Eastside Tutors',
  contactName: 'Ana Díaz',
  surveyTitle: 'End of year 2026',
  closes: '2026-06-12',
};

/** What is left of the HTML once our own tags are taken out: nothing here may be markup. */
function withoutOwnTags(html: string): string {
  return html.replace(/<br>/g, '').replace(/<a href="[^"<>]*">[^<>]*<\/a>/g, '');
}

describe('renderSurveyMail', () => {
  it('fills the placeholders, puts the address on its own line, and labels the link in HTML', () => {
    const mail = renderSurveyMail(base);
    expect(mail.subject).toBe('End of year 2026 for Eastside Tutors');
    expect(mail.body).toBe(
      'Dear Ana Díaz,\n\nPlease answer for Eastside Tutors:\n' +
        'https://docs.google.com/forms/d/e/abc/viewform?entry.1=tok123\n\nBy Friday, June 12, 2026.',
    );
    expect(mail.htmlBody).toBe(
      'Dear Ana Díaz,<br><br>Please answer for Eastside Tutors:<br>' +
        '<a href="https://docs.google.com/forms/d/e/abc/viewform?entry.1=tok123">Open the survey</a>' +
        '<br><br>By Friday, June 12, 2026.',
    );
    expect(mail.unknown).toEqual([]);
  });

  it('escapes a contact name that holds a script, in every place it appears', () => {
    const mail = renderSurveyMail({
      ...base,
      contactName: '<script>alert("x")</script>',
      partnerName: `Tom & Jerry's`,
    });
    expect(mail.htmlBody).toContain('Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(mail.htmlBody).toContain('Tom &amp; Jerry&#39;s');
    expect(mail.htmlBody).not.toContain('<script');
    expect(withoutOwnTags(mail.htmlBody)).not.toMatch(/[<>]/);
    expect(mail.body).toContain('Dear <script>alert("x")</script>,'); // plain text shows it as written
  });

  it('shows a javascript: link as text, never as a link', () => {
    const mail = renderSurveyMail({ ...base, link: 'javascript:alert(1)' });
    expect(mail.htmlBody).not.toContain('<a');
    expect(mail.htmlBody).toContain('<br>javascript:alert(1)<br>');
    for (const link of [
      'http://plain.example/form',
      'https://x.example/"onmouseover="alert(1)',
      'data:text/html,<b>',
    ]) {
      const html = renderSurveyMail({ ...base, link }).htmlBody;
      expect(html).not.toContain('<a');
      expect(withoutOwnTags(html)).not.toMatch(/[<>]/);
    }
  });

  it('keeps the subject on one line: CR/LF and control characters become spaces', () => {
    const mail = renderSurveyMail({
      ...base,
      subject: 'Survey\r\nBcc: everyone@example.com\u0000 for {{partner.name}}',
      partnerName: 'Eastside\nTutors',
    });
    expect(mail.subject).toBe('Survey Bcc: everyone@example.com for Eastside Tutors');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).not.toContain('\u0000');
  });

  it('cuts the subject at 250 characters and falls back to the title when empty', () => {
    expect(renderSurveyMail({ ...base, subject: 'a'.repeat(300) }).subject).toHaveLength(250);
    const emoji = renderSurveyMail({ ...base, subject: `${'a'.repeat(249)}😀 more` }).subject;
    expect(emoji).toBe('a'.repeat(249)); // never half a character
    expect(renderSurveyMail({ ...base, subject: ' \r\n ' }).subject).toBe('End of year 2026');
  });

  it('leaves an unknown placeholder visible and reports it once', () => {
    const mail = renderSurveyMail({
      ...base,
      subject: 'Hello from {{school.name}}',
      message: 'Dear {{contact.name}} at {{ school.name }}, {{Partner.Name}} {{contact.phone}}',
    });
    expect(mail.unknown).toEqual(['school.name', 'contact.phone']);
    expect(mail.subject).toBe('Hello from {{school.name}}');
    expect(mail.body).toContain('Dear Ana Díaz at {{ school.name }}, Eastside Tutors {{contact.phone}}');
  });

  it('adds the link at the end when the message has none', () => {
    const mail = renderSurveyMail({ ...base, message: 'Thank you!' });
    expect(mail.body).toBe(`Thank you!\n\n${base.link}`);
    expect(mail.htmlBody).toBe(`Thank you!<br><br><a href="${base.link}">Open the survey</a>`);
  });

  it('breaks the line around a link placed mid-sentence', () => {
    const mail = renderSurveyMail({ ...base, message: 'Answer here: {{survey.link}}. Thanks!' });
    expect(mail.body).toBe(`Answer here:\n${base.link}\nThanks!`);
  });

  it('leaves out the closing-date line when the survey has no closing date', () => {
    const mail = renderSurveyMail({ ...base, closes: '' });
    expect(mail.body).toBe(`Dear Ana Díaz,\n\nPlease answer for Eastside Tutors:\n${base.link}`);
  });

  it.each(SURVEY_KINDS.map((k) => [k]))(
    'renders the default %s email with every placeholder known',
    (kind) => {
      const mail = renderSurveyMail({
        ...base,
        subject: DEFAULT_SUBJECT[kind],
        message: DEFAULT_MESSAGE[kind],
      });
      expect(mail.unknown).toEqual([]);
      expect(mail.subject).toMatch(/^End of year 2026: /);
      expect(mail.body.split('\n')).toContain(base.link);
      expect(mail.body).toContain('Dear Ana Díaz,');
      expect(mail.body).toContain('Friday, June 12, 2026');
      expect(mail.body).not.toMatch(/\{\{/);
      const without = renderSurveyMail({
        ...base,
        closes: '',
        subject: DEFAULT_SUBJECT[kind],
        message: DEFAULT_MESSAGE[kind],
      });
      expect(without.body).not.toMatch(/answer by/i);
      expect(without.body).not.toMatch(/\n{3}/);
    },
  );

  it('signs with the sender’s name, role and school: under a closing line, else after a blank line', () => {
    const sender = {
      name: 'Marisol Vega',
      role: 'Community schools coordinator',
      school: 'Riverside <School>',
    };
    const closing = renderSurveyMail({
      ...base,
      message: 'Dear {{contact.name}},\n{{survey.link}}\n\nWith thanks,',
      sender,
    });
    expect(closing.body).toBe(
      `Dear Ana Díaz,\n${base.link}\n\nWith thanks,\nMarisol Vega\nCommunity schools coordinator\nRiverside <School>`,
    );
    expect(closing.htmlBody).toBe(
      `Dear Ana Díaz,<br><a href="${base.link}">Open the survey</a><br><br>With thanks,<br>` +
        'Marisol Vega<br>Community schools coordinator<br>Riverside &lt;School&gt;',
    );
    const plain = renderSurveyMail({ ...base, message: 'Thank you!', sender });
    expect(plain.body).toBe(
      `Thank you!\n\n${base.link}\n\nMarisol Vega\nCommunity schools coordinator\nRiverside <School>`,
    );
    expect(withoutOwnTags(plain.htmlBody)).not.toMatch(/[<>]/);
    for (const kind of SURVEY_KINDS) {
      const mail = renderSurveyMail({
        ...base,
        subject: DEFAULT_SUBJECT[kind],
        message: DEFAULT_MESSAGE[kind],
        sender,
      });
      expect(mail.body).toMatch(
        /With thanks,\nMarisol Vega\nCommunity schools coordinator\nRiverside <School>$/,
      );
    }
  });

  it('writes dates out in full', () => {
    expect(longDate('2026-06-12')).toBe('Friday, June 12, 2026');
    expect(longDate('2028-02-29')).toBe('Tuesday, February 29, 2028');
    expect(longDate('June 12')).toBe('June 12');
  });
});
