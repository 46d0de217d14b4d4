/* dmatest.h - Linux dmatest for the driver core on the model (issue 5, section 4).
 *
 * What it does (after drivers/dma/dmatest.c, written anew): @channels memcpy channels are
 * requested from the driver, @threads logical test threads per channel each run @iterations
 * tests. A test: draw a length in [@min_len, @max_len] and a source and a destination offset
 * in the thread's buffers (all multiples of @align), fill both buffers and their guards with
 * patterns, map them, prepare a memcpy (DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK; the driver unmaps),
 * submit, issue pending, wait for the callback or @timeout simulated cycles, then verify:
 * the source block unchanged, the destination's copied region equal to the source's, every other
 * destination byte (its guards included) unchanged.
 *
 * Buffers. Thread t owns a source block at @src_base + t * B on @src_master and a destination
 * block at @dst_base + t * B on @dst_master, B = @guard + @max_len + @guard (rounded up to 4):
 * @guard bytes before the buffer, the buffer of @max_len bytes, @guard bytes after.
 * Patterns (as Linux's PATTERN_*): every byte k of a block (k counted from the block's start,
 * guard included) is MARK | P(salt, k): the top three bits say what the byte is, the low five
 * are a seeded hash of its position and of a salt drawn per test and per block, so a byte
 * copied from the wrong place, or left from the previous test, does not match:
 *   HX_DMATEST_PAT_SRC (0x80)        a source byte, | HX_DMATEST_PAT_COPY (0x40) inside the
 *                                    region to copy;
 *   HX_DMATEST_PAT_DST (0x00)        a destination byte, | HX_DMATEST_PAT_OVERWRITE (0x20)
 *                                    inside the region to be overwritten.
 * After the copy, destination byte dst_off + j must equal source byte src_off + j.
 *
 * Scheduling (deterministic). The run is one C call in the sim's thread context. The logical
 * threads are state machines: READY (to verify its finished test, if any, and to start the
 * next) or WAITING (a transfer in flight). Each thread draws its lengths, offsets and salts
 * from its own splitmix64 stream seeded with (@seed, thread number), so what a thread tests
 * does not depend on the interleaving. A scheduler stream seeded with @seed picks, while any
 * thread is READY, one READY thread uniformly and runs one step of it (verify, then prepare,
 * submit and issue: these driver calls cost MMIO cycles, and interrupts and other threads'
 * callbacks are taken in between, as on a CPU). When none is READY, the CPU waits
 * (hx_sim_wait_until) until a callback arrives or the earliest deadline of the transfers in
 * flight; threads whose deadline has come time out in thread order. Same seed, same sim seed:
 * same run, cycle for cycle.
 *
 * Timeout. A test whose callback has not come @timeout cycles after its dmac_issue_pending()
 * returned fails
 * ("timed out"); the thread then calls dmac_terminate_all() and dmac_synchronize() on its
 * channel, which drops every descriptor of that channel, so the other threads of the channel
 * with a test in flight fail too ("aborted"); all carry on with their next test, as on Linux.
 * A callback with DMAC_RESULT_FAILED (a bus ERROR) fails the test ("bus error").
 *
 * Time. The driver's register accesses and the waits cost simulated cycles; filling and
 * verifying buffers cost @cpu_cycles_per_kib (@no_verify: neither happens). @hclk_hz turns cycles into
 * seconds.
 *
 * Failure messages (the first goes to hx_dmatest_result.first_failure, each to @log):
 *   "dma0chan1-copy0: test #12: dst[0x47] expected 0xd3, got 0x5a (copied region +0x40;
 *    src_off=0x10 dst_off=0x7 len=0x40; 3 bad bytes)"
 *   "dma0chan0-copy1: test #3: dst guard after[0x2] expected 0x1d, got 0xff (...)"
 *   "dma0chan0-copy0: test #5: timed out after 1000 cycles (src_off=... len=...)"
 * Threads are named like Linux's: dma0chan<channel>-copy<thread of the channel>; tests are
 * numbered from 1 per thread; offsets are from the start of the buffer (for a guard: from the
 * start of the guard), in hex.
 *
 * Context: hx_dmatest_run() is called in HX_SIM_CTX_THREAD with interrupts enabled, with the
 * sim's interrupt handler calling dmac_irq() on @d (as tests/support/dmac_fx.h and
 * hx_dmatest_rig_create() do), and no channel of @d needed by someone else.
 */
