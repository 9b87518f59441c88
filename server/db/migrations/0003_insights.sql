CREATE TABLE "daily_briefings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"date" date NOT NULL,
	"facts" jsonb NOT NULL,
	"narrative" text NOT NULL,
	"provider" text NOT NULL,
	"fallback_reason" text,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_briefings_provider_check" CHECK ("daily_briefings"."provider" in ('local', 'openai-compatible'))
);
--> statement-breakpoint
CREATE TABLE "demand_forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"as_of_date" date NOT NULL,
	"horizon_days" integer NOT NULL,
	"method" text NOT NULL,
	"product_lines" jsonb NOT NULL,
	"skipped" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_runs" (
	"schedule_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduled_runs_schedule_id_period_start_pk" PRIMARY KEY("schedule_id","period_start")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "daily_briefings" ADD CONSTRAINT "daily_briefings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_forecasts" ADD CONSTRAINT "demand_forecasts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "daily_briefings_company_date_key" ON "daily_briefings" USING btree ("company_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_forecasts_company_day_key" ON "demand_forecasts" USING btree ("company_id","as_of_date");--> statement-breakpoint
CREATE INDEX "scheduled_runs_claimed_idx" ON "scheduled_runs" USING btree ("claimed_at");