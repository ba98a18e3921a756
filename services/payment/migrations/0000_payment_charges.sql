CREATE TABLE "payment_charges" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"charge_command_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"outcome" text NOT NULL,
	"decline_reason" text,
	"refund_command_id" text,
	"refunded_amount" bigint,
	"charged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "payment_charges_amount_check" CHECK ("payment_charges"."amount" >= 0),
	CONSTRAINT "payment_charges_outcome_check" CHECK ("payment_charges"."outcome" IN ('APPROVED', 'DECLINED')),
	CONSTRAINT "payment_charges_refund_check" CHECK ("payment_charges"."refunded_amount" IS NULL OR ("payment_charges"."outcome" = 'APPROVED' AND "payment_charges"."refunded_amount" BETWEEN 0 AND "payment_charges"."amount"))
);
