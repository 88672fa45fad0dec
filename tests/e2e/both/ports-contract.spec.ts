/**
 * The ports' contract in real browsers: the real adapters (utils/browser/adapters.ts), bundled with
 * the case table into a small test extension with Hall Pass's id and permissions, must give what
 * the table expects for that browser. The same table runs against the fakes in
 * tests/unit/ports-contract.test.ts.
 */
import { expect, test } from '@playwright/test';
import { expectedIn, PORT_CASES, type ContractEnv } from '../../contracts/ports';
import { BROWSERS } from '../support/browsers';
import { buildContractExtension, type ContractExtension } from '../support/contract-extension';
import type { Session } from '../support/driver';
import { startSite, type SiteServer } from '../support/servers';

/** JSON carries no `undefined`: the extension spells it out, and so does the expectation. */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (x === undefined ? '__undefined__' : x)));

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    let extension: ContractExtension | undefined;
    let site: SiteServer | undefined;
    let session: Session | undefined;

    test.beforeAll(async () => {
      // No managed policy: the "no policy" case depends on it.
      await b.removePolicy();
      extension = await buildContractExtension(b.name);
      site = await startSite('CONTRACT');
      session = await b.launch({}, { extensionDir: extension.dir });
    });

    test.afterAll(async () => {
      await session?.close();
      await site?.close();
      await extension?.remove();
    });

    for (const c of PORT_CASES) {
      test(`the real adapter: ${c.name}`, async () => {
        const env: ContractEnv = { site: `http://127.0.0.1:${site!.port}` };
        const result = await session!.inExtension(
          ({ name, env }) => (globalThis as unknown as { portContract: { run(n: string, e: ContractEnv): Promise<string> } }).portContract.run(name, env),
          { name: c.name, env },
        );
        expect(JSON.parse(result)).toEqual(asJson(expectedIn(c, b.name, env)));
      });
    }
  });
}
