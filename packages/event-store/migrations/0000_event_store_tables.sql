CREATE TABLE "checkpoints" (
	"subscriber" text PRIMARY KEY NOT NULL,
	"transaction_id" "xid8" NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subscriber" text NOT NULL,
	"event_id" uuid,
	"event_type" text,
	"transaction_id" "xid8",
	"seq" bigint,
	"error" text NOT NULL,
	"attempts" integer NOT NULL,
	"message" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"schema_version" integer NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	CONSTRAINT "events_pkey" PRIMARY KEY("transaction_id","seq"),
	CONSTRAINT "events_id_key" UNIQUE("id"),
	CONSTRAINT "events_stream_version_key" UNIQUE("stream_id","version")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"stream_id" text NOT NULL,
	"schema_version" integer NOT NULL,
	"version" integer NOT NULL,
	"state" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "snapshots_pkey" PRIMARY KEY("stream_id","schema_version")
);
--> statement-breakpoint
CREATE TABLE "streams" (
	"stream_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dead_letters_subscriber_idx" ON "dead_letters" USING btree ("subscriber","created_at");