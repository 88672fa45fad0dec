import { describe, expect, it } from 'vitest';
import { PORT_CASES, type PortsUnderTest } from '../contracts/ports';
import { FakeDnr, FakeKv, FakePolicy, FakeSiteAccess, FakeTabs, fakeIdentity, fakePrivacy } from '../fakes/ports';

/** The fakes, fresh for each case: the same table runs against the real adapters in Chromium. */
function fakes(): PortsUnderTest {
  const tabs = new FakeTabs();
  let nextId = 1;
  return {
    dnr: new FakeDnr(),
    local: new FakeKv(),
    session: new FakeKv(),
    tabs,
    policy: new FakePolicy(),
    siteAccess: new FakeSiteAccess(),
    privacy: fakePrivacy,
    identity: fakeIdentity(),
    openTab: async (url) => {
      const id = nextId++;
      tabs.tabs.push({ id, url });
      return id;
    },
  };
}

describe('the fakes keep the ports contract (tests/contracts/ports.ts)', () => {
  it.each(PORT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const env = { site: 'http://127.0.0.1:4321' };
    expect(await c.run(fakes(), env)).toEqual(c.expected(env));
  });
});
