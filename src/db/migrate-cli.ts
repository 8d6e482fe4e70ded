// `npm run db:migrate`: apply migrations/ to DATABASE_URL, or to PGlite in DATA_DIR.
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "./client.js";

try {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate();
  await database.close();
  console.log(`migrations applied (${database.kind})`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
