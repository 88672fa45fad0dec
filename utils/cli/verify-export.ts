/**
 * Checks a Hall Pass JSON log export away from the device it came from.
 *   npm run -s verify-export -- hall-pass_....json
 * Exit 0: the chain is intact and the device's signature checks. Exit 1: broken, unsigned, badly
 * signed, unreadable, or not an export. It prints the signing key's fingerprint, to compare with
 * the key the school's hub pinned for the device (a rebuilt export can only carry another key).
 */
import { readFile } from 'node:fs/promises';
import { checkExportSignature, isFiltered, parseJsonExport, verifyExport } from '../core/log/export';

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
  const sig = await checkExportSignature(exp);
  if (sig.state === 'signed') {
    process.stdout.write(`Signed by device ${sig.deviceId}, key ${sig.fingerprint}\n`);
    process.stdout.write("Compare this key with the one the school's hub pinned for the device: a rebuilt export can only carry another key.\n");
  } else if (sig.state === 'bad') {
    process.stdout.write(`BAD SIGNATURE: the file was changed after device ${sig.deviceId} signed it${sig.fingerprint ? ` (key ${sig.fingerprint})` : ''}.\n`);
  } else {
    process.stdout.write('NOT SIGNED: an unsigned export (made before devices signed them) cannot show it was not rebuilt with new hashes.\n');
  }
  if (!report.ok || sig.state !== 'signed') {
    process.stderr.write(`BROKEN: ${file} does not verify.\n`);
    return 1;
  }
  process.stdout.write(`OK: ${report.checked} ${report.checked === 1 ? 'entry' : 'entries'} verified and signed in ${file}.\n`);
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
