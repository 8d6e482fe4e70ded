-- The two-character pieces of a text, each once, for the index below: written by hand before the generated statement, as drizzle-kit does not manage functions. IMMUTABLE, as an index expression must be; char_length and substr count characters, not bytes.
CREATE FUNCTION text_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ select coalesce(array_agg(distinct substr(t, i, 2)), '{}'::text[]) from generate_series(1, char_length(t) - 1) as i $$;--> statement-breakpoint
CREATE INDEX "reports_description_bigram_idx" ON "reports" USING gin (text_bigrams(lower("description")));