#ifndef HX_DMATEST_H
#define HX_DMATEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmac.h"
#include "harness/sim.h"
#include "osal_hx.h"

/* Logical threads of one run, at most (channels x threads); also bounded by DMAC_MAX_DESCS and
 * the LLI pool: each thread has one descriptor in flight */
#define HX_DMATEST_MAX_THREADS 64
#define HX_DMATEST_MSG 256

#define HX_DMATEST_PAT_SRC       0x80u
#define HX_DMATEST_PAT_DST       0x00u
#define HX_DMATEST_PAT_COPY      0x40u
#define HX_DMATEST_PAT_OVERWRITE 0x20u
#define HX_DMATEST_PAT_POS_MASK  0x1fu

/** enum hx_dmatest_status - what hx_dmatest_run() returns */
enum hx_dmatest_status {
	HX_DMATEST_PASS = 0,      /* every test passed */
	HX_DMATEST_FAIL = 1,      /* the run completed, some tests failed (see the result) */
	HX_DMATEST_EINVAL = -1,   /* impossible configuration (message in first_failure) */
	HX_DMATEST_ESIM = -2,     /* the sim failed (a storm, a wait timeout of the driver...) or a
				   * channel could not be requested: the run stopped */
};

/** enum hx_dmatest_fail_kind - why a test failed */
enum hx_dmatest_fail_kind {
	HX_DMATEST_F_NONE,
	HX_DMATEST_F_PREP,      /* dmac_prep_memcpy() returned NULL */
	HX_DMATEST_F_MAP,       /* osal_dma_map() refused */
	HX_DMATEST_F_TIMEOUT,   /* no callback within @timeout cycles */
	HX_DMATEST_F_ABORTED,   /* dropped by the terminate after another thread's timeout */
	HX_DMATEST_F_BUS_ERROR, /* callback with DMAC_RESULT_FAILED */
	HX_DMATEST_F_DATA,      /* a byte of a buffer or guard is wrong */
};

/**
 * struct hx_dmatest_event - what the @hook of the configuration sees (tests use it to break
 *   things on purpose, e.g. corrupt a destination byte through hx_bus_mem_bytes())
 * @thread: logical thread number (channel * threads + index)
 * @test: the thread's test number, from 1
 * @src, @dst: bus addresses of the copied regions (@src_master / @dst_master)
 * @src_block, @dst_block: bus addresses of the blocks (guard before, buffer, guard after)
 * @src_off, @dst_off, @len: offsets in the buffers and the length
 * @cycle: hx_sim_cycle() now
 */
typedef struct hx_dmatest_event {
	unsigned thread;
	unsigned long test;
	uint32_t src, dst, src_block, dst_block;
	uint32_t src_off, dst_off, len;
	uint64_t cycle;
} hx_dmatest_event;

/** enum hx_dmatest_hook_at - when the hook is called */
enum hx_dmatest_hook_at {
	HX_DMATEST_AT_ISSUED,    /* after dmac_issue_pending() of the test */
	HX_DMATEST_AT_COMPLETE,  /* the thread saw its callback, before verifying */
};

