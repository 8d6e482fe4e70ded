-- pg_trgm for the index below (gin_trgm_ops); written by hand before the generated statement, as drizzle-kit does not manage extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "reports_description_trgm_idx" ON "reports" USING gin (lower("description") gin_trgm_ops);