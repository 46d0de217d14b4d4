/* Driver-level vectors: the in-memory form of a vector's driver: section, of its driver steps
 * and of its driver expectations (docs/vector-format.md, "Driver-level vectors"), shared by the
 * loader (vector_load_drv.c) and the executor (vector_drv.c). Private to the harness library.
 *
 * Channels and descriptors are named in the file; the loader turns each name into an index
 * (its order of first appearance), so the executor works on small arrays.
 */
#ifndef HX_VECTOR_DRV_H
#define HX_VECTOR_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vector_internal.h"

#define HX_VD_NAMES_MAX 64  /* channel names, and descriptor names, per vector */

/** hx_vmux - a request signal shared through the mux: it may take any free line of @lines */
typedef struct hx_vmux {
	unsigned signal;
	unsigned lines[16];
	unsigned nlines;
} hx_vmux;

/**
 * hx_vdriver - the driver: section
 * @channels: physical channels the driver may use (0 = all)
 * @lli_master, @mem_masters: 0-based master and bit mask of masters, as struct dmac_platform
 * @memcpy_burst: transfers; @memcpy_width: bytes
 * @lli_at, @lli_size, @lli_items: the LLI pool (osal_hx_config)
 * @mux, @nmux: the request-line mux (none: signal = line)
 * @chan_names, @nchans, @desc_names, @ndescs: the names the steps use, by index
 * @chan_req: the request step of each channel (the loader checks preps against it)
 */
typedef struct hx_vdriver {
	unsigned channels, lli_master, mem_masters, memcpy_burst, memcpy_width;
	uint32_t lli_at, lli_size;
	unsigned lli_items;
	hx_vmux *mux;
	size_t nmux;
	const char *chan_names[HX_VD_NAMES_MAX];
	size_t nchans;
	const char *desc_names[HX_VD_NAMES_MAX];
	size_t ndescs;
	const struct hx_vdstep *chan_req[HX_VD_NAMES_MAX];
} hx_vdriver;

/* Statuses as vectors name them (the order of enum dmac_status) */
enum hx_vdstatus { HX_VDS_COMPLETE, HX_VDS_IN_PROGRESS, HX_VDS_PAUSED, HX_VDS_ERROR, HX_VDS_ANY };

/* Descriptor flags (the values of enum dmac_prep_flags) */
#define HX_VDF_INTERRUPT 1u
#define HX_VDF_ACK       2u
#define HX_VDF_SKIP      4u

/** hx_vsg - one buffer of a slave_sg */
typedef struct hx_vsg {
	uint32_t at, len;
} hx_vsg;

/**
 * hx_vdstep - the fields of a driver step (hx_vstep.drv)
 * @chan: channel index; @desc: descriptor index (-1: none)
 * @has_at, @at: idle until cycle @at before the step
 * @fails: request/prep: expected to return NULL
 * @slave, @signal, @periph_master (0-based): request of a slave channel
 * @has_cfg, @addr, @width (bytes), @burst: its dmac_slave_config (both directions)
 * @src, @dst, @len: memcpy; @buf, @len, @period: cyclic
 * @dir: slave_sg/cyclic: 1 = mem_to_dev, 2 = dev_to_mem (enum dmac_dir)
 * @sg, @nsg: slave_sg buffers
 * @flags: HX_VDF_*
 * @submit, @issue: prep steps: submit (and issue pending) at once
 * @cb, @ncb: the descriptor's callback actions (steps run in its callback, in order)
 * @status, @has_residue, @res_min, @res_max: status: what dmac_tx_status() must give
 * @count: resubmit: times in a lineage; wait_desc: callbacks to wait for (0: completion)
 * @timeout: wait_desc
 */
typedef struct hx_vdstep {
	unsigned chan;
	int desc;
	bool has_at;
	uint64_t at;
	bool fails;
	bool slave;
	unsigned signal, periph_master;
	bool has_cfg;
	uint32_t addr;
	unsigned width, burst;
	uint32_t src, dst, len, buf, period;
	unsigned dir;
	hx_vsg *sg;
	size_t nsg;
	unsigned flags;
	bool submit, issue;
	hx_vstep *cb;
	size_t ncb;
	enum hx_vdstatus status;
	bool has_residue;
	uint64_t res_min, res_max;
	unsigned count;
	uint64_t timeout;
	struct hx_vdmatest *dmatest;
} hx_vdstep;

