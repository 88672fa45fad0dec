/**
 * Cymraeg (Welsh) for the adults' own pages: status, safeguarding log, policy builder. Typed against
 * `admin-en.ts`, so a missing sentence fails the type check. Not yet reviewed by a fluent speaker
 * (see README, "Languages").
 */
import type { AdminMessages } from './admin-en';
import { plural } from './languages';
import type { Ago } from '../hub/hub-status';
import type { VerifyOutcome } from '../log/chain';
import type { ApproverRef, SchemaType } from '../builder-codes';
import { chainWords } from '../log/chain-text';
import { triggerWords } from '../refresh-trigger';
import { ruleFailureWords } from '../rule-failures';
import { hubErrorText, hubErrorWords } from '../hub/hub-error';

const n = (x: number) => x.toLocaleString('cy');
/** A zod issue's place inside the item, and the item as the admin wrote it. */
const at = (path: string) => (path ? `${path}: ` : '');
const valueOf = (value: string) => ` (gwerth ${value})`;
/** JSON's and zod's names for kinds of value; one not listed is shown as zod wrote it. */
const KINDS: Record<string, string> = {
  string: 'testun',
  number: 'rhif',
  boolean: 'true neu false',
  array: 'rhestr',
  object: 'gwrthrych',
  null: 'null',
  undefined: 'dim byd',
  bigint: 'rhif mawr',
};
const kind = (k: string) => KINDS[k] ?? k;
const UNITS: Record<string, string> = { characters: 'nod', items: 'eitem' };
const size = (p: { origin: string; adj: string; bound: string; unit: string | null }) => {
  const adj = p.adj === 'exactly ' ? 'union ' : p.adj;
  return p.unit ? `disgwyl i ${kind(p.origin)} gael ${adj}${p.bound} ${UNITS[p.unit] ?? p.unit}` : `disgwyl i ${kind(p.origin)} fod yn ${adj}${p.bound}`;
};
const agoCy = (a: Ago) =>
  a.unit === 'now'
    ? 'gynnau'
    : a.unit === 'min'
      ? `${n(a.n)} munud yn ôl`
      : a.unit === 'h'
        ? `${n(a.n)} awr yn ôl`
        : `${plural('cy', a.n, forms('diwrnod', 'ddiwrnod'))} yn ôl`;
const verifyKindsCy: Record<Extract<VerifyOutcome, { code: 'broken' }>['kind'], string> = {
  edited: 'newidiwyd ei gynnwys ar ôl ei ysgrifennu',
  'broken-link': 'nid yw’n dilyn o’r cofnod o’i flaen; cafodd un ohonynt ei ddisodli',
  gap: 'mae cofnodion ar goll o’i flaen',
  'out-of-order': 'mae wedi’i gadw allan o drefn',
  'missing-start': 'nid yw dechrau’r cofnod yn cyfateb i’w gofnod glanhau',
  truncated: 'cafodd y cofnodion mwyaf newydd eu dileu',
  'filter-mismatch': 'nid yw’n cyfateb i hidlwyr yr allforyn, felly efallai fod cofnodion o’i gwmpas wedi’u tynnu',
};
/** An approver by the name typed, or by their row ("gymeradwywr" after a word that softens it, such as "gan"). */
const approverCy = (who: ApproverRef, soft = false) => who.name || `${soft ? 'gymeradwywr' : 'cymeradwywr'} ${who.row}`;

const typeCy: Record<SchemaType, string> = {
  string: 'yn destun',
  integer: 'yn rhif cyfan',
  boolean: 'yn true neu false',
  array: 'yn rhestr',
  object: 'yn wrthrych',
};

const whenCy = (t: number, timeZone: string) => new Date(t).toLocaleString(['cy', 'en-GB'], { timeZone });
const forms = (word: string, two: string) => ({
  zero: `{n} ${word}`,
  one: `{n} ${word}`,
  two: `{n} ${two}`,
  few: `{n} ${word}`,
  many: `{n} ${word}`,
  other: `{n} ${word}`,
});

const hubErrorCy = hubErrorWords({
  say: {
    unreachable: () => 'ni ellir cyrraedd yr hyb',
    unreadable: () => 'ni allai’r hyb ddarllen y swp',
    'unknown-key': () => 'nid yw’r hyb yn adnabod yr allwedd dderbyn hon (anhysbys neu wedi’i dirymu)',
    'refused-device': () => 'gwrthododd yr hyb lofnod neu allwedd y ddyfais hon',
    'too-large': () => 'roedd y swp yn rhy fawr i’r hyb',
    'slow-down': () => 'gofynnodd yr hyb i’r ddyfais hon arafu',
    'database-down': () => 'nid yw cronfa ddata’r hyb ar gael',
    http: (e) => `atebodd yr hyb HTTP ${e.status ?? '?'}`,
    recorded: () => 'methodd y cynnig diwethaf',
  },
  hubSaid: 'Dywedodd yr hyb:',
  browserSaid: 'Dywedodd y porwr:',
  recordedAs: 'Fel y’i cofnodwyd:',
});

