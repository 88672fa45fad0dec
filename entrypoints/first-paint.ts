/**
 * The block and warning pages' one script before their load event (a classic script, no
 * modules): fills the prerendered page for this visit, then loads the full page after the load
 * event. See components/page-shell.ts.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { paintShell } from '../components/page-shell';

export default defineUnlistedScript(() => paintShell());
