/* pl08x-run: runs transfer vectors (docs/vector-format.md, "Running a regression"), or with
 * `merge` combines the JSON reports of a sharded regression. Order of a run: parse options,
 * find and load every vector (any problem: exit 2, nothing run, no report touched), run this
 * shard's units, write the reports, print the summary, exit 0/1.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* DIR/report.json, or DIR/report-IofN.json for a shard (shards may share DIR). */
static char *hx_default_report(const char *dir, const char *stem, const char *ext,
			       unsigned long i, unsigned long n)
{
	size_t len = strlen(dir) + strlen(stem) + strlen(ext) + 64;
	char *p = malloc(len);
	if (!p)
		return NULL;
	if (n > 1)
		snprintf(p, len, "%s/%s-%luof%lu.%s", dir, stem, i, n, ext);
	else
		snprintf(p, len, "%s/%s.%s", dir, stem, ext);
	return p;
}

static void hx_list(const hx_run_opts *o, const hx_plan *p)
{
	for (size_t i = 0; i < p->nunits; i++) {
		const hx_unit *u = &p->units[i];
		char label[512];
		hx_unit_label(label, sizeof(label), hx_vec_name(u->vec), u->seed, o->sweep);
		printf("%s\t%" PRIu64 "\t%s\n", label, u->seed, hx_vec_path(u->vec));
	}
}

static int hx_run(const hx_run_opts *o)
{
	hx_plan p;
	if (hx_plan_build(o, &p) != 0) {
		hx_plan_free(&p);
		return HX_RUN_EXIT_USAGE;
	}
	if (o->list) {
		hx_list(o, &p);
		hx_plan_free(&p);
		return HX_RUN_EXIT_PASS;
	}
	if (o->trace_dir && hx_mkdirs(o->trace_dir) != 0) {
		fprintf(stderr, "pl08x-run: cannot create trace folder '%s': %s\n", o->trace_dir,
			strerror(errno));
		hx_plan_free(&p);
		return HX_RUN_EXIT_USAGE;
	}
	char *json = o->json ? strdup(o->json) :
			       hx_default_report(o->report_dir, "report", "json", o->shard_index,
						 o->shard_count);
	char *junit = o->junit ? strdup(o->junit) :
				 hx_default_report(o->report_dir, "junit", "xml", o->shard_index,
						   o->shard_count);
	hx_run_rec *recs = calloc(p.nunits ? p.nunits : 1, sizeof(*recs));
	int rc = HX_RUN_EXIT_USAGE;
	if (json && junit && recs) {
		double t0 = hx_now();
		if (hx_exec(o, &p, recs) == 0) {
			hx_run_set s = {
				.recs = recs,
				.n = p.nunits,
				.shard_index = o->shard_index,
				.shard_count = o->shard_count,
				.total_units = p.total_units,
				.digest = p.digest,
				.sweep = o->sweep,
				.wall_seconds = hx_now() - t0,
			};
			bool wrote = hx_report_json(json, &s) == 0;
			wrote = hx_report_junit(junit, &s) == 0 && wrote;
			fflush(stderr);
			hx_summary_print(stdout, &s, o->verbosity, json, junit);
			size_t failed = 0;
			for (size_t i = 0; i < p.nunits; i++)
				failed += !recs[i].passed;
			rc = !wrote ? HX_RUN_EXIT_USAGE : failed ? HX_RUN_EXIT_FAIL : HX_RUN_EXIT_PASS;
		}
	}
	for (size_t i = 0; recs && i < p.nunits; i++)
		hx_rec_free(&recs[i]);
	free(recs);
	free(json);
	free(junit);
	hx_plan_free(&p);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "merge") == 0) {
		hx_merge_opts mo;
		int r = hx_cli_parse_merge(argc - 1, argv + 1, &mo);
		if (r != 0)
			return r > 0 ? HX_RUN_EXIT_PASS : HX_RUN_EXIT_USAGE;
		return hx_merge_main(&mo);
	}
	hx_run_opts o;
	int r = hx_cli_parse_run(argc, argv, &o);
	if (r == 0)
		r = hx_run(&o);
	else
		r = r > 0 ? HX_RUN_EXIT_PASS : HX_RUN_EXIT_USAGE;
	hx_cli_opts_free(&o);
	return r;
}
