/* Loading a transfer vector: YAML (libfyaml) into the checked in-memory form of
 * vector_internal.h. docs/vector-format.md is the reference for every key and rule here.
 *
 * Validation stops at the first error, reported as "PATH:LINE:COLUMN: FIELD: problem" with the
 * position of the node at fault. libfyaml 0.7 has no public start mark for mappings and
 * sequences, so the position comes from fy_node_report() into a diagnostic object that
 * collects instead of printing. Each load has its own document and diagnostic object: loads in
 * parallel threads share nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libfyaml.h>

#include "vector_drv.h"
#include "vector_internal.h"
#include "vector_parse.h"

/* ---- arena ---- */

struct hx_arena_block {
	struct hx_arena_block *next;
	max_align_t data[];
};

void *hx_ld_alloc(hx_ld *ld, size_t size)
{
	struct hx_arena_block *b = calloc(1, sizeof(*b) + size);

	if (!b) {
		hx_ld_err(ld, NULL, "", "out of memory");
		return NULL;
	}
	b->next = ld->v->arena;
	ld->v->arena = b;
	return b->data;
}

void hx_vec_free(hx_vec *v)
{
	if (!v)
		return;
	for (struct hx_arena_block *b = v->arena, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	free(v);
}

/* ---- errors ---- */

/* The 1-based line and column of @n, 0:0 when it has none */
static void node_mark(hx_ld *ld, struct fy_node *n, int *line, int *col)
{
	struct fy_diag_error *e, *last = NULL;
	void *it = NULL;

	*line = *col = 0;
	if (!n || !ld->diag)
		return;
	fy_node_report(n, FYET_ERROR, "%s", "here");
	while ((e = fy_diag_errors_iterate(ld->diag, &it)))
		last = e;
	if (last) {
		*line = last->line;
		*col = last->column;
	}
}

bool hx_ld_err(hx_ld *ld, struct fy_node *n, const char *field, const char *fmt, ...)
{
	char msg[384];
	va_list ap;
	int line, col;

	if (ld->failed)
		return false;
	ld->failed = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	node_mark(ld, n, &line, &col);
	snprintf(ld->err, ld->err_len, "%s:%d:%d: %s: %s", ld->path, line, col, field, msg);
	return false;
}

const char *hx_ld_field(char *buf, size_t len, const char *path, const char *key)
{
	if (!path[0])
		snprintf(buf, len, "%s", key);
	else
		snprintf(buf, len, "%s.%s", path, key);
	return buf;
}

/* ---- scalars ---- */

bool hx_ld_is_null(struct fy_node *n)
{
	if (!n || fy_node_is_null(n))
		return true;
	if (!fy_node_is_scalar(n) || fy_node_get_style(n) != FYNS_PLAIN)
		return false;
	const char *s = fy_node_get_scalar0(n);
	return !s || !s[0] || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

int hx_ld_line(struct fy_node *n)
{
	void *it = NULL;

	if (!n)
		return 0;
	if (fy_node_is_mapping(n)) {
		struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
		return p ? hx_ld_line(fy_node_pair_key(p)) : 0;
	}
	if (fy_node_is_sequence(n))
		return hx_ld_line(fy_node_sequence_iterate(n, &it));
	struct fy_token *t = fy_node_get_scalar_token(n);
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
	return m ? m->line + 1 : 0;
}

/* How a node looks, for "expected X, got Y" */
static const char *got(struct fy_node *n, char *buf, size_t len)
{
	if (hx_ld_is_null(n))
		return "null";
	if (fy_node_is_mapping(n))
		return "a mapping";
	if (fy_node_is_sequence(n))
		return "a sequence";
	size_t sl;
	const char *s = fy_node_get_scalar(n, &sl);
	if (sl > 40)
		snprintf(buf, len, "\"%.40s...\"", s);
	else
		snprintf(buf, len, "\"%.*s\"", (int)sl, s);
	return buf;
}

static bool plain_text(struct fy_node *n, const char **s)
{
	if (!n || !fy_node_is_scalar(n) || fy_node_get_style(n) != FYNS_PLAIN || hx_ld_is_null(n))
		return false;
	*s = fy_node_get_scalar0(n);
	return *s != NULL;
}

/* Decimal or 0x hexadecimal, no sign, no overflow */
static bool parse_u64(const char *s, uint64_t *out)
{
	int base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = (unsigned)(tolower((unsigned char)*s) - 'a' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + d;
	}
	*out = v;
	return true;
}

bool hx_ld_is_number(struct fy_node *n)
{
	const char *s;
	uint64_t v;
	return plain_text(n, &s) && parse_u64(s, &v);
}

bool hx_ld_u64(hx_ld *ld, struct fy_node *n, const char *field, uint64_t min, uint64_t max, uint64_t *out)
{
	const char *s;
	char g[64];

	if (!plain_text(n, &s) || !parse_u64(s, out))
		return hx_ld_err(ld, n, field, "expected an integer, got %s", got(n, g, sizeof(g)));
	if (*out > max && max == UINT32_MAX)
		return hx_ld_err(ld, n, field, "%s does not fit in 32 bits", s);
	if (*out < min && max == UINT64_MAX)
		return hx_ld_err(ld, n, field, "%s is below the minimum %" PRIu64, s, min);
	if (*out < min || *out > max)
		return hx_ld_err(ld, n, field, "%s is out of range (%" PRIu64 "..%" PRIu64 ")", s, min, max);
	return true;
}

bool hx_ld_u32(hx_ld *ld, struct fy_node *n, const char *field, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v;
	if (!hx_ld_u64(ld, n, field, min, max, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool hx_ld_uint(hx_ld *ld, struct fy_node *n, const char *field, unsigned min, unsigned max, unsigned *out)
{
	uint64_t v;
	if (!hx_ld_u64(ld, n, field, min, max, &v))
		return false;
	*out = (unsigned)v;
	return true;
}

bool hx_ld_bool(hx_ld *ld, struct fy_node *n, const char *field, bool *out)
{
	const char *s;
	char g[64];

	if (plain_text(n, &s) && !strcmp(s, "true")) {
		*out = true;
		return true;
	}
	if (plain_text(n, &s) && !strcmp(s, "false")) {
		*out = false;
		return true;
	}
	return hx_ld_err(ld, n, field, "expected true or false, got %s", got(n, g, sizeof(g)));
}

bool hx_ld_str(hx_ld *ld, struct fy_node *n, const char *field, const char **out)
{
	char g[64];
	size_t len;
	const char *s;

	if (!n || !fy_node_is_scalar(n) || hx_ld_is_null(n))
		return hx_ld_err(ld, n, field, "expected a string, got %s", got(n, g, sizeof(g)));
	s = fy_node_get_scalar(n, &len);
	char *c = hx_ld_alloc(ld, len + 1);
	if (!c)
		return false;
	memcpy(c, s, len);
	*out = c;
	return true;
}

bool hx_ld_enum(hx_ld *ld, struct fy_node *n, const char *field, const char *const names[], unsigned *out)
{
	char g[64], list[256] = "";
	const char *s = NULL;
	size_t len = 0;

	if (n && fy_node_is_scalar(n) && !hx_ld_is_null(n))
		s = fy_node_get_scalar(n, &len);
	for (unsigned i = 0; names[i]; i++) {
		if (s && strlen(names[i]) == len && !memcmp(names[i], s, len)) {
			*out = i;
			return true;
		}
		size_t l = strlen(list);
		snprintf(list + l, sizeof(list) - l, "%s%s", i ? ", " : "", names[i]);
	}
	return hx_ld_err(ld, n, field, "expected one of %s, got %s", list, got(n, g, sizeof(g)));
}

/* ---- collections ---- */

bool hx_ld_map(hx_ld *ld, struct fy_node *n, const char *path, const char *const keys[], struct fy_node *vals[],
	       const char *nullable)
{
	char g[64], f[160], list[320] = "";
	struct fy_node_pair *p;
	void *it = NULL;
	unsigned nkeys = 0;

	while (keys[nkeys])
		nkeys++;
	for (unsigned i = 0; i < nkeys; i++)
		vals[i] = NULL;
	if (!n || !fy_node_is_mapping(n))
		return hx_ld_err(ld, n, path[0] ? path : "top level", "expected a mapping, got %s", got(n, g, sizeof(g)));
	while ((p = fy_node_mapping_iterate(n, &it))) {
		struct fy_node *k = fy_node_pair_key(p), *val = fy_node_pair_value(p);
		const char *ks = NULL;
		size_t kl = 0;
		unsigned i;

		if (k && fy_node_is_scalar(k))
			ks = fy_node_get_scalar(k, &kl);
		for (i = 0; i < nkeys; i++)
			if (ks && strlen(keys[i]) == kl && !memcmp(keys[i], ks, kl))
				break;
		if (i == nkeys) {
			for (unsigned j = 0; j < nkeys; j++) {
				size_t l = strlen(list);
				snprintf(list + l, sizeof(list) - l, "%s%s", j ? ", " : "", keys[j]);
			}
			snprintf(f, sizeof(f), "%s%s%.*s", path, path[0] ? "." : "", ks ? (int)kl : 1, ks ? ks : "?");
			return hx_ld_err(ld, k, f, "unknown key (expected one of %s)", list);
		}
		if (hx_ld_is_null(val) && !(nullable && !strcmp(nullable, keys[i])))
			return hx_ld_err(ld, val && !fy_node_is_null(val) ? val : k,
					 hx_ld_field(f, sizeof(f), path, keys[i]), "no value");
		vals[i] = val;
	}
	return true;
}

bool hx_ld_need(hx_ld *ld, struct fy_node *map, struct fy_node *val, const char *path, const char *key)
{
	char f[160];
	if (val)
		return true;
	return hx_ld_err(ld, map, hx_ld_field(f, sizeof(f), path, key), "missing (required)");
}

bool hx_ld_seq(hx_ld *ld, struct fy_node *n, const char *field, size_t min, size_t max, size_t *count)
{
	char g[64];
	if (!n || !fy_node_is_sequence(n))
		return hx_ld_err(ld, n, field, "expected a list, got %s", got(n, g, sizeof(g)));
	int c = fy_node_sequence_item_count(n);
	*count = c < 0 ? 0 : (size_t)c;
	if (*count < min)
		return hx_ld_err(ld, n, field, min == 1 ? "empty list" : "%zu items, at least %zu needed", *count, min);
	if (*count > max)
		return hx_ld_err(ld, n, field, "%zu items, at most %zu allowed", *count, max);
	return true;
}

struct fy_node *hx_ld_item(struct fy_node *seq, size_t i)
{
	return fy_node_sequence_get_by_index(seq, (int)i);
}

/* ---- names ---- */

static bool name_ok(const char *s, bool upper)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_' || *s == '.' || *s == '-' ||
		      (upper && isupper((unsigned char)*s))))
			return false;
	return true;
}

bool hx_ld_name(hx_ld *ld, struct fy_node *n, const char *field, bool upper, size_t max, const char **out)
{
	if (!hx_ld_str(ld, n, field, out))
		return false;
	if (!name_ok(*out, upper))
		return hx_ld_err(ld, n, field, "\"%s\" is not a name (letters %s, digits, '_', '.', '-')", *out,
				 upper ? "a-z A-Z" : "a-z");
	if (strlen(*out) > max)
		return hx_ld_err(ld, n, field, "\"%s\" is longer than %zu characters", *out, max);
	return true;
}

/* ---- top level ---- */

static bool ld_tags(hx_ld *ld, struct fy_node *n)
{
	size_t count;
	char f[64];

	if (!hx_ld_seq(ld, n, "tags", 0, 64, &count))
		return false;
	ld->v->tags = hx_ld_alloc(ld, (count + 1) * sizeof(*ld->v->tags));
	if (!ld->v->tags)
		return false;
	for (size_t i = 0; i < count; i++) {
		snprintf(f, sizeof(f), "tags[%zu]", i);
		if (!hx_ld_name(ld, hx_ld_item(n, i), f, false, 64, &ld->v->tags[i]))
			return false;
	}
	ld->v->ntags = count;
	return true;
}

static bool ld_top(hx_ld *ld, struct fy_node *root)
{
	static const char *const keys[] = { "vector", "description", "tags", "system", "stimulus", "irq_handler",
					    "expect", "driver", NULL };
	enum { K_VECTOR, K_DESC, K_TAGS, K_SYSTEM, K_STIM, K_IRQ, K_EXPECT, K_DRIVER };
	struct fy_node *val[9];
	hx_vec *v = ld->v;

	if (!hx_ld_map(ld, root, "", keys, val, "expect"))
		return false;
	if (!hx_ld_need(ld, root, val[K_VECTOR], "", "vector") ||
	    !hx_ld_name(ld, val[K_VECTOR], "vector", false, 128, &v->name))
		return false;
	if (val[K_DESC] && !hx_ld_str(ld, val[K_DESC], "description", &v->description))
		return false;
	if (val[K_TAGS] && !ld_tags(ld, val[K_TAGS]))
		return false;
	if (!hx_ld_need(ld, root, val[K_SYSTEM], "", "system") || !hx_ld_system(ld, val[K_SYSTEM]))
		return false;
	/* before the steps: they name the driver's channels and descriptors */
	if (val[K_DRIVER] && !hx_ld_driver(ld, val[K_DRIVER]))
		return false;
	if (val[K_DRIVER] && val[K_IRQ])
		return hx_ld_err(ld, val[K_IRQ], "irq_handler", "not with a driver: section (the driver's handler "
				 "takes the interrupt)");
	if (!hx_ld_need(ld, root, val[K_STIM], "", "stimulus") ||
	    !hx_ld_steps(ld, val[K_STIM], "stimulus", false, &v->stimulus, &v->nstimulus))
		return false;
	if (val[K_IRQ]) {
		v->has_irq_handler = true;
		if (!hx_ld_steps(ld, val[K_IRQ], "irq_handler", true, &v->irq_handler, &v->nirq_handler))
			return false;
	}
	return hx_ld_expect(ld, val[K_EXPECT]);
}

hx_vec *hx_vec_load(const char *path, char *err, size_t err_len)
{
	hx_ld ld = { .path = path, .err = err, .err_len = err_len };
	struct fy_document *doc = NULL;
	struct fy_diag_cfg dcfg;
	FILE *fp;
	bool ok = false;

	if (err_len)
		err[0] = '\0';
	ld.v = calloc(1, sizeof(*ld.v));
	if (!ld.v) {
		snprintf(err, err_len, "%s:0:0: file: out of memory", path);
		return NULL;
	}
	fp = fopen(path, "r");
	if (!fp) {
		snprintf(err, err_len, "%s:0:0: file: cannot open (%s)", path, strerror(errno));
		free(ld.v);
		return NULL;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.colorize = false;
	ld.diag = fy_diag_create(&dcfg);
	if (!ld.diag) {
		snprintf(err, err_len, "%s:0:0: file: out of memory", path);
		goto out;
	}
	fy_diag_set_collect_errors(ld.diag, true);
	struct fy_parse_cfg pcfg = { .flags = FYPCF_QUIET | FYPCF_RESOLVE_DOCUMENT | FYPCF_DEFAULT_VERSION_1_2,
				     .diag = ld.diag };
	doc = fy_document_build_from_fp(&pcfg, fp);
	if (!doc) {
		struct fy_diag_error *e;
		void *it = NULL;
		if ((e = fy_diag_errors_iterate(ld.diag, &it)))
			snprintf(err, err_len, "%s:%d:%d: yaml: %s", path, e->line, e->column, e->msg);
		else
			snprintf(err, err_len, "%s:1:1: top level: empty document", path);
		goto out;
	}
	ld.v->path = hx_ld_strdup(&ld, path);
	ld.v->description = "";
	if (!fy_document_root(doc)) {
		snprintf(err, err_len, "%s:1:1: top level: empty document", path);
		goto out;
	}
	ok = ld.v->path && ld_top(&ld, fy_document_root(doc));
out:
	if (ld.dev)
		pl08x_destroy(ld.dev);
	if (doc)
		fy_document_destroy(doc);
	if (ld.diag)
		fy_diag_destroy(ld.diag);
	fclose(fp);
	if (!ok) {
		hx_vec_free(ld.v);
		return NULL;
	}
	return ld.v;
}

const char *hx_ld_strdup(hx_ld *ld, const char *s)
{
	size_t len = strlen(s);
	char *c = hx_ld_alloc(ld, len + 1);
	if (c)
		memcpy(c, s, len + 1);
	return c;
}

/* ---- accessors ---- */

const char *hx_vec_name(const hx_vec *v)
{
	return v->name;
}

const char *hx_vec_path(const hx_vec *v)
{
	return v->path;
}

const char *hx_vec_description(const hx_vec *v)
{
	return v->description;
}

uint64_t hx_vec_seed(const hx_vec *v)
{
	return v->seed;
}

bool hx_vec_has_tag(const hx_vec *v, const char *tag)
{
	for (size_t i = 0; i < v->ntags; i++)
		if (!strcmp(v->tags[i], tag))
			return true;
	return false;
}
