/* The in-memory form of a transfer vector, shared by vector_load.c (which fills and checks it)
 * and vector_run.c (which runs it). Private to the harness library: the runner only sees
 * harness/vector.h. Everything hx_vec_run() needs has been validated by the loader, so the
 * run can only fail by the vector's expectations or its own limits.
 *
 * Every allocation of a vector lives in its arena (hx_vec_alloc), freed at once by hx_vec_free.
 */
#ifndef HX_VECTOR_INTERNAL_H
#define HX_VECTOR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/bus.h"
#include "harness/periph.h"
#include "harness/vector.h"
#include "pl08x/model.h"

#define HX_VEC_NAME_MAX 31      /* the bus keeps 31 characters of a slave name */
#define HX_VEC_MEM_MAX  0x4000000u /* 64 MiB per memory */

/* Where a piece of data comes from, or what it must equal (init, mem steps, expect.memory) */
enum hx_vdata_kind {
	HX_VD_PATTERN,  /* hx_pattern_byte(@value, i) */
	HX_VD_BYTES,    /* @bytes */
	HX_VD_WORDS,    /* @words, in the byte lanes of the memory (or LE for peripherals: never) */
	HX_VD_FILL,     /* @value repeated */
	HX_VD_COPY,     /* expect only: the range at @copy_master:@copy_at as it was before the stimulus */
	HX_VD_CRC32,    /* expect only: CRC-32 (IEEE 802.3, as zlib's crc32) of the range equals @value */
};

/**
 * hx_vdata - a range of bytes given by value
 * @kind: which fields apply
 * @value: the pattern seed, the fill byte or the CRC
 * @bytes: HX_VD_BYTES, @length of them
 * @words: HX_VD_WORDS, @length / 4 of them
 * @length: bytes covered
 * @copy_master, @copy_at: HX_VD_COPY source range
 */
typedef struct hx_vdata {
	enum hx_vdata_kind kind;
	uint32_t value;
	uint8_t *bytes;
	uint32_t *words;
	uint32_t length;
	unsigned copy_master;
	uint32_t copy_at;
} hx_vdata;

/**
 * hx_vrange - a range of a memory (or, in expect.memory, of a peripheral's capture)
 * @master: 1 or 2 (0 for a peripheral)
 * @periph: index in hx_vec.periphs, or -1
 * @at: absolute address (unused for a peripheral)
 * @data: the bytes
 * @line: line of the item in the file, for run-time messages
 */
typedef struct hx_vrange {
	unsigned master;
	int periph;
	uint32_t at;
	hx_vdata data;
	int line;
} hx_vrange;

typedef struct hx_vmemory {
	const char *name;
	unsigned master;
	uint32_t base, size;
	bool big_endian;
	hx_bus_waits waits;
	hx_vrange *init;
	size_t ninit;
} hx_vmemory;

typedef struct hx_verror_region {
	const char *name;
	unsigned master;
	uint32_t base, size;
	bool on_read, on_write;
	hx_bus_waits waits;
} hx_verror_region;

/* @cfg.name and @cfg.script point into the vector's arena */
typedef struct hx_vperiph {
	hx_periph_config cfg;
} hx_vperiph;

enum hx_vstep_kind {
	HX_VS_WRITE, HX_VS_READ, HX_VS_POLL, HX_VS_WAIT_IRQ, HX_VS_WAIT, HX_VS_DELAY, HX_VS_WAIT_IDLE,
	HX_VS_PROGRAM, HX_VS_LLI, HX_VS_MEM,
	/* driver-level steps (a vector with a driver: section; fields in @drv) */
	HX_VS_REQUEST, HX_VS_RELEASE, HX_VS_MEMCPY, HX_VS_SLAVE_SG, HX_VS_CYCLIC, HX_VS_SUBMIT,
	HX_VS_ISSUE, HX_VS_STATUS, HX_VS_AT, HX_VS_PAUSE, HX_VS_RESUME, HX_VS_TERMINATE, HX_VS_SYNC,
	HX_VS_WAIT_DESC, HX_VS_RESUBMIT, HX_VS_DMATEST,
};

#define HX_VS_FIRST_DRV HX_VS_REQUEST

struct hx_vdstep;

/* Interrupt outputs, as vectors name them */
enum hx_virq_line { HX_VIRQ_INTR, HX_VIRQ_TC, HX_VIRQ_ERR, HX_VIRQ_LINES };

/**
 * hx_vstep - one step of the stimulus or of the irq_handler
 * @kind: which fields apply
 * @line: line of the step in the file
 * @reg: WRITE/READ/POLL register offset
 * @value: WRITE value; READ expected value; POLL value to reach
 * @mask: READ/POLL mask
 * @has_expect: READ checks its value
 * @cycles: WAIT/DELAY cycles; POLL/WAIT_IRQ/WAIT_IDLE timeout
 * @irq: WAIT_IRQ line
 * @channel, @src, @dst, @lli, @control, @config: PROGRAM register values
 * @items, @nitems: LLI items, stored at @range.master:@range.at (range.data unused)
 * @range: MEM write; LLI place
 * @drv: driver-level steps: their fields (vector_drv.h)
 */
