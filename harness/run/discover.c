/* From the PATH operands to this shard's run units: files, folders and globs become a sorted
 * list of vector files; all of them are loaded and validated before anything runs; names must
 * be unique; the --tag filter applies; then the (vector, seed) units of the whole regression
 * are enumerated in order (vector name, then seed), digested, and dealt round-robin to the
 * shards.
 */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "run.h"

/* Folders nested deeper than this are refused (a loop the link check cannot see). */
#define HX_DISC_MAX_DEPTH 64
/* A regression larger than this is a typo in --seeds, not a plan. */
#define HX_DISC_MAX_UNITS 100000000ull

typedef struct hx_files {
	char **v;
	size_t n, cap;
} hx_files;

static int hx_files_add(hx_files *f, char *path)
{
	if (!path)
		return -1;
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		char **v = realloc(f->v, cap * sizeof(*v));
		if (!v) {
			free(path);
			return -1;
		}
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = path;
	return 0;
}

static void hx_files_free(hx_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
}

/* "dir" + "/" + "name" without doubled slashes, and without a leading "./". */
static char *hx_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (dl == 1 && dir[0] == '.')
		return strdup(name);
	size_t nl = strlen(name);
	char *p = malloc(dl + nl + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	size_t o = dl;
	if (!(dl == 1 && dir[0] == '/'))
		p[o++] = '/';
	memcpy(p + o, name, nl + 1);
	return p;
}

static bool hx_is_vector_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* The folders above the one being walked, to skip a link back to one of them. */
typedef struct hx_anc {
	dev_t dev;
	ino_t ino;
	const struct hx_anc *up;
} hx_anc;

static int hx_walk(const char *dir, const hx_anc *up, int depth, hx_files *out)
{
	struct stat self;
	if (depth > HX_DISC_MAX_DEPTH || stat(dir, &self) != 0) {
		fprintf(stderr, "pl08x-run: cannot read folder '%s'\n", dir);
		return -1;
	}
	for (const hx_anc *a = up; a; a = a->up)
		if (a->dev == self.st_dev && a->ino == self.st_ino)
			return 0;	/* a link to a folder being walked: already covered */
	hx_anc me = { .dev = self.st_dev, .ino = self.st_ino, .up = up };
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "pl08x-run: cannot read folder '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;	/* ., .., and hidden files (editor swap files, .git) */
		char *p = hx_join(dir, e->d_name);
		struct stat st;
		if (!p) {
			rc = -1;
		} else if (stat(p, &st) != 0) {
			/* A dangling link inside a folder is not a vector: skip it. */
			free(p);
		} else if (S_ISDIR(st.st_mode)) {
			rc = hx_walk(p, &me, depth + 1, out);
			free(p);
		} else if (S_ISREG(st.st_mode) && hx_is_vector_name(e->d_name)) {
			rc = hx_files_add(out, p);
		} else {
			free(p);
		}
	}
	closedir(d);
	return rc;
}

/* @path without doubled or trailing slashes and leading "./": "./vectors//" and "vectors"
 * give the same paths in reports. The caller frees it. */
static char *hx_norm(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; p[i]; i++)
		if (!(p[i] == '/' && o > 0 && p[o - 1] == '/'))
			p[o++] = p[i];
	p[o] = '\0';
	while (o > 1 && p[o - 1] == '/')
		p[--o] = '\0';
	size_t skip = 0;
	while (p[skip] == '.' && p[skip + 1] == '/' && p[skip + 2])
		skip += 2;
	memmove(p, p + skip, o - skip + 1);
	return p;
}

/* One existing path: a folder is walked, anything else is taken as a vector file. */
static int hx_add_path(const char *path, hx_files *out)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "pl08x-run: cannot read '%s': %s\n", path, strerror(errno));
		return -1;
	}
	char *p = hx_norm(path);
	if (!p || !S_ISDIR(st.st_mode))
		return hx_files_add(out, p);
	int rc = hx_walk(p, NULL, 0, out);
	free(p);
	return rc;
}

static int hx_add_operand(const char *arg, hx_files *out)
{
	struct stat st;
	if (stat(arg, &st) == 0 || !strpbrk(arg, "*?["))
		return hx_add_path(arg, out);
	/* The shell did not expand it (quoted, or no match there): expand it here. */
	glob_t g;
	int r = glob(arg, GLOB_ERR, NULL, &g);
	if (r == GLOB_NOMATCH) {
		fprintf(stderr, "pl08x-run: '%s' matches nothing\n", arg);
		return -1;
	}
	if (r != 0) {
		fprintf(stderr, "pl08x-run: cannot expand '%s'\n", arg);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < g.gl_pathc; i++)
		rc = hx_add_path(g.gl_pathv[i], out);
	globfree(&g);
	return rc;
}

static int hx_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int hx_cmp_vec(const void *a, const void *b)
{
	return strcmp(hx_vec_name(*(hx_vec *const *)a), hx_vec_name(*(hx_vec *const *)b));
}

/* Sorted by path; one file reached twice (two operands, a link) is loaded once. */
static int hx_files_unique(hx_files *f)
{
	qsort(f->v, f->n, sizeof(*f->v), hx_cmp_str);
	char **real = calloc(f->n ? f->n : 1, sizeof(*real));
	if (!real)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		char *r = realpath(f->v[i], NULL);
		bool seen = false;
		for (size_t j = 0; r && j < n && !seen; j++)
			seen = strcmp(real[j], r) == 0;
		if (seen) {
			free(r);
			free(f->v[i]);
			continue;
		}
		f->v[n] = f->v[i];
		real[n++] = r ? r : strdup(f->v[i]);	/* unreadable: hx_vec_load says why */
	}
	for (size_t j = 0; j < n; j++)
		free(real[j]);
	free(real);
	f->n = n;
	return 0;
}

