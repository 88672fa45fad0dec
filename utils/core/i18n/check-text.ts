/**
 * The self-check's, the hub's and Verify's lines as codes with parameters, and the catalogue shape
 * that turns them into words in each language (`checks` in admin-en.ts, admin-cy.ts). Pure.
 */
import type { SelfCheckMsg } from '../self-check';
import type { HubFact, HubMsg } from '../hub/hub-status';

type Text<M> = string | ((m: M) => string);

export interface LineWords<M> {
  label: string;
  detail: Text<M>;
  fix?: Text<M>;
}

export type SelfCheckWords = { [K in SelfCheckMsg['code']]: LineWords<Extract<SelfCheckMsg, { code: K }>> };
export type HubWords = { [K in HubMsg['code']]: LineWords<Extract<HubMsg, { code: K }>> };
export type HubFactWords = { [K in HubFact['id']]: LineWords<Extract<HubFact, { id: K }>> };

/** Type the catalogue's tables (so every language gets the parameters' types). */
export const selfCheckWords = (w: SelfCheckWords): SelfCheckWords => w;
export const hubWords = (w: HubWords): HubWords => w;
export const hubFactWords = (w: HubFactWords): HubFactWords => w;

const say = <M>(t: Text<M> | undefined, m: M): string => (t === undefined ? '' : typeof t === 'string' ? t : t(m));

export function checkText(words: { selfCheck: SelfCheckWords }, msg: SelfCheckMsg): { label: string; detail: string; fix: string } {
  const w = words.selfCheck[msg.code] as LineWords<SelfCheckMsg>;
  return { label: w.label, detail: say(w.detail, msg), fix: say(w.fix, msg) };
}

export function hubText(words: { hub: HubWords }, msg: HubMsg): { label: string; detail: string } {
  const w = words.hub[msg.code] as LineWords<HubMsg>;
  return { label: w.label, detail: say(w.detail, msg) };
}

export function hubFactText(words: { hubFacts: HubFactWords }, fact: HubFact): [string, string] {
  const w = words.hubFacts[fact.id] as LineWords<HubFact>;
  return [w.label, say(w.detail, fact)];
}
