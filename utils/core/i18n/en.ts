/**
 * English: every sentence the pupils' and adults' pages show. The other languages are typed
 * against this file, so a key missing in any of them fails the type check (and the build).
 * Text the school writes (names, purposes) is passed in and shown as written.
 */
import { plural } from './languages';

const reader = (dsl: string | null) => (dsl ? `${dsl}, who keeps children safe at our school,` : 'The person who keeps children safe at our school');

export const enPupil = {
  languageLabel: 'Language',
  goBack: 'Go back',
  when: {
    today: (clock: string) => `at ${clock}`,
    tomorrow: (clock: string) => `tomorrow at ${clock}`,
    day: (day: string, clock: string) => `on ${day} at ${clock}`,
  },
  block: {
    title: (site: string | null) => `${site ?? 'This site'} is closed on school computers`,
    why: 'School computers are not for social media. This rule helps keep everyone safe.',
    opensAgain: (when: string) => `You can use it again ${when}.`,
    askTeacher: 'Need it for school work? Ask your teacher.',
    worried: 'Has something online upset you or made you worried? Tell a grown-up you trust. You will not be in trouble.',
    address: 'The address was',
  },
  report: {
    open: 'Tell someone you trust',
    intro: (dsl: string | null) =>
      `If someone online has been unkind or scary, or has asked you to keep a secret, you can tell us here. ${reader(dsl)} will read it. Nobody else on this computer can see it.`,
    what: 'What happened?',
    name: 'Your name',
    group: 'Your class',
    talkTo: 'Who would you like to talk to?',
    optional: "you don't have to",
    send: 'Send',
    sending: 'Sending…',
    sentTitle: 'Your message has been sent',
    sent: (dsl: string | null) =>
      `Thank you for telling us. ${dsl ?? 'The person who keeps children safe at our school'} will read it and will talk to you soon. Nobody else on this computer can see it. You can also talk to your teacher at any time.`,
    tooShort: 'Please write a few words about what happened.',
    failed: 'Sorry, that did not send. Please tell your teacher instead.',
  },
  warn: {
    title: (site: string | null) => `${site ?? 'This site'}: stop and think`,
    intro: 'You can use this site now. Before you go on, remember:',
    rules: [
      'Be kind. Only write what you would say to someone’s face.',
      'Keep private things private: where you live, your phone number and your passwords.',
      'Do not chat to people you do not know.',
      'If something worries you, stop and tell a grown-up you trust.',
    ],
    reason: 'What do you need it for?',
    minutes: (n: number) =>
      plural('en', n, { one: 'Continue opens this site in this tab for {n} minute.', other: 'Continue opens this site in this tab for {n} minutes.' }),
    continue: 'Continue',
    noAddress: 'There is no address to continue to.',
  },
};

export type PupilMessages = typeof enPupil;

export const enAdult = {
  roles: { pupil: 'Pupil', staff: 'Staff', governor: 'Governor' },
  block: {
    titleAlways: (site: string | null) => `${site ?? 'This site'} is blocked on this device`,
    titleDuring: (site: string | null) => `${site ?? 'This site'} is blocked during school hours`,
    titleOutside: (site: string | null) => `${site ?? 'This site'} is blocked outside school hours`,
    why: "Under the school's social media policy, personal use of social networking in work time is not permitted unless the head teacher has given permission.",
    opensAgain: (when: string) => `It opens again ${when}.`,
    staysBlocked: 'It stays blocked on this device.',
    permissionTitle: 'Need it for school?',
    permission:
      'Need it for a lesson or the school’s own account? Ask the head teacher (or, for a school service, a member of the senior leadership team) for permission; they can arrange an approved use.',
    dsl: (name: string | null, contact: string | null) =>
      `${name ? `${name}, our Designated Safeguarding Lead` : 'our Designated Safeguarding Lead'}${contact ? ` (${contact})` : ''}`,
    concerns: (dsl: string) => `Concerns about a pupil or adult online: ${dsl}.`,
    policyLink: "Read the school's social media policy",
    address: 'Address',
  },
  exception: {
    title: 'Ask for a temporary exception',
    scope: 'For',
    site: 'This site',
    page: 'Just this page and below',
    howLong: 'How long',
    use: 'Kind of use',
    school: 'School use',
    personal: "Personal use, with the head teacher's permission",
    reason: 'Reason',
    approver: 'Approved by',
    pin: "Approver's PIN",
    required: 'required',
    logged: (dsl: string | null) =>
      `Your request is recorded in this device's access log, with the site, your reason and the time. ${dsl ?? 'The Designated Safeguarding Lead'} and the head teacher can see it.`,
    submit: 'Request exception',
    sending: 'Sending…',
    granted: (until: string) => `Exception granted until ${until}. Opening the site…`,
    wait: (n: number) => plural('en', n, { one: 'You can try again in {n} second.', other: 'You can try again in {n} seconds.' }),
    minutes: (n: number) => {
      const h = Math.floor(n / 60);
      const m = n % 60;
      const hours = plural('en', h, { one: '{n} hour', other: '{n} hours' });
      const mins = plural('en', m, { one: '{n} minute', other: '{n} minutes' });
      return h === 0 ? mins : m === 0 ? hours : `${hours} ${mins}`;
    },
    endOfDay: (when: string) => `Until the end of the school day (${when})`,
    failed: 'The request could not be sent. Please try again.',
  },
  warn: {
    title: (site: string | null) => `${site ?? 'This site'}: please read before you continue`,
    intro: "The school's social media policy allows this site now, on these terms of use:",
    terms: [
      'Do not publish anything that may result in actions for defamation, discrimination, breaches of copyright, data protection or other claims for damages.',
      'Do not use it to promote personal financial interests, commercial ventures or personal campaigns.',
      'Do not use it in an abusive or hateful manner.',
      "Do not breach the school's codes of conduct, misconduct, equal opportunities or bullying and harassment policies.",
      'Do not discuss or advise on matters relating to the school, staff, pupils or parents.',
      'Do not have a pupil or former pupil under 18 as a friend, and do not interact with pupils.',
      'Do not refer to any staff member, pupil, parent or school event without the head teacher’s prior permission.',
    ],
    reason: 'Why do you need this site? (optional)',
    minutes: (n: number) =>
      plural('en', n, { one: 'Continue opens this site in this tab for {n} minute.', other: 'Continue opens this site in this tab for {n} minutes.' }),
  },
  popup: {
    role: (role: string) => `Role: ${role}`,
    day: (day: string, clock: string) => `${day} at ${clock}`,
    schoolHours: 'School hours',
    schoolUntil: (when: string) => `School hours until ${when}`,
    outside: 'Outside school hours',
    outsideUntil: (when: string) => `Outside school hours until ${when}`,
    protection: 'Protection on',
    exceptions: 'Exceptions',
    endNow: 'End now',
    problems: (n: number) => plural('en', n, { one: '{n} policy problem: see the status page.', other: '{n} policy problems: see the status page.' }),
    statusPage: 'Status page',
    pupilNote: 'Hall Pass keeps social media closed on school computers.',
  },
};

export type AdultMessages = typeof enAdult;

export interface Messages {
  pupil: PupilMessages;
  adult: AdultMessages;
}

export const en: Messages = { pupil: enPupil, adult: enAdult };
