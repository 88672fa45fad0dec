/**
 * Checks a Hall Pass JSON log export away from the device it came from.
 *   npm run -s verify-export -- hall-pass_....json
 * Exit 0: the chain is intact. Exit 1: broken, unreadable, or not an export.
 */
import { readFile } from 'node:fs/promises';
import { isFiltered, parseJsonExport, verifyExport } from '../core/log/export';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    process.stderr.write('Usage: npm run verify-export -- FILE.json\n');
    return 1;
  }
  const exp = parseJsonExport(await readFile(file, 'utf8'));
  const report = await verifyExport(exp);
  const filtered = isFiltered(exp.filters);
  process.stdout.write(`${report.summary}\n`);
  for (const p of report.problems) {
    process.stdout.write(`  seq ${p.seq ?? '-'}: ${p.message.replace(/^Entry [\d,]+: /, '')}\n`);
  }
  if (filtered) {
    process.stdout.write(`Filtered export (${JSON.stringify(exp.filters)}): entries in between may be missing by design.\n`);
  } else if (exp.head) {
    // The head is in the file too, so a cut-down copy can carry a matching one: compare it with
    // what the device itself shows.
    process.stdout.write(`Newest entry: seq ${exp.head.seq}, hash ${exp.head.hash}\n`);
  }
  if (!report.ok) {
    process.stderr.write(`BROKEN: ${file} does not verify.\n`);
    return 1;
  }
  process.stdout.write(`OK: ${report.checked} ${report.checked === 1 ? 'entry' : 'entries'} verified in ${file}.\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`verify-export: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
