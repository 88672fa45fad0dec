/**
 * Makes the value for the policy key `dsl.passphraseHash`.
 *   echo -n 'a long passphrase' | npm run -s hash-passphrase
 *   npm run -s hash-passphrase          (asks twice, without echo)
 * Only the hash goes to stdout, so it can be piped or redirected straight into a policy file.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { hashPassphrase } from '../core/passphrase';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // `echo` without -n adds a newline that nobody means as part of the passphrase.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Prompts on stderr so stdout carries nothing but the hash. */
async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    process.stderr.write(question);
    muted = true;
    return await new Promise<string>((resolve, reject) => {
      rl.question('', resolve);
      rl.on('close', () => reject(new Error('No passphrase given.')));
      rl.on('SIGINT', () => reject(new Error('Cancelled.')));
    });
  } finally {
    muted = false;
    process.stderr.write('\n');
    rl.close();
  }
}

async function main(): Promise<void> {
  let passphrase: string;
  if (process.stdin.isTTY) {
    passphrase = await promptHidden('DSL passphrase (at least 8 characters): ');
    const again = await promptHidden('Type it again: ');
    if (passphrase !== again) throw new Error('The two passphrases do not match.');
  } else {
    passphrase = await readStdin();
  }
  process.stdout.write(`${await hashPassphrase(passphrase)}\n`);
  process.stderr.write('Put the line above in the managed policy under the key dsl.passphraseHash: "dsl": { "passphraseHash": "..." }\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`hash-passphrase: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
