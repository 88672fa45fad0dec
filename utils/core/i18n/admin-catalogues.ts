/** Loads the adults' own pages' words (kept apart so the pupils' pages never carry them). */
import { enAdmin, type AdminMessages } from './admin-en';
import type { FullLang } from './languages';

const ADMIN_LOADERS: Record<Exclude<FullLang, 'en'>, () => Promise<AdminMessages>> = {
  cy: () => import('./admin-cy').then((m) => m.cyAdmin),
};

/**
 * The adults' own pages (status, safeguarding log, builder) exist in every full language; a
 * pupils'-pages language never reaches here (those pages offer only `FULL_LANGUAGES`).
 */
export async function loadAdminMessages(lang: FullLang): Promise<AdminMessages> {
  return lang === 'en' ? enAdmin : ADMIN_LOADERS[lang]();
}