/**
 * struct hx_dmatest_config - the run (zero fields take the default given; Linux's module
 *   parameter in brackets)
 * @channels: memcpy channels to request (default 1) [max_channels]
 * @threads: logical threads per channel (default 1) [threads_per_chan]
 * @iterations: tests per thread (default 100) [iterations]
 * @min_len: shortest copy in bytes (default 1)
 * @max_len: longest copy, and the buffer size (default 4096) [test_buf_size]
 * @align: lengths and offsets are multiples of this power of two (default 1) [alignment]
 * @guard: bytes of guard before and after each buffer (default 16; @no_guard for 0)
 * @no_guard: no guard bytes
 * @src_master, @dst_master: AHB masters (0 = AHB1) whose memory holds the source and
 *   destination blocks (as the driver's memcpy uses them: reads through the lowest memory
 *   master of the platform, writes through the highest)
 * @src_base, @src_size, @dst_base, @dst_size: the memory regions the blocks are carved from;
 *   they must be memories the backdoor reaches (hx_bus_mem_bytes(); with @no_verify any bus
 *   addresses, an ERROR region included) and hold @channels * @threads blocks.
 *   The regions may be the same region on the same master: the destination blocks then follow
 *   the source blocks.
 * @seed: lengths, offsets, patterns and the thread scheduling (the sim has its own seed)
 * @timeout: cycles from issue_pending to the callback before a test fails (default 1000000)
 * @no_verify: no filling, no checking; only the figures [noverify]
 * @hclk_hz: the clock for the per-second figures (default 100000000)
 * @cpu_cycles_per_kib: CPU time charged for filling and for verifying buffers, in cycles per KiB
 *   of blocks touched (hx_sim_cpu_delay() in pieces of one KiB, each an interrupt point);
 *   default 256 (4 bytes a cycle: memset/memcmp on a CPU clocked above HCLK); @cpu_free for 0.
 *   The CPU is one: while it fills for one thread, no other thread runs. With no CPU time the
 *   threads resubmit back to back, and on the PL080 a memcpy channel kept busy starves every
 *   lower-priority one (fixed priority, channel 0 highest; docs/dmatest.md)
 * @cpu_free: filling and verifying cost nothing
 * @log: called with each failure message and nothing else (NULL: none)
 * @hook: called at the points of enum hx_dmatest_hook_at (NULL: none); it may touch memory
 *   through the bus backdoor, not the driver
 * @ctx: first argument of @log and @hook
 */
typedef struct hx_dmatest_config {
	unsigned channels, threads;
	unsigned long iterations;
	uint32_t min_len, max_len, align, guard;
	bool no_guard;
	unsigned src_master, dst_master;
	uint32_t src_base, src_size, dst_base, dst_size;
	uint64_t seed;
	uint64_t timeout;
	bool no_verify;
	uint64_t hclk_hz;
	uint32_t cpu_cycles_per_kib;
	bool cpu_free;
	void (*log)(void *ctx, const char *msg);
	void (*hook)(void *ctx, enum hx_dmatest_hook_at at, const hx_dmatest_event *ev);
	void *ctx;
} hx_dmatest_config;

/**
 * struct hx_dmatest_thread_result - one logical thread
 * @name: "dma0chan<c>-copy<k>"
 * @chan: channel number (order of request); @index: thread of the channel
 * @tests: tests started; @failures: of them failed
 * @bytes: bytes of the tests that passed (or, @no_verify, whose callback came without error)
 * @cycles: from the start of the run to the thread's last test ended
 */
typedef struct hx_dmatest_thread_result {
	char name[48];
	unsigned chan, index;
	unsigned long tests, failures;
	uint64_t bytes;
	uint64_t cycles;
} hx_dmatest_thread_result;

/**
 * struct hx_dmatest_result - the run
 * @tests, @failures: over all threads; @timeouts, @aborted, @bus_errors, @data_errors, @prep_errors:
 *   the failures by kind (map errors count as prep errors)
 * @bytes: bytes of the tests that passed
 * @cycles: simulated cycles of the whole run (from the call to the last thread's end)
 * @hclk_hz: the clock used for the figures below
 * @tests_per_s: @tests / (@cycles / @hclk_hz) (all tests, as Linux's iops)
 * @mb_per_s: @bytes / (@cycles / @hclk_hz) / 1e6; @kb_per_s: the same in KiB (Linux's KB/s)
 * @n_threads: entries of @thread
 * @thread: per thread
 * @first_failure: the first failure's message, "" when none
 * @first_kind: its kind
 */
typedef struct hx_dmatest_result {
	unsigned long tests, failures, timeouts, aborted, bus_errors, data_errors, prep_errors;
	uint64_t bytes;
	uint64_t cycles;
	uint64_t hclk_hz;
	double tests_per_s, mb_per_s, kb_per_s;
	unsigned n_threads;
	hx_dmatest_thread_result thread[HX_DMATEST_MAX_THREADS];
	char first_failure[HX_DMATEST_MSG];
	enum hx_dmatest_fail_kind first_kind;
} hx_dmatest_result;

