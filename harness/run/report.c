/* Reports: the JSON report (read back by `merge`) and the JUnit XML report. Both are written
 * to a temporary file next to the target and renamed over it, so a reader never sees half a
 * report and a failed write leaves the old one in place.
 *
 * The JSON report has one unit per line in unit order, fields in a fixed order, so that two
 * runs of one regression give byte-identical reports except for wall times and the shard:
 *   {
 *     "tool": "pl08x-run", "version": "0.1.0",
 *     "shard": {"index": 1, "count": 3},         (index 0: merged from count shards)
 *     "total_units": 12, "digest": "…16 hex…",    (of the whole regression's unit list)
 *     "seed_sweep": false,
 *     "summary": {"units": 4, "passed": 4, "failed": 0, "cycles": 1234, "wall_seconds": 0.1},
 *     "units": [
 *       {"vector": "a", "path": "vectors/a.yaml", "seed": 1, "passed": true, "message": "",
 *        "cycles": 99, "hash": "…16 hex…", "events": 40, "beats": 8, "irqs": 1,
 *        "violations": 0, "wall_seconds": 0.0004}
 *     ]
 *   }
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

void hx_rec_free(hx_run_rec *r)
{
	free(r->vector);
	free(r->path);
	free(r->message);
	memset(r, 0, sizeof(*r));
}

/** hx_dirname - the folder of @path ("." when it has none); the caller frees it */
char *hx_dirname(const char *path)
{
	const char *s = strrchr(path, '/');
	if (!s)
		return strdup(".");
	if (s == path)
		return strdup("/");
	return strndup(path, (size_t)(s - path));
}

/** hx_mkdirs - mkdir -p @dir; Return: 0, or -1 with errno set */
int hx_mkdirs(const char *dir)
{
	char *p = strdup(dir);
	if (!p)
		return -1;
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		bool end = *s == '\0';
		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		else if (end) {
			struct stat st;
			if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
				errno = ENOTDIR;
				rc = -1;
			}
		}
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

typedef void (*hx_writer)(FILE *f, const hx_run_set *s);

