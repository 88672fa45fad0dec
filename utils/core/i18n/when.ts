/** "at 15:30", "tomorrow at 08:30", "on Monday 5 January at 08:30", in the page's language. Pure. */
import { intlTag, type Lang } from './languages';
import type { PupilMessages } from './en';

const DAY = 86_400_000;

/** The wall-clock date (as a day number) of an instant in a timezone. */
function dayOf(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return Math.floor(Date.parse(`${parts}T00:00:00Z`) / DAY);
}

export function whenText(instant: number, timeZone: string, now: number, lang: Lang, words: PupilMessages['when']): string {
  const tag = intlTag(lang);
  const clock = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  const day = dayOf(instant, timeZone);
  const today = dayOf(now, timeZone);
  if (day === today) return words.today(clock);
  if (day === today + 1) return words.tomorrow(clock);
  const sameYear = new Date(instant).getUTCFullYear() === new Date(now).getUTCFullYear();
  const date = new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(instant);
  return words.day(date, clock);
}
