/**
 * What other test suites (the extension's end-to-end tests, the benchmark) use to run a real hub:
 *
 *   const pg = await startPgCluster();                       // throwaway PostgreSQL 15, free port
 *   const hub = await startHub({ databaseUrl: pg.url, port: 0 });
 *   const { key } = await createSchool(hub.db, 'Test School'); // the policy's hub.key
 *   // ... policy { hub: { url: hub.url, key } }; read hub.db for what arrived ...
 *   await hub.close(); pg.destroy();                         // in afterAll / finally
 *
 * `startHub({ dataDir, port: 0 })` runs on embedded PGlite instead (no cluster; slower to start).
 * `pg.stop()` / `pg.start()` take the database away and bring it back (the hub answers 503 meanwhile).
 * Stopping the hub and starting it again on the same database: `hub.close()` then `startHub(...)`.
 */
export { startHub, type Hub, type StartHubOptions } from '../../src/server.ts';
export { startPgCluster, freePort, type PgCluster } from './pg-cluster.ts';
export { makeTestDevice, encodeBatch, entryData, sign, makeKeyPair, type TestDevice } from './device.ts';
export { createSchool, createKey, revokeKey, listDevices, confirmDevice } from '../../src/admin.ts';
export { send, type Sent } from './http.ts';
