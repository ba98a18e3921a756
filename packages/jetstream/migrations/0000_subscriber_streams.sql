CREATE TABLE "subscriber_streams" (
	"subscriber" text NOT NULL,
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "subscriber_streams_pkey" PRIMARY KEY("subscriber","stream_id")
);
