/** Română (Romanian): the pupils' pages. Not yet reviewed by a fluent speaker (see README, "Languages"). */
import type { PupilMessages } from './en';
import { plural } from './languages';

export const ro: PupilMessages = {
  languageLabel: 'Limba',
  goBack: 'Înapoi',
  when: {
    today: (clock) => `la ${clock}`,
    tomorrow: (clock) => `mâine la ${clock}`,
    day: (day, clock) => `${day} la ${clock}`,
  },
  block: {
    title: (site) => `${site ?? 'Acest site'} este închis pe calculatoarele școlii`,
    why: 'Calculatoarele școlii nu sunt pentru rețele sociale. Această regulă ne ajută pe toți să fim în siguranță.',
    opensAgain: (when) => `Îl poți folosi din nou ${when}.`,
    askTeacher: 'Ai nevoie de el pentru școală? Întreabă-ți profesorul.',
    worried: 'Te-a supărat sau te-a îngrijorat ceva pe internet? Spune-i unui adult în care ai încredere. Nu vei avea probleme.',
    address: 'Adresa era',
  },
  report: {
    open: 'Spune-i cuiva în care ai încredere',
    intro: (dsl) =>
      `Dacă cineva de pe internet a fost rău cu tine, te-a speriat sau ți-a cerut să păstrezi un secret, ne poți spune aici. ${dsl ? `${dsl}, persoana care are grijă ca copiii să fie în siguranță la școala noastră,` : 'Persoana care are grijă ca copiii să fie în siguranță la școala noastră'} va citi mesajul. Nimeni altcineva de pe acest calculator nu îl poate vedea.`,
    what: 'Ce s-a întâmplat?',
    name: 'Numele tău',
    group: 'Clasa ta',
    talkTo: 'Cu cine ai vrea să vorbești?',
    optional: 'nu este obligatoriu',
    send: 'Trimite',
    sending: 'Se trimite…',
    sentTitle: 'Mesajul tău a fost trimis',
    sent: (dsl) =>
      `Îți mulțumim că ne-ai spus. ${dsl ?? 'Persoana care are grijă ca copiii să fie în siguranță la școala noastră'} îl va citi și va vorbi cu tine în curând. Nimeni altcineva de pe acest calculator nu îl poate vedea. Poți oricând să vorbești și cu profesorul tău.`,
    tooShort: 'Te rugăm să scrii câteva cuvinte despre ce s-a întâmplat.',
    failed: 'Ne pare rău, mesajul nu a fost trimis. Spune-i profesorului tău.',
  },
  warn: {
    title: (site) => `${site ?? 'Acest site'}: oprește-te și gândește-te`,
    intro: 'Poți folosi acest site acum. Înainte să continui, ține minte:',
    rules: [
      'Fii amabil. Scrie doar ce i-ai spune cuiva în față.',
      'Păstrează lucrurile private: unde locuiești, numărul de telefon și parolele.',
      'Nu vorbi cu oameni pe care nu îi cunoști.',
      'Dacă ceva te îngrijorează, oprește-te și spune-i unui adult în care ai încredere.',
    ],
    reason: 'Pentru ce ai nevoie de el?',
    minutes: (n) =>
      plural('ro', n, {
        one: 'Continuă deschide acest site în această filă pentru {n} minut.',
        few: 'Continuă deschide acest site în această filă pentru {n} minute.',
        other: 'Continuă deschide acest site în această filă pentru {n} de minute.',
      }),
    continue: 'Continuă',
    noAddress: 'Nu există nicio adresă la care să continui.',
  },
};