/**
 * hx_dmatest_run - run the test
 * @sim: the sim the driver runs on (osal_hx_sim(@d->od))
 * @d: the driver's device, set up with dmac_init() on the harness port
 * @cfg: the run
 * @res: receives the results (cleared first)
 * Return: enum hx_dmatest_status. The channels are released before the return, also on failure.
 * Context: thread (see the top of this file).
 */
int hx_dmatest_run(hx_sim *sim, struct dmac_dev *d, const hx_dmatest_config *cfg,
		   hx_dmatest_result *res);

/**
 * hx_dmatest_summary - Linux's summary line of a thread or (@t NULL) of the run:
 *   "dma0chan0-copy0: summary 1000 tests, 0 failures 2387.20 iops 19237 KB/s (0)"
 *   (the run: "total: summary ..."; the last number is the status of hx_dmatest_run(), 0 for a thread)
 * @res: the result
 * @t: a thread of @res, or NULL for the total
 * @status: what hx_dmatest_run() returned (printed for the total)
 * @buf, @size: where to write (always terminated)
 */
void hx_dmatest_summary(const hx_dmatest_result *res, const hx_dmatest_thread_result *t, int status,
			char *buf, size_t size);

/**
 * struct hx_dmatest_rig_config - a ready system for hx_dmatest_run() (the program and tests)
 * @variant: PL080 or PL081
 * @sim_seed: the sim's seed (interrupt latencies, waits)
 * @mem_masters: platform mem_masters (0: AHB1; 3 on the PL080: read on AHB1, write on AHB2)
 * @mem_waits: wait states of the memories
 * @mem_size: bytes of "ram" (and "ram2") at HX_DMATEST_RIG_RAM (default 1 MB)
 * @memcpy_burst, @memcpy_width: the platform's (default 4 and 4)
 * @preempt_percent, @mmio_jitter: the sim's (hx_sim_config), to vary the interleaving by seed
 */
typedef struct hx_dmatest_rig_config {
	enum pl08x_variant variant;
	uint64_t sim_seed;
	unsigned mem_masters, mem_waits;
	uint32_t mem_size;
	unsigned memcpy_burst, memcpy_width;
	unsigned preempt_percent, mmio_jitter;
} hx_dmatest_rig_config;

#define HX_DMATEST_RIG_RAM 0x10000000u
#define HX_DMATEST_RIG_LLI 0x20000000u
/* An ERROR region (reads and writes) of 4 KB on AHB1 */
#define HX_DMATEST_RIG_ERR 0x30000000u

/**
 * struct hx_dmatest_rig - the system: a sim, memories, the harness osal port, the driver
 * @cfg: how it was made (defaults filled in)
 * @sim, @od, @d: its parts; the sim's interrupt handler calls dmac_irq(@d)
 */
typedef struct hx_dmatest_rig {
	hx_dmatest_rig_config cfg;
	hx_sim *sim;
	struct osal_dev *od;
	struct dmac_dev *d;
} hx_dmatest_rig;

/**
 * hx_dmatest_rig_create - a sim with "ram" at HX_DMATEST_RIG_RAM on AHB1 (and "ram2" at the
 *   same address on AHB2 when @mem_masters has bit 1), an LLI pool at HX_DMATEST_RIG_LLI on
 *   AHB1, an ERROR region, MMIO 4 cycles, interrupt latency 10, and the driver initialised
 * @cfg: the system
 * @err, @err_size: a message on failure
 * Return: the rig, or NULL.
 */
hx_dmatest_rig *hx_dmatest_rig_create(const hx_dmatest_rig_config *cfg, char *err, size_t err_size);
/** hx_dmatest_rig_destroy - free it (NULL accepted) */
void hx_dmatest_rig_destroy(hx_dmatest_rig *r);
/**
 * hx_dmatest_rig_defaults - fill the memory fields of @cfg that are zero for @r: source and
 *   destination halves of "ram" (destination on "ram2" when the rig has it)
 */
void hx_dmatest_rig_defaults(const hx_dmatest_rig *r, hx_dmatest_config *cfg);

#endif
