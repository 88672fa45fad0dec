/** Cymraeg (Welsh): every page. Not yet reviewed by a fluent speaker (see README, "Languages"). */
import type { Messages } from './en';
import { plural } from './languages';

const munud = (n: number) =>
  plural('cy', n, { zero: '{n} munud', one: '{n} munud', two: '{n} funud', few: '{n} munud', many: '{n} munud', other: '{n} munud' });
const awr = (n: number) => plural('cy', n, { zero: '{n} awr', one: '{n} awr', two: '{n} awr', few: '{n} awr', many: '{n} awr', other: '{n} awr' });
const eiliad = (n: number) =>
  plural('cy', n, { zero: '{n} eiliad', one: '{n} eiliad', two: '{n} eiliad', few: '{n} eiliad', many: '{n} eiliad', other: '{n} eiliad' });

export const cy: Messages = {
  pupil: {
    languageLabel: 'Iaith',
    goBack: 'Mynd yn ôl',
    when: {
      today: (clock) => `am ${clock}`,
      tomorrow: (clock) => `yfory am ${clock}`,
      day: (day, clock) => `ddydd ${day} am ${clock}`,
    },
    block: {
      title: (site) => `Mae ${site ?? 'y wefan hon'} ar gau ar gyfrifiaduron yr ysgol`,
      why: 'Nid yw cyfrifiaduron yr ysgol ar gyfer cyfryngau cymdeithasol. Mae’r rheol hon yn helpu i gadw pawb yn ddiogel.',
      opensAgain: (when) => `Gallwch ei defnyddio eto ${when}.`,
      askTeacher: 'Angen hon ar gyfer gwaith ysgol? Gofynnwch i’ch athro.',
      worried: 'A yw rhywbeth ar-lein wedi eich cynhyrfu neu eich poeni? Dywedwch wrth oedolyn rydych chi’n ymddiried ynddo. Fyddwch chi ddim mewn trwbl.',
      address: 'Y cyfeiriad oedd',
    },
    report: {
      open: 'Dweud wrth rywun rydych chi’n ymddiried ynddo',
      intro: (dsl) =>
        `Os yw rhywun ar-lein wedi bod yn angharedig neu’n codi ofn arnoch, neu wedi gofyn i chi gadw cyfrinach, gallwch ddweud wrthym ni yma. Bydd ${dsl ? `${dsl}, sy’n cadw plant yn ddiogel yn ein hysgol,` : 'y person sy’n cadw plant yn ddiogel yn ein hysgol'} yn ei ddarllen. Does neb arall ar y cyfrifiadur hwn yn gallu ei weld.`,
      what: 'Beth ddigwyddodd?',
      name: 'Eich enw',
      group: 'Eich dosbarth',
      talkTo: 'Gyda phwy hoffech chi siarad?',
      optional: 'does dim rhaid i chi',
      send: 'Anfon',
      sending: 'Yn anfon…',
      sentTitle: 'Mae eich neges wedi’i hanfon',
      sent: (dsl) =>
        `Diolch am ddweud wrthym ni. Bydd ${dsl ?? 'y person sy’n cadw plant yn ddiogel yn ein hysgol'} yn ei darllen ac yn siarad â chi cyn bo hir. Does neb arall ar y cyfrifiadur hwn yn gallu ei gweld. Gallwch chi hefyd siarad â’ch athro unrhyw bryd.`,
      tooShort: 'Ysgrifennwch ychydig eiriau am beth ddigwyddodd.',
      failed: 'Mae’n ddrwg gennym, ni chafodd ei hanfon. Dywedwch wrth eich athro yn lle hynny.',
    },
    warn: {
      title: (site) => `${site ?? 'Y wefan hon'}: arhoswch a meddyliwch`,
      intro: 'Gallwch ddefnyddio’r wefan hon nawr. Cyn i chi fynd ymlaen, cofiwch:',
      rules: [
        'Byddwch yn garedig. Ysgrifennwch dim ond beth fyddech chi’n ei ddweud wyneb yn wyneb.',
        'Cadwch bethau preifat yn breifat: ble rydych chi’n byw, eich rhif ffôn a’ch cyfrineiriau.',
        'Peidiwch â sgwrsio â phobl nad ydych chi’n eu hadnabod.',
        'Os yw rhywbeth yn eich poeni, stopiwch a dywedwch wrth oedolyn rydych chi’n ymddiried ynddo.',
      ],
      reason: 'I beth mae ei hangen arnoch chi?',
      minutes: (n) => `Mae Parhau yn agor y wefan hon yn y tab hwn am ${munud(n)}.`,
      continue: 'Parhau',
      noAddress: 'Does dim cyfeiriad i barhau iddo.',
    },
  },
  adult: {
    roles: { pupil: 'Disgybl', staff: 'Staff', governor: 'Llywodraethwr' },
    block: {
      titleAlways: (site) => `Mae ${site ?? 'y wefan hon'} wedi’i rhwystro ar y ddyfais hon`,
      titleDuring: (site) => `Mae ${site ?? 'y wefan hon'} wedi’i rhwystro yn ystod oriau ysgol`,
      titleOutside: (site) => `Mae ${site ?? 'y wefan hon'} wedi’i rhwystro y tu allan i oriau ysgol`,
      why: 'O dan bolisi cyfryngau cymdeithasol yr ysgol, ni chaniateir defnydd personol o rwydweithio cymdeithasol yn ystod amser gwaith oni bai bod y pennaeth wedi rhoi caniatâd.',
      opensAgain: (when) => `Mae’n agor eto ${when}.`,
      staysBlocked: 'Mae’n aros wedi’i rhwystro ar y ddyfais hon.',
      permissionTitle: 'Angen hon ar gyfer yr ysgol?',
      permission:
        'Angen hon ar gyfer gwers neu gyfrif yr ysgol ei hun? Gofynnwch i’r pennaeth (neu, ar gyfer gwasanaeth ysgol, aelod o’r uwch dîm arwain) am ganiatâd; gallant drefnu defnydd cymeradwy.',
      dsl: (name, contact) =>
        `${name ? `${name}, ein Person Dynodedig ar gyfer Diogelu` : 'ein Person Dynodedig ar gyfer Diogelu'}${contact ? ` (${contact})` : ''}`,
      concerns: (dsl) => `Pryderon am ddisgybl neu oedolyn ar-lein: ${dsl}.`,
      policyLink: 'Darllen polisi cyfryngau cymdeithasol yr ysgol',
      address: 'Cyfeiriad',
    },
    exception: {
      title: 'Gofyn am eithriad dros dro',
      scope: 'Ar gyfer',
      site: 'Y wefan hon',
      page: 'Y dudalen hon a’r hyn sydd oddi tani yn unig',
      howLong: 'Am faint',
      use: 'Math o ddefnydd',
      school: 'Defnydd ysgol',
      personal: 'Defnydd personol, gyda chaniatâd y pennaeth',
      reason: 'Rheswm',
      approver: 'Cymeradwywyd gan',
      pin: 'PIN y cymeradwywr',
      required: 'gofynnol',
      logged: (dsl) =>
        `Caiff eich cais ei gofnodi yng nghofnod mynediad y ddyfais hon, gyda’r wefan, eich rheswm a’r amser. Gall ${dsl ?? 'y Person Dynodedig ar gyfer Diogelu'} a’r pennaeth ei weld.`,
      submit: 'Gofyn am eithriad',
      sending: 'Yn anfon…',
      granted: (until) => `Eithriad wedi’i roi tan ${until}. Yn agor y wefan…`,
      wait: (n) => `Gallwch roi cynnig arall arni ymhen ${eiliad(n)}.`,
      minutes: (n) => {
        const h = Math.floor(n / 60);
        const m = n % 60;
        return h === 0 ? munud(m) : m === 0 ? awr(h) : `${awr(h)} ${munud(m)}`;
      },
      endOfDay: (when) => `Tan ddiwedd y diwrnod ysgol (${when})`,
      failed: 'Nid oedd modd anfon y cais. Rhowch gynnig arall arni.',
    },
    warn: {
      title: (site) => `${site ?? 'Y wefan hon'}: darllenwch cyn parhau`,
      intro: 'Mae polisi cyfryngau cymdeithasol yr ysgol yn caniatáu’r wefan hon nawr, ar yr amodau defnyddio hyn:',
      terms: [
        'Peidiwch â chyhoeddi unrhyw beth a allai arwain at gamau am ddifenwi, gwahaniaethu, torri hawlfraint, diogelu data neu hawliadau eraill am iawndal.',
        'Peidiwch â’i defnyddio i hyrwyddo buddiannau ariannol personol, mentrau masnachol neu ymgyrchoedd personol.',
        'Peidiwch â’i defnyddio mewn ffordd sarhaus neu atgas.',
        'Peidiwch â thorri codau ymddygiad, camymddwyn, cyfle cyfartal neu bolisïau bwlio ac aflonyddu yr ysgol.',
        'Peidiwch â thrafod na chynghori ar faterion sy’n ymwneud â’r ysgol, y staff, y disgyblion neu’r rhieni.',
        'Peidiwch â chael disgybl neu gyn-ddisgybl o dan 18 oed yn ffrind, a pheidiwch â rhyngweithio â disgyblion.',
        'Peidiwch â chyfeirio at unrhyw aelod o staff, disgybl, rhiant neu ddigwyddiad ysgol heb ganiatâd y pennaeth ymlaen llaw.',
      ],
      reason: 'Pam mae angen y wefan hon arnoch chi? (dewisol)',
      minutes: (n) => `Mae Parhau yn agor y wefan hon yn y tab hwn am ${munud(n)}.`,
    },
    popup: {
      role: (role) => `Rôl: ${role}`,
      day: (day, clock) => `ddydd ${day} am ${clock}`,
      schoolHours: 'Oriau ysgol',
      schoolUntil: (when) => `Oriau ysgol tan ${when}`,
      outside: 'Y tu allan i oriau ysgol',
      outsideUntil: (when) => `Y tu allan i oriau ysgol tan ${when}`,
      protection: 'Diogelwch ymlaen',
      exceptions: 'Eithriadau',
      endNow: 'Dod i ben nawr',
      problems: (n) =>
        plural('cy', n, {
          zero: 'Dim problemau polisi.',
          one: '{n} broblem polisi: gweler y dudalen statws.',
          two: '{n} broblem polisi: gweler y dudalen statws.',
          few: '{n} problem polisi: gweler y dudalen statws.',
          many: '{n} problem polisi: gweler y dudalen statws.',
          other: '{n} problem polisi: gweler y dudalen statws.',
        }),
      statusPage: 'Tudalen statws',
      pupilNote: 'Mae Hall Pass yn cadw cyfryngau cymdeithasol ar gau ar gyfrifiaduron yr ysgol.',
    },
  },
};
