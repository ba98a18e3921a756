CREATE TABLE "order_payments" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint,
	"refunded" bigint NOT NULL,
	"failure_reason" text,
	"version" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "order_payments_status_check" CHECK ("order_payments"."status" IN ('PROCESSED', 'FAILED', 'REFUNDED'))
);
--> statement-breakpoint
CREATE TABLE "order_summaries" (
	"order_id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"items" jsonb NOT NULL,
	"total" bigint NOT NULL,
	"paid" bigint NOT NULL,
	"refunded" bigint NOT NULL,
	"cancellation_reason" text,
	"version" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "order_summaries_status_check" CHECK ("order_summaries"."status" IN ('PENDING', 'CONFIRMED', 'CANCELLED'))
);
--> statement-breakpoint
CREATE INDEX "order_payments_order_idx" ON "order_payments" USING btree ("order_id","created_at","payment_id");--> statement-breakpoint
CREATE INDEX "order_summaries_customer_idx" ON "order_summaries" USING btree ("customer_id","created_at","order_id");--> statement-breakpoint
CREATE INDEX "order_summaries_status_idx" ON "order_summaries" USING btree ("status","created_at","order_id");--> statement-breakpoint
CREATE INDEX "order_summaries_created_idx" ON "order_summaries" USING btree ("created_at","order_id");