/* Writes @path via PATH.tmp.PID and rename(); creates the folder. */
static int hx_write_atomic(const char *path, hx_writer w, const hx_run_set *s)
{
	char *dir = hx_dirname(path);
	if (!dir || hx_mkdirs(dir) != 0) {
		fprintf(stderr, "pl08x-run: cannot create the folder of '%s': %s\n", path,
			strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	size_t len = strlen(path) + 32;
	char *tmp = malloc(len);
	if (!tmp)
		return -1;
	snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "pl08x-run: cannot write '%s': %s\n", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	w(f, s);
	bool ok = !ferror(f);
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(stderr, "pl08x-run: cannot write '%s': %s\n", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static void hx_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void hx_json_write(FILE *f, const hx_run_set *s)
{
	size_t passed = 0;
	uint64_t cycles = 0;
	for (size_t i = 0; i < s->n; i++) {
		passed += s->recs[i].passed;
		cycles += s->recs[i].cycles;
	}
	fprintf(f, "{\n  \"tool\": \"pl08x-run\",\n  \"version\": ");
	hx_json_str(f, PL08X_VERSION);
	fprintf(f, ",\n  \"shard\": {\"index\": %lu, \"count\": %lu},\n", s->shard_index,
		s->shard_count);
	fprintf(f, "  \"total_units\": %" PRIu64 ",\n  \"digest\": \"%016" PRIx64 "\",\n",
		s->total_units, s->digest);
	fprintf(f, "  \"seed_sweep\": %s,\n", s->sweep ? "true" : "false");
	fprintf(f,
		"  \"summary\": {\"units\": %zu, \"passed\": %zu, \"failed\": %zu, \"cycles\": %" PRIu64
		", \"wall_seconds\": %.6f},\n",
		s->n, passed, s->n - passed, cycles, s->wall_seconds);
	fprintf(f, "  \"units\": [%s", s->n ? "\n" : "");
	for (size_t i = 0; i < s->n; i++) {
		const hx_run_rec *r = &s->recs[i];
		fputs("    {\"vector\": ", f);
		hx_json_str(f, r->vector);
		fputs(", \"path\": ", f);
		hx_json_str(f, r->path);
		fprintf(f, ", \"seed\": %" PRIu64 ", \"passed\": %s, \"message\": ", r->seed,
			r->passed ? "true" : "false");
		hx_json_str(f, r->message);
		fprintf(f,
			", \"cycles\": %" PRIu64 ", \"hash\": \"%016" PRIx64 "\", \"events\": %" PRIu64
			", \"beats\": %" PRIu64 ", \"irqs\": %" PRIu64 ", \"violations\": %" PRIu64
			", \"wall_seconds\": %.6f}%s\n",
			r->cycles, r->hash, r->events, r->beats, r->irqs, r->violations,
			r->wall_seconds, i + 1 < s->n ? "," : "");
	}
	fprintf(f, "%s]\n}\n", s->n ? "  " : "");
}

/** hx_report_json - write the JSON report of @s to @path, atomically; Return: 0 or -1 */
int hx_report_json(const char *path, const hx_run_set *s)
{
	return hx_write_atomic(path, hx_json_write, s);
}

/* XML 1.0 text or attribute: the five entities; control characters it cannot carry become
 * U+FFFD. Stops at the first newline when @line_only (an attribute). */
static void hx_xml_str(FILE *f, const char *s, bool line_only)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		case '\n':
			if (line_only)
				return;
			fputc('\n', f);
			break;
		case '\t':
		case '\r':
			fprintf(f, "&#%u;", *p);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fputs("\xef\xbf\xbd", f);
			else
				fputc(*p, f);
		}
	}
}

static void hx_junit_write(FILE *f, const hx_run_set *s)
{
	size_t failed = 0;
	for (size_t i = 0; i < s->n; i++)
		failed += !s->recs[i].passed;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"pl08x-run\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"%.6f\">\n",
		s->n, failed, s->wall_seconds);
	fprintf(f, "  <testsuite name=\"pl08x-run\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"%.6f\">\n",
		s->n, failed, s->wall_seconds);
	fprintf(f, "    <properties>\n");
	fprintf(f, "      <property name=\"version\" value=\"%s\"/>\n", PL08X_VERSION);
	fprintf(f, "      <property name=\"shard\" value=\"%lu/%lu\"/>\n", s->shard_index, s->shard_count);
	fprintf(f, "      <property name=\"total_units\" value=\"%" PRIu64 "\"/>\n", s->total_units);
	fprintf(f, "      <property name=\"digest\" value=\"%016" PRIx64 "\"/>\n", s->digest);
	fprintf(f, "    </properties>\n");
	for (size_t i = 0; i < s->n; i++) {
		const hx_run_rec *r = &s->recs[i];
		char label[512];
		hx_unit_label(label, sizeof(label), r->vector, r->seed, s->sweep);
		char *dir = hx_dirname(r->path);
		fputs("    <testcase classname=\"", f);
		hx_xml_str(f, dir ? dir : ".", false);
		fputs("\" name=\"", f);
		hx_xml_str(f, label, false);
		fprintf(f, "\" time=\"%.6f\">\n", r->wall_seconds);
		free(dir);
		if (!r->passed) {
			fputs("      <failure message=\"", f);
			hx_xml_str(f, r->message, true);
			fputs("\" type=\"vector\">", f);
			hx_xml_str(f, r->message, false);
			fputs("</failure>\n", f);
		}
		fprintf(f, "      <system-out>seed %" PRIu64 " cycles %" PRIu64 " hash %016" PRIx64
			" events %" PRIu64 " beats %" PRIu64 "</system-out>\n",
			r->seed, r->cycles, r->hash, r->events, r->beats);
		fputs("    </testcase>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
}

/** hx_report_junit - write the JUnit XML report of @s to @path, atomically; Return: 0 or -1 */
int hx_report_junit(const char *path, const hx_run_set *s)
{
	return hx_write_atomic(path, hx_junit_write, s);
}
