/** The background's side of the message protocol (utils/message-protocol.ts): who may ask, and the answers. */
import { browser } from 'wxt/browser';
import type { Enforcer } from '../enforcer';
import { isMessage, type Answers, type Message } from '../message-protocol';
import { reportStatusText } from '../core/log/report-status';
import type { RefreshTrigger } from '../core/refresh-trigger';

/** Only the extension's own pages may ask anything of the background. */
function fromOwnPage(sender: { id?: string; url?: string }): boolean {
  if (sender.id !== browser.runtime.id || !sender.url) return false;
  const protocol = new URL(sender.url).protocol;
  return protocol === 'chrome-extension:' || protocol === 'moz-extension:';
}

export interface MessageHandlers {
  enforcer: Enforcer;
  refresh: (trigger: RefreshTrigger) => Promise<unknown>;
  /** Drains anything left unchained, purges by retention. */
  maintainLog: () => Promise<unknown>;
}

export function wireMessages({ enforcer, refresh, maintainLog }: MessageHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessage(message) || !fromOwnPage(sender)) return undefined;
    return handle(message, sender.tab?.id);
  });

  async function handle(message: Message, tabId: number | undefined): Promise<Answers[Message['type']]> {
    switch (message.type) {
      case 'warn:continue':
        if (tabId === undefined) return { ok: false, error: 'Continue works from a tab only.' };
        return enforcer.continueAfterWarning(tabId, message.url, message.reason);
      case 'status:refresh':
        await refresh('status-page');
        return { ok: true };
      case 'report:send': {
        const what = message.what.trim();
        if (what.length < 3) return { ok: false, error: 'Please write a few words about what happened.' };
        const from = [message.name?.trim(), message.group?.trim() ? `class ${message.group.trim()}` : ''].filter(Boolean).join(', ');
        await enforcer.recordReport(what, message.talkTo.trim() || null, from || null);
        return { ok: true };
      }
      case 'report:status':
        // Kept in the chain, so the log shows who marked what, and when.
        await enforcer.recordEvent('report-status', { text: reportStatusText(message.seq, message.status, message.note.trim()) });
        return { ok: true };
      case 'dsl:passphrase-failed':
        await enforcer.recordEvent('passphrase-failed');
        return { ok: true };
      case 'log:maintain':
        await maintainLog();
        return { ok: true };
      case 'exception:request':
        return enforcer.requestException(message.request);
      case 'exception:end':
        await enforcer.endException(message.id);
        return { ok: true };
    }
  }
}
