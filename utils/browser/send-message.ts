/** How the extension's pages ask the background something (the protocol: utils/message-protocol.ts). */
import { browser } from 'wxt/browser';
import type { Answers, Message } from '../message-protocol';

export function send<T extends Message>(message: T): Promise<Answers[T['type']]> {
  return browser.runtime.sendMessage(message) as Promise<Answers[T['type']]>;
}
