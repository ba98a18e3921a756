CREATE TABLE "order_sagas" (
	"order_id" text PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"finished" boolean DEFAULT false NOT NULL,
	"payment_deadline" timestamp with time zone,
	"correlation_id" text NOT NULL,
	"last_command_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saga_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "saga_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" text NOT NULL,
	"input_type" text NOT NULL,
	"input_id" text,
	"position" text,
	"commands" jsonb NOT NULL,
	"state_after" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "order_sagas_due_idx" ON "order_sagas" USING btree ("payment_deadline") WHERE "order_sagas"."payment_deadline" IS NOT NULL AND NOT "order_sagas"."finished";--> statement-breakpoint
CREATE INDEX "saga_history_order_idx" ON "saga_history" USING btree ("order_id","id");