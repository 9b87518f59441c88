CREATE TABLE "oma_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"uploaded_by_user_id" uuid NOT NULL,
	"path" text NOT NULL,
	"original_file_name" text,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracer_eyes" (
	"result_id" uuid NOT NULL,
	"side" text NOT NULL,
	"format" integer NOT NULL,
	"point_count" integer NOT NULL,
	"z_point_count" integer,
	"hbox_mm" double precision NOT NULL,
	"vbox_mm" double precision NOT NULL,
	"circumference_mm" double precision NOT NULL,
	"circumference_3d_mm" double precision,
	"effective_diameter_mm" double precision NOT NULL,
	"effective_diameter_axis_deg" double precision NOT NULL,
	"box_centre_offset_x_mm" double precision NOT NULL,
	"box_centre_offset_y_mm" double precision NOT NULL,
	"declared" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "tracer_eyes_result_id_side_pk" PRIMARY KEY("result_id","side"),
	CONSTRAINT "tracer_eyes_side_check" CHECK ("tracer_eyes"."side" in ('right', 'left'))
);
--> statement-breakpoint
CREATE TABLE "tracer_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"reason_line" integer,
	"reason_record" text,
	"formats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"producer" jsonb,
	"dbl_mm" double precision,
	"frame_pd_mm" double precision,
	"comparisons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"order_values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unsupported" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preview_document_id" uuid,
	"analysed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracer_results_upload_id_unique" UNIQUE("upload_id"),
	CONSTRAINT "tracer_results_status_check" CHECK ("tracer_results"."status" in ('complete', 'partial', 'invalid'))
);
--> statement-breakpoint
ALTER TABLE "oma_uploads" ADD CONSTRAINT "oma_uploads_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oma_uploads" ADD CONSTRAINT "oma_uploads_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oma_uploads" ADD CONSTRAINT "oma_uploads_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracer_eyes" ADD CONSTRAINT "tracer_eyes_result_id_tracer_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."tracer_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracer_results" ADD CONSTRAINT "tracer_results_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracer_results" ADD CONSTRAINT "tracer_results_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracer_results" ADD CONSTRAINT "tracer_results_upload_id_oma_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."oma_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracer_results" ADD CONSTRAINT "tracer_results_preview_document_id_documents_id_fk" FOREIGN KEY ("preview_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oma_uploads_order_idx" ON "oma_uploads" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "tracer_results_order_idx" ON "tracer_results" USING btree ("order_id");