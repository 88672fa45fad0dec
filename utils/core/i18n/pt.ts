/** Português (Portuguese): the pupils' pages. Not yet reviewed by a fluent speaker (see README, "Languages"). */
import type { PupilMessages } from './en';
import { plural } from './languages';

export const pt: PupilMessages = {
  languageLabel: 'Idioma',
  goBack: 'Voltar',
  when: {
    today: (clock) => `às ${clock}`,
    tomorrow: (clock) => `amanhã às ${clock}`,
    day: (day, clock) => `${day} às ${clock}`,
  },
  block: {
    title: (site) => `${site ?? 'Este site'} está fechado nos computadores da escola`,
    why: 'Os computadores da escola não são para redes sociais. Esta regra ajuda a manter todos em segurança.',
    opensAgain: (when) => `Podes voltar a usá-lo ${when}.`,
    askTeacher: 'Precisas dele para um trabalho da escola? Pergunta ao teu professor.',
    worried: 'Alguma coisa na internet deixou-te triste ou preocupado? Conta a um adulto em quem confias. Não vais ter problemas.',
    address: 'O endereço era',
  },
  report: {
    open: 'Conta a alguém em quem confias',
    intro: (dsl) =>
      `Se alguém na internet foi mau contigo, te assustou ou te pediu para guardar um segredo, podes contar-nos aqui. ${dsl ? `${dsl}, a pessoa que mantém as crianças seguras na nossa escola,` : 'A pessoa que mantém as crianças seguras na nossa escola'} vai ler. Mais ninguém neste computador o pode ver.`,
    what: 'O que aconteceu?',
    name: 'O teu nome',
    group: 'A tua turma',
    talkTo: 'Com quem gostarias de falar?',
    optional: 'não é obrigatório',
    send: 'Enviar',
    sending: 'A enviar…',
    sentTitle: 'A tua mensagem foi enviada',
    sent: (dsl) =>
      `Obrigado por nos contares. ${dsl ?? 'A pessoa que mantém as crianças seguras na nossa escola'} vai lê-la e vai falar contigo em breve. Mais ninguém neste computador a pode ver. Também podes falar com o teu professor a qualquer momento.`,
    tooShort: 'Escreve algumas palavras sobre o que aconteceu.',
    failed: 'Desculpa, não foi enviada. Conta antes ao teu professor.',
  },
  warn: {
    title: (site) => `${site ?? 'Este site'}: para e pensa`,
    intro: 'Podes usar este site agora. Antes de continuares, lembra-te:',
    rules: [
      'Sê simpático. Escreve só o que dirias a alguém cara a cara.',
      'Guarda as coisas privadas: onde vives, o teu número de telefone e as tuas palavras-passe.',
      'Não converses com pessoas que não conheces.',
      'Se alguma coisa te preocupar, para e conta a um adulto em quem confias.',
    ],
    reason: 'Para que precisas dele?',
    minutes: (n) =>
      plural('pt', n, {
        one: 'Continuar abre este site neste separador durante {n} minuto.',
        other: 'Continuar abre este site neste separador durante {n} minutos.',
      }),
    continue: 'Continuar',
    noAddress: 'Não há endereço para onde continuar.',
  },
};
