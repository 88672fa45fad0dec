/** Polski (Polish): the pupils' pages. Not yet reviewed by a fluent speaker (see README, "Languages"). */
import type { PupilMessages } from './en';
import { plural } from './languages';

export const pl: PupilMessages = {
  languageLabel: 'Język',
  goBack: 'Wróć',
  when: {
    today: (clock) => `o ${clock}`,
    tomorrow: (clock) => `jutro o ${clock}`,
    day: (day, clock) => `w dniu ${day} o ${clock}`,
  },
  block: {
    title: (site) => `${site ?? 'Ta strona'} jest zamknięta na szkolnych komputerach`,
    why: 'Szkolne komputery nie służą do mediów społecznościowych. Ta zasada pomaga wszystkim być bezpiecznymi.',
    opensAgain: (when) => `Możesz z niej znowu korzystać ${when}.`,
    askTeacher: 'Potrzebujesz jej do nauki? Zapytaj nauczyciela.',
    worried: 'Czy coś w internecie cię zdenerwowało albo zmartwiło? Powiedz dorosłemu, któremu ufasz. Nie będziesz mieć kłopotów.',
    address: 'Adres strony',
  },
  report: {
    open: 'Powiedz komuś, komu ufasz',
    intro: (dsl) =>
      `Jeśli ktoś w internecie był dla ciebie niemiły albo cię przestraszył, albo prosił, żebyś dochował tajemnicy, możesz nam o tym napisać tutaj. Przeczyta to ${dsl ? `${dsl}, osoba, która dba o bezpieczeństwo dzieci w naszej szkole` : 'osoba, która dba o bezpieczeństwo dzieci w naszej szkole'}. Nikt inny na tym komputerze tego nie zobaczy.`,
    what: 'Co się stało?',
    name: 'Twoje imię',
    group: 'Twoja klasa',
    talkTo: 'Z kim chcesz porozmawiać?',
    optional: 'nie musisz',
    send: 'Wyślij',
    sending: 'Wysyłanie…',
    sentTitle: 'Twoja wiadomość została wysłana',
    sent: (dsl) =>
      `Dziękujemy, że nam powiedziałeś. ${dsl ?? 'Osoba, która dba o bezpieczeństwo dzieci w naszej szkole,'} przeczyta ją i wkrótce z tobą porozmawia. Nikt inny na tym komputerze jej nie zobaczy. Możesz też zawsze porozmawiać ze swoim nauczycielem.`,
    tooShort: 'Napisz kilka słów o tym, co się stało.',
    failed: 'Przepraszamy, nie udało się wysłać. Powiedz o tym nauczycielowi.',
  },
  warn: {
    title: (site) => `${site ?? 'Ta strona'}: zatrzymaj się i pomyśl`,
    intro: 'Możesz teraz korzystać z tej strony. Zanim przejdziesz dalej, pamiętaj:',
    rules: [
      'Bądź miły. Pisz tylko to, co powiedziałbyś komuś prosto w twarz.',
      'Nie podawaj prywatnych informacji: gdzie mieszkasz, numeru telefonu i haseł.',
      'Nie rozmawiaj z osobami, których nie znasz.',
      'Jeśli coś cię martwi, przestań i powiedz dorosłemu, któremu ufasz.',
    ],
    reason: 'Do czego jej potrzebujesz?',
    minutes: (n) =>
      plural('pl', n, {
        one: 'Dalej otwiera tę stronę w tej karcie na {n} minutę.',
        few: 'Dalej otwiera tę stronę w tej karcie na {n} minuty.',
        many: 'Dalej otwiera tę stronę w tej karcie na {n} minut.',
        other: 'Dalej otwiera tę stronę w tej karcie na {n} minuty.',
      }),
    continue: 'Dalej',
    noAddress: 'Nie ma adresu, do którego można przejść.',
  },
};
