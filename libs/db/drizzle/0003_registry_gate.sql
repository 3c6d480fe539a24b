ALTER TABLE "model_events" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "evaluation" jsonb;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "gate" jsonb;--> statement-breakpoint
ALTER TABLE "registered_models" ADD COLUMN "tags" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "registered_models" ADD COLUMN "promotion_policy" jsonb DEFAULT '{"minTestAccuracy":0.99,"maxLatencyMs":100,"maxModelSizeBytes":10485760,"maxClassAccuracyGap":0.03}'::jsonb NOT NULL;--> statement-breakpoint
-- champion follows Production from now on: repair aliases that disagree with the stages
DELETE FROM "model_aliases" a USING "model_versions" v
  WHERE a."alias" = 'champion' AND v."id" = a."version_id" AND v."stage" <> 'Production';--> statement-breakpoint
INSERT INTO "model_aliases" ("model_id", "alias", "version_id")
  SELECT DISTINCT ON (v."model_id") v."model_id", 'champion', v."id" FROM "model_versions" v
  WHERE v."stage" = 'Production' ORDER BY v."model_id", v."version" DESC
  ON CONFLICT ("model_id", "alias") DO NOTHING;
