// Test helpers other packages import as `@sitrep/store/testing`: stores on every available engine.
export {
  DEFAULT_TEST_POSTGRES_URL,
  testPostgresUrl,
  isPostgresRequired,
  checkPostgres,
  randomSchemaName,
  createTestPostgresStore,
  queryPostgres,
} from './postgres.ts'
export type { PostgresReachability, TestPostgresStore } from './postgres.ts'
export { createTestStores, describeEachStore } from './test-stores.ts'
export type { TestStoreAdapter, StoreContext } from './test-stores.ts'
export { createPostgresSchemaPool, emptySchema } from './postgres-schema-pool.ts'
export type { PostgresSchemaPool } from './postgres-schema-pool.ts'
