/**
 * The DSL marks a pupil's report as seen or handled, with a note. The mark is itself a log entry
 * (event "report-status"), so the chain shows who marked what and when; nothing is edited.
 */
import type { LogEntryData } from './types';

export type ReportStatus = 'seen' | 'handled';

export interface ReportMark {
  status: ReportStatus;
  note: string;
  at: string;
  localTime: string;
  /** The mark's own entry. */
  seq: number;
}

export function reportStatusText(reportSeq: number, status: ReportStatus, note: string): string {
  return `Report #${reportSeq} ${status}${note ? `: ${note}` : ''}`;
}

const MARK = /^Report #(\d+) (seen|handled)(?:: ([\s\S]*))?$/;

/** The latest mark of each report, by the report's seq. A later "seen" never undoes "handled". */
export function reportMarks(entries: readonly LogEntryData[]): Map<number, ReportMark> {
  const marks = new Map<number, ReportMark>();
  const ordered = [...entries].filter((e) => e.event === 'report-status').sort((a, b) => a.seq - b.seq);
  for (const e of ordered) {
    const m = MARK.exec(e.text ?? '');
    if (!m) continue;
    const seq = Number(m[1]);
    const status = m[2] as ReportStatus;
    const before = marks.get(seq);
    if (before?.status === 'handled' && status === 'seen') continue;
    marks.set(seq, { status, note: m[3] ?? '', at: e.at, localTime: e.localTime, seq: e.seq });
  }
  return marks;
}
