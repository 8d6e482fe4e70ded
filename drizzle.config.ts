import { defineConfig } from "drizzle-kit";

// DRIZZLE_OUT lets the schema-drift test generate into a scratch copy of migrations/.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: process.env.DRIZZLE_OUT ?? "./migrations",
});