export const cyAdmin: AdminMessages = {
  languageLabel: 'Iaith',
  inEnglish: '(yn Saesneg)',
  days: {
    every: 'Bob dydd',
    names: { mon: 'Dydd Llun', tue: 'Dydd Mawrth', wed: 'Dydd Mercher', thu: 'Dydd Iau', fri: 'Dydd Gwener', sat: 'Dydd Sadwrn', sun: 'Dydd Sul' },
    short: { mon: 'Llun', tue: 'Maw', wed: 'Mer', thu: 'Iau', fri: 'Gwe', sat: 'Sad', sun: 'Sul' },
    range: (first, last) => `${first} i ${last}`,
    list: (items, last) => `${items.join(', ')} a ${last}`,
  },
  count: {
    days: (x) => plural('cy', x, forms('diwrnod', 'ddiwrnod')),
    minutes: (x) => plural('cy', x, forms('munud', 'funud')),
  },
  problems: {
    key: 'Allwedd',
    wrong: 'Beth sydd o’i le',
    used: 'Yn cael ei ddefnyddio yn lle',
    serious: 'Difrifol',
    check: 'Gwiriwch',
    blockingRules: '(rheolau blocio)',
  },
  badge: { ok: 'Iawn', warn: 'Gwiriwch', bad: 'Trwsiwch' },
  ruleFailures: ruleFailureWords({
    say: {
      'over-total': (f) => `Mae ${n(f.count)} o reolau yn fwy na ${n(f.limit)} y porwr.`,
      'over-unsafe': (f) => `Mae ${n(f.count)} o reolau ailgyfeirio yn fwy na ${n(f.limit)} y porwr.`,
      'over-regex': (f) => `Mae ${n(f.count)} o reolau patrwm yn fwy na ${n(f.limit)} y porwr.`,
      refused: () =>
        'Gwrthododd y porwr y rheolau blocio; mae pob rhwydwaith ar y rhestr wedi’i flocio yn lle hynny, heb ddefnyddiau cymeradwy nac eithriadau.',
      'refused-fallback': () => 'Gwrthododd y porwr hyd yn oed y rheolau blocio syml; dim ond rhwydweithiau’r catalog sydd wedi’u blocio.',
      'refused-session': () => 'Gwrthododd y porwr y caniatadau ar ôl rhybudd.',
    },
    browserSaid: 'Dywedodd y porwr:',
  }),
  checks: {
    selfCheck: {
      'install-admin': { label: 'Wedi’i osod gan bolisi', detail: 'Wedi’i osod yn orfodol: ni ellir ei ddiffodd na’i dynnu.' },
      'install-development': {
        label: 'Wedi’i osod gan bolisi',
        detail: 'Wedi’i lwytho ar gyfer datblygu.',
        fix: 'Gosodwch ef yn orfodol (ExtensionInstallForcelist, neu ExtensionSettings yn Firefox).',
      },
      'install-other': {
        label: 'Wedi’i osod gan bolisi',
        detail: (m) => `Wedi’i osod fel “${m.installType ?? 'anhysbys'}”: gallai defnyddiwr ei dynnu.`,
        fix: 'Gosodwch ef yn orfodol (ExtensionInstallForcelist, neu ExtensionSettings yn Firefox).',
      },
      'incognito-ok': { label: 'Ffenestri incognito', detail: 'Caniateir mewn ffenestri incognito.' },
      'incognito-off': {
        label: 'Ffenestri incognito',
        detail: 'Ni chaniateir mewn ffenestri incognito; mae hynny’n iawn dim ond os yw incognito wedi’i ddiffodd, ac ni all estyniad weld hynny.',
        fix: 'Gosodwch IncognitoModeAvailability i 1 (Firefox: DisablePrivateBrowsing, neu private_browsing yn ExtensionSettings).',
      },
      'prediction-off': { label: 'Rhagfynegi rhwydwaith', detail: 'I ffwrdd: nid yw gwefannau sydd wedi’u rhwystro yn cael cysylltiadau ymlaen llaw.' },
      'prediction-on': {
        label: 'Rhagfynegi rhwydwaith',
        detail: 'Ymlaen: gall y porwr gysylltu â gwefan ymlaen llaw cyn iddi gael ei rhwystro.',
        fix: 'Gosodwch NetworkPredictionOptions i 2 (Firefox: NetworkPrediction false).',
      },
      devtools: {
        label: 'Offer datblygwyr',
        detail: 'Ni all estyniad ddarllen y gosodiad hwn.',
        fix: 'Gosodwch DeveloperToolsAvailability i 2 ar ddyfeisiau disgyblion (Firefox: DisableDeveloperTools).',
      },
      profiles: {
        label: 'Modd gwestai a phroffiliau newydd',
        detail: 'Ni all estyniad ddarllen y gosodiadau hyn; nid oes gan broffil gwestai unrhyw estyniadau o gwbl.',
        fix: 'Gosodwch BrowserGuestModeEnabled a BrowserAddPersonEnabled i false.',
      },
      'policy-none': {
        label: 'Polisi rheoledig',
        detail: 'Dim wedi’i ganfod: mae’r rhagosodiadau diogel yn berthnasol (mae pob dyfais yn ddyfais disgybl).',
        fix: 'Gosodwch bolisi’r estyniad (gweler y README: Google Admin, Windows, Linux, Firefox).',
      },
      'policy-problems': {
        label: 'Polisi rheoledig',
        detail: (m) =>
          `Wedi’i ganfod, gyda ${plural('cy', m.count, forms('problem', 'broblem'))}${
            m.serious ? ', gan gynnwys y rôl (mae’r ddyfais hon yn cael ei thrin fel dyfais disgybl)' : ''
          }: defnyddir rhagosodiadau diogel ar gyfer yr allweddi hynny.`,
        fix: 'Cywirwch yr allweddi a restrir o dan Problemau’r polisi.',
      },
      'policy-ok': { label: 'Polisi rheoledig', detail: 'Wedi’i ganfod ac yn ddilys.' },
      'fresh-ok': { label: 'Rheolau amser yn gyfredol', detail: 'Wedi’u diweddaru o fewn yr ychydig funudau diwethaf.' },
      'fresh-never': {
        label: 'Rheolau amser yn gyfredol',
        detail: 'Heb eu cyfrifo eto.',
        fix: 'Ailgychwynnwch y porwr; os yw’n aros yn goch, ailosodwch yr estyniad drwy bolisi.',
      },
      'fresh-stale': {
        label: 'Rheolau amser yn gyfredol',
        detail: 'Heb eu diweddaru ers dros dri munud.',
        fix: 'Ailgychwynnwch y porwr; os yw’n aros yn goch, ailosodwch yr estyniad drwy bolisi.',
      },
      'hosts-ok': { label: 'Mynediad i wefannau', detail: 'Wedi’i roi: gellir anfon gwefannau sydd wedi’u rhwystro i’r dudalen rwystro.' },
      'hosts-withheld': {
        label: 'Mynediad i wefannau',
        detail:
          'Wedi’i atal: mae’r porwr yn anwybyddu ailgyfeirio i’r dudalen rwystro, felly mae’r rhwydweithiau rhestredig yn cael eu rhwystro’n llwyr ac mae Hall Pass yn agor y dudalen rwystro ei hun.',
        fix: (m) =>
          m.browser === 'firefox'
            ? 'Pwyswch “Rhoi mynediad i wefannau” isod, neu about:addons → Hall Pass → Caniatâd (Permissions) → mynediad i’ch data ar bob gwefan.'
            : 'Pwyswch “Rhoi mynediad i wefannau” isod, neu chrome://extensions → Hall Pass → Mynediad i wefannau (Site access) → ar bob gwefan.',
      },
      'policy-changes': {
        label: 'Newidiadau i’r polisi',
        detail: 'Dim ond wrth gychwyn y mae Firefox yn darllen policies.json: mae newid yn cyrraedd Hall Pass pan fydd yn ailgychwyn.',
        fix: 'Ailgychwynnwch Firefox ar y dyfeisiau ar ôl newid y polisi.',
      },
      'page-address': {
        label: 'Cyfeiriad y dudalen rwystro',
        detail:
          'Ni all Firefox guddio cyfeiriad y dudalen rwystro (use_dynamic_url Chromium), felly gall tudalen we ei hagor gyda chyfeiriad ffug. Nid yw llwytho felly’n newid dim ac ni chaiff byth ei gofnodi.',
        fix: 'Dim i’w osod: terfyn Firefox yw hwn.',
      },
    },
    hub: {
      'hub-wrong': {
        label: 'Hyb yr ysgol',
        detail: (m) =>
          `Mae gosodiad yr hyb yn anghywir (${m.keys}: gweler Problemau’r polisi). Nid oes dim yn cael ei anfon; cedwir y cofnod ar y ddyfais hon ac ni chaiff dim y mae’n ei gadw i’r hyb ei ddileu.`,
      },
      'delivery-error': { label: 'Anfon i’r hyb', detail: (m) => `Heb ei anfon eto: ${hubErrorText(hubErrorCy, m.error)}.` },
      'delivery-none': { label: 'Anfon i’r hyb', detail: 'Dim cysylltiad â’r hyb eto.' },
      'delivery-failing': {
        label: 'Anfon i’r hyb',
        detail: (m) =>
          `Yn methu ers y cysylltiad diwethaf ${agoCy(m.ago)}: ${hubErrorText(hubErrorCy, m.error)}. Cedwir y cofnodion a’u hanfon pan fydd yn gweithio eto.`,
      },
      'delivery-ok': { label: 'Anfon i’r hyb', detail: (m) => `Mewn cysylltiad (${agoCy(m.ago)}).` },
      'waiting-none': { label: 'Cofnodion yn aros', detail: 'Dim: mae gan yr hyb bob cofnod.' },
      waiting: { label: 'Cofnodion yn aros', detail: (m) => `${plural('cy', m.count, forms('cofnod', 'gofnod'))} heb eu cydnabod gan yr hyb eto.` },
      retention: {
        label: 'Wedi’u cadw y tu hwnt i’r cyfnod cadw',
        detail: (m) =>
          `${plural('cy', m.count, forms('cofnod', 'gofnod'))} yn hŷn na log.retentionDays${m.oldest ? ` (yr hynaf o ${m.oldest})` : ''}, wedi’u cadw am nad yw’r hyb wedi’u cydnabod. Byddant yn mynd yn y glanhau cyntaf ar ôl eu hanfon.`,
      },
    },
    verify: (o) =>
      o.code === 'intact-empty'
        ? 'Cyfan: does dim cofnodion i’w gwirio.'
        : o.code === 'intact-one'
          ? `Cyfan: dilyswyd 1 cofnod (rhif ${n(o.seq)}).`
          : o.code === 'intact'
            ? `Cyfan: dilyswyd ${plural('cy', o.checked, forms('cofnod', 'gofnod'))} (rhif ${n(o.firstSeq)} i ${n(o.lastSeq)}).`
            : `${o.seq === null ? 'Wedi torri: ' : `Wedi torri wrth gofnod ${n(o.seq)}: `}${verifyKindsCy[o.kind]}${o.found > 1 ? ` (${plural('cy', o.found, forms('problem', 'broblem'))} i gyd)` : ''}.`,
    hubError: hubErrorCy,
    chain: chainWords({
      reason: {
        edited: () => 'newidiwyd ei gynnwys ar ôl ei ysgrifennu',
        'out-of-order': (r) => `mae wedi’i gadw ar ôl cofnod ${n(r.after)}, allan o drefn`,
        'broken-link': (r) => `nid yw’n dilyn o gofnod ${n(r.after)}; cafodd un ohonynt ei ddisodli`,
        'gap-one': (r) => `mae cofnod ${n(r.missing)} o’i flaen ar goll`,
        gap: (r) => `mae cofnodion ${n(r.from)} i ${n(r.to)} o’i flaen ar goll`,
        'false-start': () => 'mae’n honni mai hwn yw’r cofnod cyntaf ond nid yw’n dechrau’r gadwyn',
        'no-purge-record': (r) => `mae’r cofnod yn dechrau yma, ac nid oes cofnod glanhau yn egluro ble aeth cofnodion 1 i ${n(r.to)}`,
        'not-after-purge': (r) => `nid yw’n dilyn o gofnod glanhau’r cofnodion hyd at ${n(r.upTo)}`,
        'stops-early': (r) => `dylai’r cofnod redeg hyd at gofnod ${n(r.head)} ond mae’n stopio yma; cafodd y cofnodion mwyaf newydd eu dileu`,
        'empty-early': (r) => `dylai’r cofnod redeg hyd at gofnod ${n(r.head)} ond mae’n wag; cafodd ei gofnodion eu dileu`,
        'head-replaced': () => 'nid hwn yw’r cofnod a ysgrifennwyd yma; cafodd y cofnodion mwyaf newydd eu dileu a’u disodli',
        'filter-mismatch': () => 'nid yw’n cyfateb i hidlwyr yr allforyn, felly efallai fod cofnodion o’i gwmpas wedi’u tynnu',
      },
      atEntry: (seq, reason) => `Cofnod ${n(seq)}: ${reason}.`,
      alone: (reason) => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`,
    }),
    clock: (m) => {
      if (m.code === 'none') return 'Dim symudiad yng nghloc y ddyfais wedi’i sylwi.';
      const mins = Math.round(m.byMs / 60_000);
      const by =
        mins < 120
          ? plural('cy', mins, forms('munud', 'funud'))
          : mins < 2 * 24 * 60
            ? plural('cy', Math.round(mins / 60), forms('awr', 'awr'))
            : plural('cy', Math.round(mins / 1440), forms('diwrnod', 'ddiwrnod'));
      const at = (t: number) => new Date(t).toLocaleString(['cy', 'en-GB'], { timeZone: m.timezone, dateStyle: 'medium', timeStyle: 'short' });
      const crossed = m.crossed === 'into' ? '; mae’n amser ysgol nawr' : m.crossed === 'out' ? '; mae y tu allan i oriau ysgol nawr' : '';
      return `Symudodd cloc y ddyfais ${m.forward ? 'ymlaen' : 'yn ôl'} ${by} (o ${at(m.from)} i ${at(m.to)})${crossed}.`;
    },
    coverage: (c) => {
      const budget = `${n(c.regexUsed)} o ${n(c.regexLimit)} rheol patrwm y porwr wedi’u defnyddio`;
      const catalogue = 'Rhwydweithiau rhestredig: pob ffurf dirprwy ac archif, mewn tudalennau a fframiau';
      if (c.extraSites === 0) return `${catalogue} (${budget}).`;
      const sites = (x: number) => plural('cy', x, forms('gwefan ychwanegol', 'wefan ychwanegol'));
      const covered = `${n(c.withPatterns)} o ${sites(c.extraSites)} ym mhob ffurf dirprwy ac archif`;
      if (c.withPatterns >= c.extraSites) return `${catalogue}; ${covered} (${budget}).`;
      return (
        `${catalogue}; ${covered}. Mae’r ${sites(c.extraSites - c.withPatterns)} arall yn cael eu rhwystro’n uniongyrchol a thrwy’r ` +
        `dirprwy cyfieithu fel example.org, www.example.org a m.example.org, ond nid mewn archifau gwe: dim ond ` +
        `${n(c.regexLimit)} rheol patrwm y mae’r porwr yn eu caniatáu (${n(c.regexUsed)} wedi’u defnyddio).`
      );
    },
    hubFacts: {
      none: { label: 'Hyb yr ysgol', detail: 'Dim yn y polisi: mae’r cofnod yn aros ar y ddyfais hon.' },
      address: { label: 'Cyfeiriad yr hyb', detail: (f) => f.url },
      deviceId: { label: 'Dynodydd y ddyfais', detail: (f) => f.value },
      deviceKey: { label: 'Allwedd y ddyfais', detail: (f) => f.value },
      lastDelivery: { label: 'Anfonwyd ddiwethaf', detail: (f) => (f.at && f.ago ? `${whenCy(f.at, f.timezone)} (${agoCy(f.ago)})` : 'byth') },
      acked: { label: 'Wedi’i gydnabod hyd at', detail: (f) => (f.cursor > 0 ? `cofnod ${n(f.cursor)}` : 'dim eto') },
      lastError: {
        label: 'Gwall diwethaf',
        detail: (f) => (f.error ? `${hubErrorText(hubErrorCy, f.error.error)} (${whenCy(f.error.at, f.timezone)})` : 'dim'),
      },
      nextTry: { label: 'Cynnig nesaf', detail: (f) => whenCy(f.at, f.timezone) },
    },
  },
  status: {
    title: 'Statws Hall Pass',
    managed: 'Daw gosodiadau’r ddyfais hon o bolisi rheoledig yr ysgol, ac ni ellir eu newid yma.',
    dslLink: 'Cofnod diogelu (i’r Arweinydd Diogelu)',
    builderLink: 'Adeiladydd polisi (i’r gweinyddwr TG)',
    working: 'Wrthi’n darllen y polisi… mae’r gosodiadau diogel yn berthnasol tan hynny.',
    now: 'Nawr',
    role: 'Rôl',
    roleSource: {
      roleRules: 'yn cyfateb i’r e-bost sydd wedi mewngofnodi',
      role: 'wedi’i gosod ar gyfer y ddyfais hon gan y polisi',
      default: 'dim rôl yn y polisi: yn cael ei drin fel disgybl',
    },
    roleInvalid: 'nid yw’r rôl yn y polisi yn ddilys: yn cael ei drin fel disgybl; gweler Problemau’r polisi',
    email: 'E-bost wedi mewngofnodi',
    noEmail: 'dim un wedi’i weld',
    schoolTime: 'Amser ysgol',
    listedAre: 'Mae’r rhwydweithiau ar y rhestr',
    actions: { block: 'Wedi’u blocio', warn: 'Rhybudd yn gyntaf', allow: 'Wedi’u caniatáu' },
    protection: 'Diogelwch',
    protectionOn: (rules) => `Ymlaen (${n(rules)} o reolau)`,
    protectionFallback: 'Ymlaen: pob rhwydwaith ar y rhestr wedi’i flocio (gweler y problemau)',
    coverage: 'Dirprwyon ac archifau',
    clock: 'Cloc y ddyfais',
    prediction: 'Rhagfynegi rhwydwaith',
    notChecked: 'heb ei wirio eto',
    predictionOff: 'I ffwrdd',
    predictionOn: 'Ymlaen: gosodwch NetworkPredictionOptions i 2',
    log: 'Cofnod mynediad',
    recording: 'Yn cofnodi',
    browserSaid: 'Dywedodd y porwr:',
    logFailing: (parked) =>
      `Methu ysgrifennu i’r cofnod; mae ${n(parked)} o gofnodion yn cael eu cadw’n ddiogel a byddant yn cael eu hysgrifennu pan fydd yn gweithio eto. Rhyddhewch le ar ddisg y ddyfais hon.`,
    keptFor: 'Cedwir y cofnod am',
    languages: 'Ieithoedd',
    policy: 'Polisi',
    policyFound: 'Polisi rheoledig wedi’i ganfod',
    noPolicy: 'Dim polisi rheoledig: mae’r gosodiadau diogel yn berthnasol',
    updated: 'Diweddarwyd ddiwethaf',
    triggers: triggerWords({
      installed: 'gosodwyd neu diweddarwyd yr estyniad',
      'browser-start': 'dechreuodd y porwr',
      'worker-start': 'dechreuodd yr estyniad',
      'policy-changed': 'newidiodd y polisi',
      'policy-late': 'cyrhaeddodd y polisi',
      'policy-check': 'gwiriad am y polisi',
      'school-time': 'dechreuodd neu daeth amser ysgol i ben',
      'allowance-ended': 'daeth “Parhau” rhybudd neu eithriad i ben',
      safety: 'y gwiriad a wneir bob munud',
      'device-woke': 'deffrodd y ddyfais',
      'site-access': 'newidiodd y mynediad i wefannau',
      'status-page': 'gofynnodd y dudalen hon',
      'first-attempt': 'yr ymgais gyntaf ar wefan restredig',
      'warning-continued': 'aeth rhywun ymlaen ar ôl rhybudd',
      'exception-granted': 'rhoddwyd eithriad',
      'exception-ended': 'daethpwyd ag eithriad i ben',
      'page-moved': 'symudodd tab i dudalen arall',
      'not-yet': 'heb ei gyfrifo eto',
      alarm: (name) => `yr amserydd ${name}`,
      entry: (what) => `cofnod newydd yn y log: ${what}`,
    }),
    selfCheck: 'Hunanwiriad',
    grantAccess: 'Rhoi mynediad i wefannau',
    hub: 'Hyb yr ysgol',
    problemsTitle: 'Problemau’r polisi',
    none: 'Dim wedi’u canfod.',
    calendar: (timezone) => `Calendr yr ysgol (${timezone})`,
    closed: (from, to) => `${from} i ${to}`,
    approved: 'Defnyddiau cymeradwy',
    noneShort: 'Dim.',
    schoolHoursOnly: 'yn ystod oriau ysgol yn unig',
    exceptions: 'Eithriadau dros dro',
    exceptionsOff: 'i ffwrdd',
    exceptionsRule: (roles, max, self) =>
      `gall ${roles.join(' a ')} ofyn, hyd at ${max}, ${self ? 'yn cael ei roi ar unwaith a’i gofnodi' : 'wedi’i gymeradwyo â PIN'}`,
    networks: (count) => `Rhwydweithiau mewn grym (${n(count)})`,
    more: (count) => `…a ${n(count)} arall`,
  },
  passphrase: {
    title: 'Gwneud stwnsh cyfrinymadrodd i’r Arweinydd Diogelu',
    intro: ['I’r gweinyddwr TG. Mae’r stwnsh yn mynd yn y polisi rheoledig fel ', '; nid yw’r cyfrinymadrodd yn cael ei gadw yn unman.'],
    first: 'Cyfrinymadrodd newydd',
    second: 'Ei ailadrodd',
    different: 'Nid yw’r ddau gyfrinymadrodd yr un fath.',
    busy: 'Wrthi’n gwneud y stwnsh…',
    make: 'Gwneud stwnsh',
    hash: 'Stwnsh:',
  },
  dsl: {
    title: 'Cofnod diogelu',
    noHash: 'Nid oes cyfrinymadrodd wedi’i osod ar gyfer y ddyfais hon, felly mae’r cofnod yn aros ar gau.',
    howToSet: ['I’w agor, mae gweinyddwr TG yr ysgol yn gwneud stwnsh cyfrinymadrodd ac yn ei roi yn y polisi rheoledig fel ', ':'],
    withForm: 'gyda’r ffurflen ar dudalen statws Hall Pass ("Gwneud stwnsh cyfrinymadrodd i’r Arweinydd Diogelu"), neu',
    withCommand: 'o gopi o’r prosiect:',
    onlyHash: 'Dim ond y stwnsh sy’n mynd yn y polisi; nid yw’r cyfrinymadrodd ei hun byth yn cael ei gadw.',
    forDsl: (name) => `Mae’r cofnod hwn ar gyfer ${name ?? 'yr Arweinydd Diogelu Dynodedig'}. Rhowch y cyfrinymadrodd i’w adolygu.`,
    passphrase: 'Cyfrinymadrodd',
    wrong: 'Nid yw’r cyfrinymadrodd hwnnw’n gywir.',
    tooMany: 'Gormod o gynigion anghywir.',
    wait: (x) =>
      plural('cy', x, {
        zero: 'Gallwch roi cynnig arall arni ymhen {n} eiliad.',
        one: 'Gallwch roi cynnig arall arni ymhen {n} eiliad.',
        two: 'Gallwch roi cynnig arall arni ymhen {n} eiliad.',
        few: 'Gallwch roi cynnig arall arni ymhen {n} eiliad.',
        many: 'Gallwch roi cynnig arall arni ymhen {n} eiliad.',
        other: 'Gallwch roi cynnig arall arni ymhen {n} eiliad.',
      }),
    checking: 'Wrthi’n gwirio…',
    unlock: 'Datgloi',
    verify: 'Dilysu',
    exportCsv: 'Allforio CSV',
    exportJson: 'Allforio JSON',
    print: 'Argraffu crynodeb',
    lock: 'Cloi',
    newest: (seq) => `Y cofnod diweddaraf: #${seq}, stwnsh`,
    filters: 'Hidlwyr',
    from: 'O',
    to: 'I',
    user: 'Defnyddiwr',
    role: 'Rôl',
    network: 'Rhwydwaith',
    event: 'Beth ddigwyddodd',
    schoolTime: 'Amser ysgol',
    any: 'unrhyw un',
    either: 'y naill neu’r llall',
    yes: 'ie',
    no: 'na',
    confidential: 'CYFRINACHOL: gwybodaeth ddiogelu. Dylid ei chadw a’i rhannu dan bolisi diogelu’r ysgol yn unig.',
    noSchool: 'Ysgol heb ei henwi',
    noDevice: 'dyfais heb label',
    range: (from, to) => `${from ?? 'y dechrau'} i ${to ?? 'heddiw'}`,
    allDates: 'pob dyddiad',
    printed: (when) => `Argraffwyd ${when}`,
    verifyLine: 'Dilysu:',
    notVerified: 'heb ei redeg cyn argraffu',
    summary: 'Crynodeb',
    repeated: (threshold) => `Cynigion dro ar ôl tro (${n(threshold)} neu fwy mewn diwrnod)`,
    noneShort: 'Dim.',
    flaggedLine: (user, count, date) => `${user}: ${n(count)} ar ${date}`,
    perDay: 'Cynigion bob dydd',
    byNetwork: 'Fesul rhwydwaith',
    byUser: 'Fesul defnyddiwr',
    entries: 'Cofnodion',
    newer: 'Mwy newydd',
    older: 'Hŷn',
    pageOf: (first, last, total) => `${n(first)}–${n(last)} o ${n(total)}`,
    noEntries: 'Does dim cofnodion yn cyfateb.',
    logEntries: 'Cofnodion y log',
    columns: {
      seq: '#',
      time: 'Amser lleol',
      user: 'Defnyddiwr',
      role: 'Rôl',
      event: 'Beth ddigwyddodd',
      network: 'Rhwydwaith',
      address: 'Cyfeiriad',
      schoolTime: 'Amser ysgol',
      note: 'Nodyn',
    },
    events: {
      blocked: 'Wedi’i flocio',
      warned: 'Wedi’i rybuddio',
      continued: 'Wedi parhau ar ôl rhybudd',
      report: 'Adroddiad',
      'exception-requested': 'Gofyn am eithriad',
      'exception-granted': 'Eithriad wedi’i roi',
      'exception-refused': 'Eithriad wedi’i wrthod',
      'exception-ended': 'Eithriad wedi dod i ben',
      'passphrase-failed': 'Cyfrinymadrodd anghywir',
      'clock-moved': 'Cloc y ddyfais wedi symud',
      'report-status': 'Adroddiad wedi’i farcio',
    },
    noAttempts: 'Dim cynigion yn yr ystod hon.',
    chartOne: (date, count) => `Cynigion ar ${date}: ${n(count)}`,
    chartMany: (first, last, max) => `Cynigion bob dydd, o ${first} i ${last}; y mwyaf mewn un diwrnod: ${n(max)}`,
    reports: (count, waiting) => `Adroddiadau gan ddisgyblion (${n(count)}${waiting > 0 ? `, ${n(waiting)} heb eu trin eto` : ''})`,
    reportState: { new: 'Newydd', seen: 'Wedi’i weld', handled: 'Wedi’i drin' },
    talkTo: (person) => `Hoffai siarad â: ${person}`,
    marked: {
      seen: (when, seq) => `Marciwyd fel wedi’i weld ${when} (cofnod #${seq})`,
      handled: (when, seq) => `Marciwyd fel wedi’i drin ${when} (cofnod #${seq})`,
    },
    note: 'Nodyn (yn cael ei gadw yn y cofnod)',
    markSeen: 'Marcio wedi’i weld',
    markHandled: 'Marcio wedi’i drin',
    markFailed: 'Nid oedd modd cadw’r marc. Rhowch gynnig arall arni.',
  },
  builder: {
    title: 'Adeiladydd polisi Hall Pass',
    intro:
      'I’r gweinyddwr TG. Llenwch y ffurflen a chopïwch neu lawrlwythwch y ffeiliau ar y gwaelod. Mae popeth yn digwydd yn y dudalen hon: nid oes dim yn cael ei anfon i unman, ac mae’r cyfrinymadrodd a’r rhifau PIN yn cael eu stwnshio yma a byth yn cael eu hysgrifennu’n glir.',
    blanks: 'Mae meysydd gwag yn cael eu gadael allan o’r polisi ac mae eu gwerthoedd rhagosodedig yn berthnasol.',
    back: 'Yn ôl i’r dudalen statws',
    role: 'Rôl',
    roleHint:
      'Mae consol Google Admin yn gosod y polisi fesul uned sefydliadol, felly mae’r dudalen hon yn gwneud un ar gyfer uned y disgyblion (rôl pupil) ac un ar gyfer uned y staff (rôl staff). Mae ffeiliau Windows, Firefox a Linux fesul dyfais: dewiswch y rôl ar eu cyfer.',
    deviceRole: 'Rôl yn ffeiliau Windows, Firefox a Linux',
    school: 'Ysgol',
    schoolName: 'Enw’r ysgol',
    policyUrl: 'Cyfeiriad y polisi cyfryngau cymdeithasol',
    logo: 'Logo’r ysgol (dewisol)',
    logoHint:
      'Cyfeiriad https ar wefan yr ysgol, neu ddelwedd data: fach (PNG, JPEG, GIF neu WebP, hyd at tua 48 KB). Yn cael ei ddangos ar dudalennau’r disgyblion.',
    languages: 'Ieithoedd (dewisol)',
    languagesHint:
      'Y gyntaf yw’r rhagosodiad; gall disgyblion newid rhyngddynt. en, cy (pob tudalen); pl, ur, pa, bn, so, ar, ro, pt (tudalennau’r disgyblion).',
    deviceLabel: 'Label y ddyfais (dewisol)',
    deviceLabelHint: 'Yn cael ei gofnodi gyda phob cofnod.',
    dsl: 'Arweinydd Diogelu Dynodedig',
    dslName: 'Enw’r Arweinydd Diogelu',
    dslContact: 'Cyswllt yr Arweinydd Diogelu',
    passphrase: 'Cyfrinymadrodd yr Arweinydd Diogelu (o leiaf 8 nod)',
    passphraseHint: 'Mae’n agor y cofnod diogelu. Pwyswch "Gwneud stwnsh" isod: dim ond y stwnsh sy’n mynd yn y polisi.',
    repeat: 'Ailadroddwch y cyfrinymadrodd',
    hash: 'Stwnsh y cyfrinymadrodd',
    hashPlaceholder: 'wedi’i wneud gan Gwneud stwnsh, neu gludwch un o npm run hash-passphrase',
    hashHint: 'Heb stwnsh, mae’r cofnod diogelu yn aros ar glo.',
    time: 'Amser ysgol',
    timezone: 'Cylchfa amser',
    otherTz: 'Arall (teipiwch hi)',
    otherTzLabel: 'Cylchfa amser arall (enw IANA)',
    schoolDays: 'Diwrnodau ysgol',
    starts: 'Mae’r diwrnod ysgol yn dechrau',
    ends: 'Mae’r diwrnod ysgol yn gorffen',
    clockHint: 'AA:MM',
    endHint: 'AA:MM (24:00 am hanner nos)',
    closed: 'Dyddiadau cau (gwyliau, diwrnodau HMS)',
    closedHint: 'Diwrnodau cyfan, gan gynnwys y cyntaf a’r olaf, nad ydynt yn ddiwrnodau ysgol.',
    closedFrom: 'O',
    closedTo: 'I',
    closedLabel: 'Label',
    closedPlaceholder: 'Gwyliau’r Nadolig',
    closedField: (i, field) => `Dyddiad cau ${i}: ${field.toLowerCase()}`,
    remove: 'Tynnu',
    removeClosed: (i) => `Tynnu dyddiad cau ${i}`,
    addClosed: 'Ychwanegu dyddiad cau',
    networks: 'Rhwydweithiau',
    networksInForce: (on, all) => `Rhwydweithiau mewn grym (${n(on)} o ${n(all)})`,
    allTicked: 'Mae ticio pob un yn golygu pob rhwydwaith yn y catalog, gan gynnwys rhai a ychwanegir mewn fersiynau diweddarach.',
    tickAll: 'Ticio pob un',
    untickAll: 'Dad-dicio pob un',
    extraSites: 'Gwefannau eraill y mae’r ysgol yn eu trin fel rhwydweithiau cymdeithasol (un ar bob llinell)',
    extraSitesHint: (max) => `Mae is-barthau wedi’u cynnwys. Hyd at ${n(max)}.`,
    whatHappens: 'Beth sy’n digwydd',
    inSchool: 'Yn ystod oriau ysgol',
    otherTimes: 'Ar adegau eraill',
    slotLabel: (role, school) => `${role}, ${school ? 'yn ystod oriau ysgol' : 'ar adegau eraill'}`,
    actions: { block: 'Blocio', warn: 'Rhybuddio yn gyntaf', allow: 'Caniatáu' },
    warnMinutes: 'Sawl munud y mae Parhau ar ôl rhybudd yn para',
    range: (max, blank) => `1 i ${n(max)}; mae gwag yn golygu ${n(blank)}.`,
    approved: 'Defnyddiau cymeradwy',
    approvedHint: (max) =>
      `Eithriadau parhaol ar gyfer defnydd uniongyrchol yr ysgol, fel tudalen X yr ysgol ei hun: y dudalen honno a phopeth oddi tani, byth y rhwydwaith cyfan. Hyd at ${n(max)}.`,
    approvedUse: (i) => `Defnydd cymeradwy ${i}`,
    useUrl: 'Cyfeiriad tudalen yr ysgol',
    purpose: 'Diben',
    usePlaceholder: 'Cyfrif X yr ysgol',
    forRoles: 'Ar gyfer',
    schoolHoursOnly: 'Oriau ysgol yn unig',
    removeUse: (i) => `Tynnu defnydd cymeradwy ${i}`,
    addUse: 'Ychwanegu defnydd cymeradwy',
    exceptions: 'Eithriadau dros dro',
    whoMayAsk: 'Pwy all ofyn ar y dudalen blocio (ni all disgyblion byth)',
    maxMinutes: 'Yr eithriad hiraf, mewn munudau',
    approval: 'Cymeradwyo',
    approvals: { self: 'Hunan: yn cael ei roi ar unwaith a’i gofnodi', 'approver-pin': 'PIN cymeradwywr ar y ddyfais', off: 'I ffwrdd: ni all neb ofyn' },
    approvers: 'Cymeradwywyr (ar gyfer "approver-pin")',
    approversHint:
      'Mae pennaeth neu aelod o’r uwch dîm arwain yn rhoi ei PIN ar y ddyfais. Mae rhifau PIN o leiaf 8 nod; dim ond eu stwnsh sy’n mynd yn y polisi.',
    name: 'Enw',
    pin: 'PIN',
    pinHash: 'Stwnsh',
    approverField: (i, field) => `Cymeradwywr ${i}: ${field}`,
    approverPlaceholder: 'Mrs Shah (Pennaeth)',
    notHashed: 'heb ei stwnshio eto',
    hashed: 'wedi’i stwnshio',
    noHash: 'dim',
    removeApprover: (i) => `Tynnu cymeradwywr ${i}`,
    addApprover: 'Ychwanegu cymeradwywr',
    log: 'Cofnod mynediad',
    retention: 'Cadw cofnodion am (diwrnodau)',
    flag: 'Cynigion mewn diwrnod sy’n tynnu sylw at ddefnyddiwr',
    flagHint: 'Mae gwag yn golygu 5.',
    fullUrl: 'Cofnodi cyfeiriadau llawn (gyda’r llinyn ymholiad: termau chwilio plentyn)',
    hub: 'Hyb yr ysgol (dewisol)',
    hubHint:
      'Mae pob cofnod hefyd yn cael ei anfon i hyb yr ysgol. Gadewch y ddau yn wag i gadw’r cofnod ar y ddyfais yn unig. Gall unrhyw un wrth y peiriant ddarllen yr allwedd (ar dudalen polisi’r porwr): dim ond gadael i ddyfais ychwanegu ei chofnodion ei hun y mae hi.',
    hubUrl: 'Cyfeiriad yr hyb',
    hubUrlHint: 'https:// (http plaen ar gyfer localhost yn unig).',
    hubKey: 'Allwedd derbyn',
    hubKeyPlaceholder: 'o orchymyn create-school yr hyb',
    hashes: 'Cyfrinymadrodd a rhifau PIN',
    hashesHint: 'Mae stwnshio pob un yn cymryd eiliad. Mae’r cyfrinymadrodd a’r rhifau PIN yn cael eu clirio o’r ffurflen wedyn.',
    makeHashes: 'Gwneud stwnsh',
    makingHashes: 'Wrthi’n stwnshio…',
    made: (x) => plural('cy', x, forms('stwnsh wedi’u gwneud.', 'stwnsh wedi’u gwneud.')),
    check: 'Gwiriad',
    checkHint: 'Gwiriad yr estyniad ei hun o’r polisi hwn, yn fyw wrth i chi deipio. Bydd y dudalen statws ar bob dyfais yn dangos yr un rhestr.',
    noProblems: 'Dim problemau yn y polisi.',
    problems: (x) => `Problemau’r polisi (${n(x)})`,
    dropped: 'Byddai Chrome ac Edge yn gollwng y rhain cyn i’r estyniad eu gweld',
    files: 'Ffeiliau i’w gosod',
    xpi: 'Firefox: cyfeiriad y ffeil .xpi wedi’i llofnodi',
    updateUrl: 'Chrome ac Edge: URL diweddaru ar gyfer gosod gorfodol',
    updateUrlHint: 'URL Chrome Web Store, oni bai bod yr ysgol yn cynnal yr estyniad ei hun.',
    recommended: 'Gosod hefyd y polisïau porwr a argymhellir a gosod yr estyniad yn orfodol (ffeiliau Windows, Firefox a Linux)',
    recommendedHint:
      'Dim ffenestri preifat nac incognito, dim proffiliau gwestai na newydd, dim rhagfynegi rhwydwaith; mae Chrome ac Edge yn gosod yr estyniad o’r URL diweddaru uchod ac ni all neb ei dynnu. Dad-diciwch hwn os yw’r rhain wedi’u gosod mewn man arall.',
    fileName: 'Enw’r ffeil:',
    cannotMake: 'Methu gwneud y ffeil hon:',
    copy: 'Copïo',
    copyLabel: (title) => `Copïo ${title}`,
    download: 'Lawrlwytho',
    downloadLabel: (title) => `Lawrlwytho ${title}`,
    copied: 'Wedi’i gopïo.',
    copyFailed: 'Methu copïo: dewiswch y testun a’i gopïo â llaw.',
    examples: { schoolName: 'Ysgol Gyfun Llwyn Onn', deviceLabel: 'Ystafell TGCh PC 12', dslName: 'Siân Williams' },
    notes: {
      passphraseNotHashed: () => 'Nid yw cyfrinymadrodd yr Arweinydd Diogelu wedi’i stwnshio eto: pwyswch "Gwneud stwnsh".',
      pinNotHashed: (m) => `Nid yw’r PIN ar gyfer ${approverCy(m.who)} wedi’i stwnshio eto: pwyswch "Gwneud stwnsh".`,
      noPin: (m) => `Nid oes PIN gan ${approverCy(m.who, true)}: teipiwch un a phwyswch "Gwneud stwnsh".`,
    },
    hashErrors: {
      passphraseMismatch: () => 'Cyfrinymadrodd yr Arweinydd Diogelu: nid yw’r ddau gyfrinymadrodd yr un fath. Teipiwch nhw eto.',
      passphraseTooShort: (m) => `Cyfrinymadrodd yr Arweinydd Diogelu: rhaid iddo fod o leiaf ${n(m.min)} nod o hyd. Teipiwch un hirach.`,
      passphraseFailed: () => 'Methu stwnshio cyfrinymadrodd yr Arweinydd Diogelu:',
      pinTooShort: (m) => `PIN ar gyfer ${approverCy(m.who)}: rhaid iddo fod o leiaf ${n(m.min)} nod o hyd. Teipiwch un hirach.`,
      pinFailed: (m) => `Methu stwnshio’r PIN ar gyfer ${approverCy(m.who)}:`,
    },
    fileErrors: {
      notObject: () => 'Rhaid i’r polisi fod yn wrthrych JSON ({ ... }).',
      notExtensionId: (m) => `Nid yw "${m.id}" yn ddynodydd estyniad Chrome (32 llythyren o a i p).`,
      notUpdateUrl: (m) => `Nid yw "${m.url}" yn URL diweddaru http(s).`,
      noBrowser: () => 'Dewiswch o leiaf un porwr (chrome neu edge).',
      unknownBrowser: (m) => `Porwr anhysbys "${m.browser}": defnyddiwch "chrome" neu "edge".`,
      noGeckoId: () => 'Mae dynodydd estyniad Firefox (gecko id) yn wag.',
      notXpiUrl: (m) => `Nid yw "${m.url}" yn gyfeiriad https, http neu file ar gyfer y ffeil .xpi.`,
    },
    outputTitles: {
      'google-pupils': 'JSON Google Admin (disgyblion)',
      'google-staff': 'JSON Google Admin (staff)',
      windows: 'Ffeil .reg Windows (Chrome ac Edge)',
      firefox: 'Ffeil policies.json Firefox',
      linux: 'JSON Chrome ar Linux',
    },
    outputHints: {
      'google-pupils': 'Gludwch i "Policy for extensions" ar gyfer uned sefydliadol y disgyblion.',
      'google-staff': 'Gludwch i "Policy for extensions" ar gyfer uned sefydliadol y staff.',
      windows: 'Mewnforiwch hi ar bob peiriant neu drwy Group Policy / Intune.',
      'windows-recommended':
        'Mewnforiwch hi ar bob peiriant neu drwy Group Policy / Intune. Mae hefyd yn gosod y polisïau porwr a argymhellir ac yn gosod yr estyniad yn orfodol.',
      firefox:
        'Cadwch hi fel /etc/firefox/policies/policies.json neu <ffolder gosod>/distribution/policies.json. Mae Firefox yn ei darllen pan fydd yn cychwyn.',
      linux: 'Cadwch hi, yn eiddo i root, yn /etc/opt/chrome/policies/managed/ (Chrome) neu /etc/chromium/policies/managed/ (Chromium).',
    },
    droppedWhy: {
      schemaType: {
        problem: (m) =>
          `dylai fod ${typeCy[m.expected]}; mae Chrome ac Edge yn gollwng gwerth nad yw’n cyd-fynd â sgema’r estyniad (ar Windows maen nhw’n troi rhywfaint o destun yn rhifau, ond peidiwch â dibynnu ar hynny)`,
        used: 'y rhagosodiad (ni all y dudalen statws ddangos y broblem hon)',
      },
      registryCase: {
        problem: (m) => `yn wahanol i "${m.earlier}" mewn priflythrennau a llythrennau bach yn unig, ac nid yw cofrestrfa Windows yn gwahaniaethu rhyngddynt`,
        used: 'un o’r ddau werth ar Windows',
      },
    },
  },
  policyProblems: {
    problem: {
      expectedList: (p) => `disgwyl rhestr, cafwyd ${p.value}`,
      overLimit: (p) => `mae ${n(p.count)} cofnod yn fwy na’r terfyn o ${n(p.cap)}`,
      zodType: (p) => `${at(p.path)}Mewnbwn annilys: disgwyl ${kind(p.expected)}, cafwyd ${kind(p.received)}${valueOf(p.value)}`,
      zodLiteral: (p) => `${at(p.path)}Mewnbwn annilys: disgwyl ${p.expected}${valueOf(p.value)}`,
      zodOption: (p) => `${at(p.path)}Dewis annilys: disgwyl un o ${p.options}${valueOf(p.value)}`,
      zodTooBig: (p) => `${at(p.path)}Rhy fawr: ${size(p)}${valueOf(p.value)}`,
      zodTooSmall: (p) => `${at(p.path)}Rhy fach: ${size(p)}${valueOf(p.value)}`,
      zodUnknownKeys: (p) => `${at(p.path)}${p.count > 1 ? 'Allweddi anhysbys' : 'Allwedd anhysbys'}: ${p.keys}${valueOf(p.value)}`,
      zodOther: (p) => `${at(p.path)}gwerth annilys${valueOf(p.value)}`,
      timeUpTo24: (p) => `${at(p.path)}nid yw’n amser rhwng 00:00 a 24:00${valueOf(p.value)}`,
      timeUpTo2359: (p) => `${at(p.path)}nid yw’n amser rhwng 00:00 a 23:59${valueOf(p.value)}`,
      notIsoDate: (p) => `${at(p.path)}nid yw’n ddyddiad ar y ffurf YYYY-MM-DD${valueOf(p.value)}`,
      startNotBeforeEnd: (p) => `${at(p.path)}nid yw’r dechrau ("start") cyn y diwedd ("end")${valueOf(p.value)}`,
      fromAfterTo: (p) => `${at(p.path)}mae "from" ar ôl "to"${valueOf(p.value)}`,
      notEmailPattern: (p) => `${at(p.path)}nid yw’n batrwm e-bost${valueOf(p.value)}`,
      expectedText: (p) => `disgwyl testun o 1 i ${n(p.max)} nod, cafwyd ${p.value}`,
      notHttpAddress: (p) => `nid yw’n gyfeiriad http(s): ${p.value}`,
      expectedObject: (p) => `disgwyl gwrthrych, cafwyd ${p.value}`,
      unknownKey: () => 'allwedd anhysbys',
      expectedAction: (p) => `disgwyl "block", "warn" neu "allow", cafwyd ${p.value}`,
      unknownNetwork: (p) => `dynodydd rhwydwaith anhysbys ${p.value}`,
      noValidNetwork: () => 'dim dynodydd rhwydwaith dilys yn y rhestr',
      notDomain: (p) => `nid yw’n barth y gellir ei ddefnyddio: ${p.value}`,
      expectedWhole: (p) => `disgwyl rhif cyfan o ${n(p.min)} i ${n(p.max)}, cafwyd ${p.value}`,
      expectedBoolean: (p) => `disgwyl true neu false, cafwyd ${p.value}`,
      notPassphraseHash: () => 'nid yw’n stwnsh cyfrinymadrodd a wnaed gan "npm run hash-passphrase" (pbkdf2-sha256$<600000 neu fwy>$<halen>$<stwnsh>)',
      urlNotWebAddress: (p) => `url: nid yw’n gyfeiriad gwe${valueOf(p.value)}`,
      urlNotHttp: (p) => `url: nid yw’n gyfeiriad http(s)${valueOf(p.value)}`,
      urlHasQuery: (p) => `url: ni ellir cyfateb y rhan ar ôl "?"; rhowch gyfeiriad y dudalen ei hun${valueOf(p.value)}`,
      urlWholeSite: (p) => `url: mae’n enwi gwefan gyfan: rhowch gyfeiriad tudalen yr ysgol arni${valueOf(p.value)}`,
      urlTooLong: (p) => `url: yn hwy nag y mae rheolau’r porwr yn ei ganiatáu (${n(p.max)} nod o westeiwr a llwybr)${valueOf(p.value)}`,
      notPinHash: () => 'pinHash: nid yw’n stwnsh a wnaed gan "npm run hash-passphrase" (pbkdf2-sha256$<600000 neu fwy>$<halen>$<stwnsh>)',
      duplicateApprover: (p) => `name: mae ${p.name} eisoes yn gymeradwywr`,
      pupilsNeverAsk: () => 'ni all disgyblion byth ofyn am eithriad',
      expectedStaffOrGovernor: (p) => `disgwyl "staff" neu "governor", cafwyd ${p.value}`,
      expectedApproval: (p) => `disgwyl "self", "approver-pin" neu "off", cafwyd ${p.value}`,
      approverPinNeedsApprover: () => 'mae "approver-pin" angen o leiaf un cymeradwywr â pinHash dilys',
      hubNotWebAddress: (p) => `nid yw’n gyfeiriad gwe: ${p.value}`,
      hubNotHttps: (p) => `rhaid iddo ddechrau gyda https:// (http plaen dim ond ar gyfer localhost neu 127.0.0.1), cafwyd ${p.value}`,
      hubUserInfo: () => 'ni ddylai gynnwys enw defnyddiwr na chyfrinair; mae’r allwedd yn mynd yn "key"',
      hubQuery: (p) => `ni ddylai fod â rhan "?" neu "#", cafwyd ${p.value}`,
      hubExpectedObject: (p) => `disgwyl gwrthrych { "url", "key" }, cafwyd ${p.value}`,
      hubExpectedUrl: (p) => `disgwyl cyfeiriad https:// yr hyb, cafwyd ${p.value}`,
      hubExpectedKey: (p) => `disgwyl allwedd derbyn yr ysgol, cafwyd ${p.got === 'missing' ? 'dim allwedd' : p.got === 'empty' ? 'allwedd wag' : kind(p.got)}`,
      hubNotKey: (p) => `nid yw’n allwedd derbyn (1 i ${n(p.max)} nod argraffadwy, dim bylchau)`,
      logoExpectedText: (p) => `disgwyl testun, cafwyd ${p.value}`,
      logoTooLarge: (p) => `mae’r ddelwedd data: yn ${n(p.length)} nod; ${n(p.max)} ar y mwyaf (tua 48 KB): rhowch ddolen iddi ar wefan yr ysgol yn lle hynny`,
      logoNotData: () => 'nid yw’n ddelwedd data: PNG, JPEG, GIF neu WebP mewn base64',
      logoNotAddress: (p) => `nid yw’n gyfeiriad https nac yn ddelwedd data: ${p.value}`,
      langExpectedTag: (p) => `disgwyl tag iaith fel "cy", cafwyd ${p.value}`,
      langNotTag: (p) => `nid yw’n dag iaith (BCP 47): ${p.value}`,
      langNoTranslation: (p) => `dim cyfieithiad ar gyfer ${p.value}; mae gan Hall Pass ${p.have}`,
      noUsableLanguage: () => 'dim iaith y gellir ei defnyddio',
      expectedRole: (p) => `disgwyl "pupil", "staff" neu "governor", cafwyd ${p.value}`,
      unknownTimezone: (p) => `cylchfa amser anhysbys ${p.value}`,
      emptyList: () => 'mae’r rhestr yn wag',
      refusedApprovedUse: (p) => `Gwrthododd y porwr y rheol ar gyfer ${p.url} (${p.reason}).`,
      refusedException: (p) => `Gwrthododd y porwr y rheol ar gyfer yr eithriad ar ${p.where} (${p.reason}).`,
      refusedRule: (p) => `Gwrthododd y porwr reol ${p.id} (${p.reason}).`,
    },
    used: {
      theDefault: () => 'y rhagosodiad',
      nothing: () => 'dim byd',
      ignored: () => 'wedi’i anwybyddu',
      value: (p) => p.value,
      defaultSchoolHours: () => 'oriau ysgol rhagosodedig',
      defaultSchoolHoursMonFri: () => 'oriau ysgol rhagosodedig (Llun–Gwener 08:30–15:30)',
      ignoredSchoolDay: () => 'wedi’i anwybyddu (diwrnod ysgol)',
      everyNetwork: () => 'pob rhwydwaith yn y catalog',
      dslLocked: () => 'dim cyfrinymadrodd: mae tudalen yr Arweinydd Diogelu yn aros ar glo',
      removed: () => 'wedi’i dynnu',
      approvalOffNobody: () => '"approval": "off" (ni all neb ofyn)',
      offNobody: () => '"off" (ni all neb ofyn)',
      hubOff: () => 'ni anfonir dim: mae’r cofnod yn aros ar y ddyfais hon',
      noLogo: () => 'dim logo',
      defaultPolicy: () => 'y polisi rhagosodedig',
      refusedApprovedUse: () => 'gadawyd y defnydd cymeradwy hwn allan (mae ei dudalennau’n aros wedi’u rhwystro); mae pob rheol arall yn berthnasol',
      refusedException: () => 'gadawyd yr eithriad hwn allan (mae’n aros wedi’i rwystro); mae pob rheol arall yn berthnasol',
      refusedRule: () => 'gadawyd y rheol honno allan; mae pob rheol arall yn berthnasol',
    },
  },
};