/** hx_run_digest_step - fold one unit into the digest of a unit list (FNV-1a 64) */
uint64_t hx_run_digest_step(uint64_t h, const char *name, uint64_t seed)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	h = (h ^ 0) * 0x100000001b3ull;
	for (int i = 0; i < 8; i++)
		h = (h ^ ((seed >> (8 * i)) & 0xff)) * 0x100000001b3ull;
	return h;
}

static bool hx_selected(const hx_run_opts *o, const hx_vec *v)
{
	if (o->ntags == 0)
		return true;
	for (size_t i = 0; i < o->ntags; i++)
		if (hx_vec_has_tag(v, o->tags[i]))
			return true;
	return false;
}

static int hx_plan_units(const hx_run_opts *o, hx_plan *p)
{
	uint64_t nseeds = o->sweep ? o->seed_hi - o->seed_lo + 1 : 1;
	if (p->nvecs > HX_DISC_MAX_UNITS / nseeds) {
		fprintf(stderr, "pl08x-run: more than %llu units\n", HX_DISC_MAX_UNITS);
		return -1;
	}
	p->total_units = p->nvecs * nseeds;
	uint64_t mine = p->total_units / o->shard_count + 1;
	p->units = calloc(mine, sizeof(*p->units));
	if (!p->units)
		return -1;
	p->digest = HX_RUN_DIGEST_INIT;
	uint64_t k = 0;
	for (size_t i = 0; i < p->nvecs; i++) {
		const hx_vec *v = p->vecs[i];
		for (uint64_t s = 0; s < nseeds; s++, k++) {
			uint64_t seed = o->sweep ? o->seed_lo + s : o->seed_set ? o->seed : hx_vec_seed(v);
			p->digest = hx_run_digest_step(p->digest, hx_vec_name(v), seed);
			if (k % o->shard_count + 1 == o->shard_index)
				p->units[p->nunits++] = (hx_unit){ .vec = v, .seed = seed, .k = k };
		}
	}
	return 0;
}

/**
 * hx_plan_build - find, load and validate every vector, then lay out this shard's units
 * @o: the options
 * @p: filled; free with hx_plan_free() (also after a failure)
 * Return: 0, or -1 after reporting every problem on stderr (exit 2).
 */
int hx_plan_build(const hx_run_opts *o, hx_plan *p)
{
	memset(p, 0, sizeof(*p));
	hx_files f = { 0 };
	int rc = 0;
	for (size_t i = 0; i < o->npaths && rc == 0; i++)
		rc = hx_add_operand(o->paths[i], &f);
	if (rc == 0 && f.n == 0) {
		fprintf(stderr, "pl08x-run: no vectors found (*.yaml, *.yml)\n");
		rc = -1;
	}
	if (rc == 0)
		rc = hx_files_unique(&f);
	if (rc == 0 && !(p->vecs = calloc(f.n, sizeof(*p->vecs))))
		rc = -1;
	/* Every file is loaded, so that one run reports every malformed vector at once. */
	size_t bad = 0;
	for (size_t i = 0; rc == 0 && i < f.n; i++) {
		char err[1024];
		hx_vec *v = hx_vec_load(f.v[i], err, sizeof(err));
		if (!v) {
			fprintf(stderr, "%s\n", err);
			bad++;
			continue;
		}
		p->vecs[p->nvecs++] = v;
	}
	if (rc == 0 && bad) {
		fprintf(stderr, "pl08x-run: %zu malformed vector%s, nothing run\n", bad,
			bad == 1 ? "" : "s");
		rc = -1;
	}
	if (rc == 0)
		qsort(p->vecs, p->nvecs, sizeof(*p->vecs), hx_cmp_vec);
	for (size_t i = 1; rc == 0 && i < p->nvecs; i++) {
		if (strcmp(hx_vec_name(p->vecs[i - 1]), hx_vec_name(p->vecs[i])) == 0) {
			fprintf(stderr, "pl08x-run: duplicate vector name '%s' in %s and %s\n",
				hx_vec_name(p->vecs[i]), hx_vec_path(p->vecs[i - 1]),
				hx_vec_path(p->vecs[i]));
			bad++;
		}
	}
	if (rc == 0 && bad)
		rc = -1;
	if (rc == 0 && o->ntags) {
		size_t n = 0;
		for (size_t i = 0; i < p->nvecs; i++) {
			if (hx_selected(o, p->vecs[i]))
				p->vecs[n++] = p->vecs[i];
			else
				hx_vec_free(p->vecs[i]);
		}
		p->nvecs = n;
		if (n == 0) {
			fprintf(stderr, "pl08x-run: no vector has the tag%s given\n",
				o->ntags == 1 ? "" : "s");
			rc = -1;
		}
	}
	if (rc == 0)
		rc = hx_plan_units(o, p);
	hx_files_free(&f);
	return rc;
}

void hx_plan_free(hx_plan *p)
{
	for (size_t i = 0; i < p->nvecs; i++)
		hx_vec_free(p->vecs[i]);
	free(p->vecs);
	free(p->units);
	memset(p, 0, sizeof(*p));
}
