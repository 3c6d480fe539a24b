CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"format" text DEFAULT 'IDX' NOT NULL,
	"location" jsonb NOT NULL,
	"image_shape" jsonb NOT NULL,
	"num_classes" integer NOT NULL,
	"class_names" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"train_count" integer,
	"test_count" integer,
	"description" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "datasets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
-- mnist is built in: its files are each worker's DATA_DIR; the fingerprint is over the original
-- four .gz files' SHA-256 (libs/ml MNIST_GZ_SHA256, datasetFingerprint).
INSERT INTO "datasets" ("name", "format", "location", "image_shape", "num_classes", "class_names", "fingerprint", "train_count", "test_count", "description", "created_by")
VALUES ('mnist', 'IDX', '{"kind":"builtin"}'::jsonb, '[28,28,1]'::jsonb, 10, '["0","1","2","3","4","5","6","7","8","9"]'::jsonb,
  'sha256:52c775580c9fa4604bfd4317939ac07a53490475ea3e65316ecedbed3f70fad1', 60000, 10000,
  'MNIST handwritten digits (LeCun, Cortes, Burges): 28×28 grayscale, 10 classes', 'builtin')
ON CONFLICT ("name") DO NOTHING;
