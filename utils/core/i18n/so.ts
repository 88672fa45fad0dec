/** Soomaali (Somali): the pupils' pages. Not yet reviewed by a fluent speaker (see README, "Languages"). */
import type { PupilMessages } from './en';
import { plural } from './languages';

export const so: PupilMessages = {
  languageLabel: 'Luqadda',
  goBack: 'Dib u noqo',
  when: {
    today: (clock) => `saacadda ${clock}`,
    tomorrow: (clock) => `berri saacadda ${clock}`,
    day: (day, clock) => `${day} saacadda ${clock}`,
  },
  block: {
    title: (site) => `${site ?? 'Boggan'} waa ku xiran yahay kombiyuutarrada dugsiga`,
    why: 'Kombiyuutarrada dugsigu ma aha kuwa baraha bulshada. Xeerkani wuxuu ka caawiyaa in qof walba nabad ahaado.',
    opensAgain: (when) => `Mar kale waad isticmaali kartaa ${when}.`,
    askTeacher: 'Ma u baahan tahay shaqada dugsiga? Weydii macallinkaaga.',
    worried: 'Ma jiraa wax internetka ku jira oo ku cadhaysiiyay ama ku welwelay? U sheeg qof weyn oo aad aaminto. Dhib kuuma iman doono.',
    address: 'Cinwaanku wuxuu ahaa',
  },
  report: {
    open: 'U sheeg qof aad aaminto',
    intro: (dsl) =>
      `Haddii qof internetka jooga uu kula dhaqmay si xun, ku baqay, ama kaa codsaday inaad sir qarsato, halkan ayaad nooga sheegi kartaa. ${dsl ? `${dsl}, oo ilaaliya badbaadada carruurta dugsigayaga,` : 'Qofka ilaaliya badbaadada carruurta dugsigayaga'} ayaa akhrin doona. Qof kale oo kombiyuutarkan ku jira ma arki karo.`,
    what: 'Maxaa dhacay?',
    name: 'Magacaaga',
    group: 'Fasalkaaga',
    talkTo: 'Yaad jeclaan lahayd inaad la hadasho?',
    optional: 'qasab ma aha',
    send: 'Dir',
    sending: 'Waa la dirayaa…',
    sentTitle: 'Fariintaada waa la diray',
    sent: (dsl) =>
      `Waad ku mahadsan tahay inaad noo sheegtay. ${dsl ?? 'Qofka ilaaliya badbaadada carruurta dugsigayaga'} ayaa akhrin doona oo dhawaan kula hadli doona. Qof kale oo kombiyuutarkan ku jira ma arki karo. Sidoo kale waqti kasta waad la hadli kartaa macallinkaaga.`,
    tooShort: 'Fadlan ku qor dhowr eray waxa dhacay.',
    failed: 'Waan ka xunnahay, lama dirin. Fadlan u sheeg macallinkaaga.',
  },
  warn: {
    title: (site) => `${site ?? 'Boggan'}: joog oo ka fikir`,
    intro: 'Hadda waad isticmaali kartaa boggan. Intaadan sii wadin, xusuuso:',
    rules: [
      'Naxariis yeelo. Qor oo keliya waxa aad qofka u sheegi lahayd isagoo kula jooga.',
      'Waxyaabaha gaarka ah ha sheegin: meesha aad deggan tahay, lambarkaaga taleefanka iyo furayaashaada sirta ah.',
      'Ha la sheekaysan dad aadan aqoon.',
      'Haddii wax ku welwelaan, joog oo u sheeg qof weyn oo aad aaminto.',
    ],
    reason: 'Maxaad ugu baahan tahay?',
    minutes: (n) =>
      plural('so', n, {
        one: 'Sii wad wuxuu boggan ku furayaa tab-kan {n} daqiiqo.',
        other: 'Sii wad wuxuu boggan ku furayaa tab-kan {n} daqiiqo.',
      }),
    continue: 'Sii wad',
    noAddress: 'Ma jiro cinwaan loo sii gudbo.',
  },
};