/**
 * hx_vdmatest - a dmatest step: the hx_dmatest_config fields (dmatest.h) and the expectations
 * @src_at, @src_size, @dst_at, @dst_size: the regions (masters: the driver's memcpy ones)
 * @has_seed: else the run's seed
 * @result: 0 pass, 1 fail; @tests .. @data_errors: exact counts, -1 when not checked
 * @has_kbps, @kbps_min, @kbps_max: bounds on the run's KB/s (simulated time)
 * @first_failure: a text the first failure message must contain, or NULL
 */
typedef struct hx_vdmatest {
	unsigned channels, threads;
	unsigned long iterations;
	uint32_t min_len, max_len, align, guard;
	bool no_guard;
	uint32_t src_at, src_size, dst_at, dst_size;
	bool has_seed;
	uint64_t seed, timeout, hclk_hz;
	bool no_verify;
	uint32_t cpu_kib;
	bool cpu_free;
	int result;
	long tests, failures, timeouts, aborted, bus_errors, data_errors;
	bool has_kbps;
	uint64_t kbps_min, kbps_max;
	const char *first_failure;
} hx_vdmatest;

/* Callback results as vectors name them */
enum hx_vdresult { HX_VDR_OK, HX_VDR_FAILED, HX_VDR_ANY };

/**
 * hx_vcb_expect - an expected callback (expect.callbacks)
 * @desc: descriptor index; @repeat: consecutive callbacks this item matches
 * @min, @max: cycle bounds; @result; @has_residue, @residue; @context: enum hx_sim_ctx or -1
 */
typedef struct hx_vcb_expect {
	int desc;
	unsigned repeat;
	uint64_t min, max;
	enum hx_vdresult result;
	bool has_residue;
	uint32_t residue;
	int context;
	int line;
} hx_vcb_expect;

/** hx_vstat_expect - expect.status: a descriptor's final status and residue */
typedef struct hx_vstat_expect {
	int desc;
	enum hx_vdstatus status;
	bool has_residue;
	uint64_t res_min, res_max;
	int line;
} hx_vstat_expect;

/* Checker report kinds (enum hx_chk_kind of hx_checkers.h; vector_drv.c checks the count) and
 * the two groups of expect.checker_reports: lock (the first five kinds), dma_api (the rest) */
#define HX_VCHK_KINDS 11
#define HX_VCHK_LOCK_KINDS 5
enum hx_vchk_group { HX_VCHK_LOCK, HX_VCHK_DMA_API, HX_VCHK_GROUPS };

/**
 * hx_vdexpect - the driver expectations
 * @cbs, @ncbs, @has_cbs: expect.callbacks (all callbacks, in order)
 * @stats, @nstats: expect.status
 * @kind: checker reports expected per kind, -1 when only a group or the total constrains it
 *   (default 0 each: always checked)
 * @group: reports expected per group (sum of its kinds), -1 when not given
 * @total: reports expected in all, -1 when not given
 */
typedef struct hx_vdexpect {
	hx_vcb_expect *cbs;
	size_t ncbs;
	bool has_cbs;
	hx_vstat_expect *stats;
	size_t nstats;
	long kind[HX_VCHK_KINDS];
	long group[HX_VCHK_GROUPS];
	long total;
} hx_vdexpect;

struct hx_ld;
struct fy_node;

/* ---- loader (vector_load_drv.c) ---- */
bool hx_ld_driver(struct hx_ld *ld, struct fy_node *n);
/** hx_ld_drv_step - a driver step named @name (index into hx_ld_drv_step_names) */
bool hx_ld_drv_step(struct hx_ld *ld, struct fy_node *key, struct fy_node *body, const char *path, bool in_cb,
		    hx_vstep *s);
/** hx_ld_drv_expect - the driver keys of expect (@vals: callbacks, status, checker_reports) */
bool hx_ld_drv_expect(struct hx_ld *ld, struct fy_node *cbs, struct fy_node *stats, struct fy_node *reports);
extern const char *const hx_ld_drv_step_names[];

#endif
