/** What other test suites (the extension's end-to-end tests, the benchmark) use to run a real hub. */
export { startHub, type Hub, type StartHubOptions } from '../../src/server.ts';
export { startPgCluster, freePort, type PgCluster } from './pg-cluster.ts';
export { makeTestDevice, encodeBatch, entryData, sign, makeKeyPair, type TestDevice } from './device.ts';
export { createSchool, createKey, revokeKey, listDevices } from '../../src/admin.ts';
export { send, type Sent } from './http.ts';
