/* Transfer vectors: loading a YAML vector file (docs/vector-format.md) and running it on a
 * sim. The vector's in-memory form is private to vector*.c; the runner only needs this API.
 */
#ifndef HX_VECTOR_H
#define HX_VECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hx_vec hx_vec;

/**
 * hx_vec_load - read and validate one vector file
 * @path: the file
 * @err, @err_len: on failure, "PATH:LINE:COLUMN: FIELD: problem" (LINE:COLUMN of the node at
 *   fault; 0:0 when the file cannot be read)
 * Return: the vector, or NULL on failure. Every field is checked here, so that hx_vec_run() can
 * only fail by the vector's expectations or the run's own limits.
 */
hx_vec *hx_vec_load(const char *path, char *err, size_t err_len);
void hx_vec_free(hx_vec *v);
const char *hx_vec_name(const hx_vec *v);
const char *hx_vec_path(const hx_vec *v);
const char *hx_vec_description(const hx_vec *v);
/** hx_vec_seed - the seed the file gives (system.seed) */
uint64_t hx_vec_seed(const hx_vec *v);
/** hx_vec_has_tag - true when the vector lists @tag */
bool hx_vec_has_tag(const hx_vec *v, const char *tag);

/**
 * hx_vec_run_opts - how to run
 * @seed: the seed (the runner passes hx_vec_seed() unless --seed/--seeds say otherwise)
 * @hx_trace_stem: when not NULL, write @hx_trace_stem.jsonl and @hx_trace_stem.vcd
 */
typedef struct hx_vec_run_opts {
	uint64_t seed;
	const char *hx_trace_stem;
} hx_vec_run_opts;

#define HX_VEC_MSG_MAX 4096

/**
 * hx_vec_result - the outcome of one run
 * @passed: every expectation held and the run did not fail
 * @message: why not (multi-line: memory diffs, interrupt lists side by side, ...), "" if passed
 * @cycles: the cycle at which the stimulus ended
 * @hash: hx_trace_hash() of the run
 * @events, @beats, @irqs: events traced, bus transfers, hard-IRQ entries
 * @violations: AHB protocol violations on all masters
 * @wall_seconds: host time of the run (for reports only, never compared)
 */
typedef struct hx_vec_result {
	bool passed;
	char message[HX_VEC_MSG_MAX];
	uint64_t cycles, hash, events, beats, irqs, violations;
	double wall_seconds;
} hx_vec_result;

/**
 * hx_vec_run - build the vector's system, run its stimulus, check its expectations
 * @opts: NULL runs with the vector's seed and no trace files
 * Return: 0 when the run happened (see @res->passed), -1 when it could not start (trace files
 * not writable, out of memory), with the reason in @res->message.
 * Thread-safe: runs of different vectors (or the same one) may go on in parallel threads.
 */
int hx_vec_run(const hx_vec *v, const hx_vec_run_opts *opts, hx_vec_result *res);

#endif