typedef struct hx_vstep {
	enum hx_vstep_kind kind;
	int line;
	uint32_t reg, value, mask;
	bool has_expect;
	uint64_t cycles;
	enum hx_virq_line irq;
	unsigned channel;
	uint32_t src, dst, lli, control, config;
	pl08x_lli *items;
	size_t nitems;
	hx_vrange range;
	struct hx_vdstep *drv;
} hx_vstep;

/** hx_virq_edge - an expected rising edge: @line at a cycle in [@min, @max] */
typedef struct hx_virq_edge {
	enum hx_virq_line line;
	uint64_t min, max;
	int item_line;
} hx_virq_edge;

typedef struct hx_vreg_check {
	uint32_t reg, value, mask;
	int line;
} hx_vreg_check;

/* Attributes an expect.beats item asserts (bits of hx_vbeat_check.what) */
enum {
	HX_VB_HTRANS = 1u << 0, HX_VB_HBURST = 1u << 1, HX_VB_HSIZE = 1u << 2, HX_VB_HPROT = 1u << 3,
	HX_VB_HLOCK = 1u << 4, HX_VB_CYCLE = 1u << 5, HX_VB_DATA = 1u << 6, HX_VB_RESP = 1u << 7,
};

/**
 * hx_vbeat_check - one item of expect.beats
 * @line: line of the item in the file
 * @master: 1 or 2, 0 for any
 * @write: 1 writes, 0 reads, -1 both
 * @addr_lo, @addr_hi: address filter (0..0xFFFFFFFF when absent)
 * @has_index, @index: select the @index-th matching beat (0-based) instead of all of them
 * @has_count, @count: how many beats match the filters
 * @what: HX_VB_* attributes asserted, with their values below (@hsize as the HSIZE encoding)
 */
typedef struct hx_vbeat_check {
	int line;
	unsigned master;
	int write;
	uint32_t addr_lo, addr_hi;
	bool has_index, has_count;
	uint64_t index, count;
	unsigned what;
	uint8_t htrans, hburst, hsize, hprot, resp;
	bool hlock;
	uint32_t data;
	uint64_t cmin, cmax;
} hx_vbeat_check;

/* Request-line outputs expect.edges names */
enum hx_vpin { HX_VPIN_CLR, HX_VPIN_TC, HX_VPINS };

/** hx_vpin_edge - an expected rising edge of DMACCLR/DMACTC[@line] at a cycle in [@min, @max] */
typedef struct hx_vpin_edge {
	enum hx_vpin pin;
	unsigned line;
	uint64_t min, max;
} hx_vpin_edge;

/**
 * hx_vexpect - expect:
 * @lines_checked: bit per enum hx_virq_line compared by @irqs (all three when the list is empty)
 * @has_irqs: expect.interrupts given
 * @has_*: the count is checked; protocol_violations and stray_accesses are always checked
 * @beats, @nbeats: expect.beats items
 * @pedges, @npedges, @has_pedges: expect.edges
 * @pairs_checked: bit (pin * 16 + line) per (pin, line) pair compared by @pedges (all when empty)
 */
typedef struct hx_vexpect {
	hx_vrange *memory;
	size_t nmemory;
	hx_virq_edge *irqs;
	size_t nirqs;
	bool has_irqs;
	unsigned lines_checked;
	hx_vreg_check *regs;
	size_t nregs;
	bool has_bus_errors, has_end, has_underruns;
	unsigned long bus_errors, protocol_violations, stray_accesses, underruns;
	uint64_t end_min, end_max;
	hx_vbeat_check *beats;
	size_t nbeats;
	hx_vpin_edge *pedges;
	size_t npedges;
	bool has_pedges;
	uint32_t pairs_checked;
	struct hx_vdexpect *drv;
} hx_vexpect;

struct hx_arena_block;
struct hx_vdexpect;
struct hx_vdriver;

/* @drv: the driver: section, NULL for a register-level vector */
struct hx_vec {
	struct hx_arena_block *arena;
	const char *path, *name, *description;
	const char **tags;
	size_t ntags;
	enum pl08x_variant variant;
	uint64_t seed, timeout;
	unsigned mmio_cycles, mmio_jitter, preempt_percent;
	unsigned irq_latency_min, irq_latency_max;
	hx_vmemory *mems;
	size_t nmems;
	hx_verror_region *errors;
	size_t nerrors;
	hx_vperiph *periphs;
	size_t nperiphs;
	hx_vstep *stimulus;
	size_t nstimulus;
	hx_vstep *irq_handler;
	size_t nirq_handler;
	bool has_irq_handler;
	hx_vexpect expect;
	struct hx_vdriver *drv;
};

/** hx_vec_irq_line_name - "intr", "tc" or "err" */
const char *hx_vec_irq_line_name(enum hx_virq_line l);

/**
 * hx_vec_reg_label - the register name a message shows for @offset: "C2Control", "DMACEnbldChns",
 * or "0x%03x" when nothing is mapped there
 */
void hx_vec_reg_label(const pl08x_dev *dev, uint32_t offset, char *buf, size_t len);

#endif
