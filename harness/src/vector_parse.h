/* The vector loader's helpers, shared by its three files: vector_load.c (scalars, mappings,
 * errors, the top level), vector_load_sys.c (system:) and vector_load_steps.c (stimulus,
 * irq_handler, expect). Private to the harness library.
 *
 * Every hx_ld_* returns false after recording the first error of the load in @ld (later
 * errors are ignored), so callers just return false up the chain.
 */
#ifndef HX_VECTOR_PARSE_H
#define HX_VECTOR_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libfyaml.h>

#include "vector_internal.h"

/* Field paths are built in fixed buffers: a path cut short in a message is harmless */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/**
 * hx_ld - one load in progress
 * @v: the vector being filled
 * @path: the file, as given
 * @diag: collects libfyaml's messages (and gives node positions)
 * @err, @err_len: the caller's error buffer
 * @failed: an error has been recorded
 * @dev: a model of the vector's variant, only to resolve register names
 * @masters, @channels: of the variant
 */
typedef struct hx_ld {
	hx_vec *v;
	const char *path;
	struct fy_diag *diag;
	char *err;
	size_t err_len;
	bool failed;
	pl08x_dev *dev;
	unsigned masters, channels;
} hx_ld;

/* Allocation in the vector's arena, zeroed; NULL (and an error) when out of memory */
void *hx_ld_alloc(hx_ld *ld, size_t size);
const char *hx_ld_strdup(hx_ld *ld, const char *s);

/** hx_ld_err - record "PATH:LINE:COLUMN: @field: message" at node @n (the first error wins) */
bool hx_ld_err(hx_ld *ld, struct fy_node *n, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/** hx_ld_field - "@path.@key" (just @key at the top level) in @buf */
const char *hx_ld_field(char *buf, size_t len, const char *path, const char *key);

bool hx_ld_is_null(struct fy_node *n);
/** hx_ld_line - the 1-based line of @n (of its first scalar), 0 if none; cheap, for run-time messages */
int hx_ld_line(struct fy_node *n);
/** hx_ld_is_number - a plain scalar that reads as an integer */
bool hx_ld_is_number(struct fy_node *n);
bool hx_ld_u64(hx_ld *ld, struct fy_node *n, const char *field, uint64_t min, uint64_t max, uint64_t *out);
bool hx_ld_u32(hx_ld *ld, struct fy_node *n, const char *field, uint32_t min, uint32_t max, uint32_t *out);
bool hx_ld_uint(hx_ld *ld, struct fy_node *n, const char *field, unsigned min, unsigned max, unsigned *out);
bool hx_ld_bool(hx_ld *ld, struct fy_node *n, const char *field, bool *out);
bool hx_ld_str(hx_ld *ld, struct fy_node *n, const char *field, const char **out);
/** hx_ld_name - a string of [a-z0-9_.-] (and A-Z if @upper), at most @max characters */
bool hx_ld_name(hx_ld *ld, struct fy_node *n, const char *field, bool upper, size_t max, const char **out);
/** hx_ld_enum - one of the NULL-terminated @names; *@out is its index */
bool hx_ld_enum(hx_ld *ld, struct fy_node *n, const char *field, const char *const names[], unsigned *out);

/**
 * hx_ld_map - @n must be a mapping whose keys are among the NULL-terminated @keys; @vals[i]
 * receives the value of @keys[i] or NULL. A key without a value is an error unless it is
 * @nullable (then its @vals entry is the null node or the key).
 */
bool hx_ld_map(hx_ld *ld, struct fy_node *n, const char *path, const char *const keys[], struct fy_node *vals[],
	       const char *nullable);
/** hx_ld_need - error "@path.@key: missing (required)" at the mapping @map when @val is NULL */
bool hx_ld_need(hx_ld *ld, struct fy_node *map, struct fy_node *val, const char *path, const char *key);
/** hx_ld_seq - @n must be a list of @min..@max items */
bool hx_ld_seq(hx_ld *ld, struct fy_node *n, const char *field, size_t min, size_t max, size_t *count);
struct fy_node *hx_ld_item(struct fy_node *seq, size_t i);

/** hx_ld_bounds - N or [min, max], each 0..@max, max >= min (cycles, residues) */
bool hx_ld_bounds(hx_ld *ld, struct fy_node *n, const char *field, uint64_t max, uint64_t *min_out,
		  uint64_t *max_out);

/* Masters 1|2 (only 1 on the PL081) */
bool hx_ld_master(hx_ld *ld, struct fy_node *n, const char *field, unsigned *out);

/* Ranges: where: HX_LDR_INIT (of memory @mem), HX_LDR_MEM (mem step), HX_LDR_EXPECT */
enum hx_ldr_where { HX_LDR_INIT, HX_LDR_MEM, HX_LDR_EXPECT };
bool hx_ld_range(hx_ld *ld, struct fy_node *n, const char *path, enum hx_ldr_where where, const hx_vmemory *mem,
		 hx_vrange *out);
/** hx_ld_inside - error unless [@at, @at + @len) lies inside one memory of @master */
bool hx_ld_inside(hx_ld *ld, struct fy_node *n, const char *field, unsigned master, uint32_t at, uint64_t len);

/* Sections */
bool hx_ld_system(hx_ld *ld, struct fy_node *n);
bool hx_ld_steps(hx_ld *ld, struct fy_node *n, const char *path, bool irq, hx_vstep **out, size_t *count);
bool hx_ld_expect(hx_ld *ld, struct fy_node *n);
/* expect.beats and expect.edges (vector_load_beats.c) */
bool hx_ld_expect_beats(hx_ld *ld, struct fy_node *n, hx_vexpect *e);
bool hx_ld_expect_edges(hx_ld *ld, struct fy_node *n, hx_vexpect *e);

#endif
