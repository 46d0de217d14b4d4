/* dmatest.c - Linux dmatest for the driver core on the model; see dmatest.h for what it does,
 * the buffer patterns and the scheduling of the logical threads. */
#include "dmatest.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers and patterns ------------------------------------------------------------ */

static uint64_t hx_dt_next(uint64_t *st)
{
	uint64_t z = (*st += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A value in [0, n) (n > 0); the modulo bias is irrelevant for a test generator */
static uint64_t hx_dt_below(uint64_t *st, uint64_t n)
{
	return hx_dt_next(st) % n;
}

/* The five position bits of block byte @k for @salt: a hash, so no shift of a block matches */
static uint8_t hx_dt_pos(uint32_t salt, uint32_t k)
{
	uint32_t x = (k + 1u) * 0x9e3779b1u ^ salt;

	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return (uint8_t)(x & HX_DMATEST_PAT_POS_MASK);
}

/* ---- the run -------------------------------------------------------------------------------- */

enum hx_dt_state { HX_DT_READY, HX_DT_WAITING, HX_DT_DONE };

/* One logical thread */
struct hx_dt_thread {
	struct hx_dt_run *run;
	unsigned id;
	struct dmac_chan *c;
	hx_dmatest_thread_result *res;
	uint64_t rng;
	enum hx_dt_state state;
	bool in_test;            /* a test was started and has not been finished */
	enum hx_dmatest_fail_kind fail;   /* decided while waiting (timeout, aborted) */
	bool cb_seen;
	enum dmac_result_code cb_result;
	uint32_t cb_residue;
	uint64_t deadline;
	dmac_cookie cookie;
	unsigned long test;
	uint32_t src_off, dst_off, len, salt_s, salt_d;
	uint32_t src_block, dst_block;   /* bus addresses of the blocks (guard before first) */
	uint8_t *src_mem, *dst_mem;      /* the blocks through the backdoor */
};

struct hx_dt_run {
	hx_sim *s;
	struct dmac_dev *d;
	hx_dmatest_config c;
	hx_dmatest_result *res;
	uint32_t block;                  /* bytes checked per block: guard + max_len + guard */
	uint64_t start;
	uint64_t sched;                  /* the scheduler's stream */
	unsigned n;
	struct hx_dt_thread t[HX_DMATEST_MAX_THREADS];
	struct dmac_chan *chan[DMAC_MAX_VCHANS];
	unsigned long events, events_mark;   /* callbacks seen; the value a wait started with */
	uint64_t wait_deadline;
};

static void hx_dt_failure(struct hx_dt_thread *t, enum hx_dmatest_fail_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Count and report a failed test of @t */
static void hx_dt_failure(struct hx_dt_thread *t, enum hx_dmatest_fail_kind kind, const char *fmt, ...)
{
	hx_dmatest_result *r = t->run->res;
	char msg[HX_DMATEST_MSG];
	int n;
	va_list ap;

	n = snprintf(msg, sizeof(msg), "%s: test #%lu: ", t->res->name, t->test);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	t->res->failures++;
	r->failures++;
	switch (kind) {
	case HX_DMATEST_F_TIMEOUT: r->timeouts++; break;
	case HX_DMATEST_F_ABORTED: r->aborted++; break;
	case HX_DMATEST_F_BUS_ERROR: r->bus_errors++; break;
	case HX_DMATEST_F_DATA: r->data_errors++; break;
	default: r->prep_errors++; break;
	}
	if (r->first_kind == HX_DMATEST_F_NONE) {
		r->first_kind = kind;
		snprintf(r->first_failure, sizeof(r->first_failure), "%s", msg);
	}
	if (t->run->c.log)
		t->run->c.log(t->run->c.ctx, msg);
}

static void hx_dt_callback(void *arg, const struct dmac_result *res)
{
	struct hx_dt_thread *t = arg;

	t->cb_seen = true;
	t->cb_result = res->result;
	t->cb_residue = res->residue;
	t->run->events++;
}

static void hx_dt_event(const struct hx_dt_thread *t, enum hx_dmatest_hook_at at)
{
	const struct hx_dt_run *run = t->run;
	uint32_t g = run->c.guard;
	hx_dmatest_event ev = {
		.thread = t->id, .test = t->test,
		.src = t->src_block + g + t->src_off, .dst = t->dst_block + g + t->dst_off,
		.src_block = t->src_block, .dst_block = t->dst_block,
		.src_off = t->src_off, .dst_off = t->dst_off, .len = t->len,
		.cycle = hx_sim_cycle(run->s),
	};

	if (run->c.hook)
		run->c.hook(run->c.ctx, at, &ev);
}

/* What source block byte @k must hold */
static uint8_t hx_dt_src_byte(const struct hx_dt_thread *t, uint32_t k)
{
	uint32_t from = t->run->c.guard + t->src_off;
	bool copy = k >= from && k - from < t->len;

	return (uint8_t)(HX_DMATEST_PAT_SRC | (copy ? HX_DMATEST_PAT_COPY : 0u) | hx_dt_pos(t->salt_s, k));
}

/* What destination block byte @k must hold after the copy (@copied) or before it */
static uint8_t hx_dt_dst_byte(const struct hx_dt_thread *t, uint32_t k, bool copied)
{
	uint32_t to = t->run->c.guard + t->dst_off;
	bool in = k >= to && k - to < t->len;

	if (in && copied)
		return hx_dt_src_byte(t, k - to + t->run->c.guard + t->src_off);
	return (uint8_t)(HX_DMATEST_PAT_DST | (in ? HX_DMATEST_PAT_OVERWRITE : 0u) | hx_dt_pos(t->salt_d, k));
}

/* Where block byte @k is: @name gets "dst[0x47]" or "src guard after[0x2]", @note "in copy +0x40; "
 * or "outside the copy; " for a buffer byte, "" for a guard byte */
static void hx_dt_where(const struct hx_dt_thread *t, bool dst, uint32_t k, char *name, size_t nsize,
			char *note, size_t tsize)
{
	const hx_dmatest_config *c = &t->run->c;
	const char *buf = dst ? "dst" : "src";
	uint32_t off = dst ? t->dst_off : t->src_off;

	note[0] = '\0';
	if (k < c->guard) {
		snprintf(name, nsize, "%s guard before[0x%" PRIx32 "]", buf, k);
	} else if (k - c->guard >= c->max_len) {
		snprintf(name, nsize, "%s guard after[0x%" PRIx32 "]", buf, k - c->guard - c->max_len);
	} else {
		snprintf(name, nsize, "%s[0x%" PRIx32 "]", buf, k - c->guard);
		if (k - c->guard >= off && k - c->guard - off < t->len)
			snprintf(note, tsize, "in copy +0x%" PRIx32 "; ", k - c->guard - off);
		else
			snprintf(note, tsize, "outside the copy; ");
	}
}

/* The CPU's time for touching @bytes of buffers: one interrupt point per KiB */
static void hx_dt_cpu(struct hx_dt_run *run, uint64_t bytes)
{
	uint64_t per = run->c.cpu_cycles_per_kib;

	for (; per && bytes; bytes -= bytes > 1024 ? 1024 : bytes)
		hx_sim_cpu_delay(run->s, bytes >= 1024 ? per : (per * bytes + 1023) / 1024);
}

/* Check both blocks; a failure names the first bad byte (source first, as Linux) */
static bool hx_dt_verify(struct hx_dt_thread *t)
{
	uint32_t bad = 0, first = 0;
	bool first_dst = false;
	uint8_t want = 0, got = 0;
	char where[64], note[64];

	for (uint32_t k = 0; k < t->run->block; k++) {
		uint8_t e = hx_dt_src_byte(t, k);

		if (t->src_mem[k] != e && !bad++) {
			first = k;
			want = e;
			got = t->src_mem[k];
		}
	}
	for (uint32_t k = 0; k < t->run->block; k++) {
		uint8_t e = hx_dt_dst_byte(t, k, true);

		if (t->dst_mem[k] != e && !bad++) {
			first = k;
			first_dst = true;
			want = e;
			got = t->dst_mem[k];
		}
	}
	hx_dt_cpu(t->run, 2ull * t->run->block);
	if (!bad)
		return true;
	hx_dt_where(t, first_dst, first, where, sizeof(where), note, sizeof(note));
	hx_dt_failure(t, HX_DMATEST_F_DATA,
		      "%s expected 0x%02x, got 0x%02x (%ssrc_off=0x%" PRIx32 " dst_off=0x%" PRIx32
		      " len=0x%" PRIx32 "; %" PRIu32 " bad byte%s)",
		      where, want, got, note, t->src_off, t->dst_off, t->len, bad, bad == 1 ? "" : "s");
	return false;
}

/* The end of @t's test: its failure or its check */
static void hx_dt_finish(struct hx_dt_thread *t)
{
	struct hx_dt_run *run = t->run;

	t->in_test = false;
	if (t->fail == HX_DMATEST_F_NONE) {
		bool ok = true;

		hx_dt_event(t, HX_DMATEST_AT_COMPLETE);
		if (t->cb_result != DMAC_RESULT_OK) {
			hx_dt_failure(t, HX_DMATEST_F_BUS_ERROR,
				      "bus error, residue %" PRIu32 " (src_off=0x%" PRIx32 " dst_off=0x%" PRIx32
				      " len=0x%" PRIx32 ")", t->cb_residue, t->src_off, t->dst_off, t->len);
			ok = false;
		} else if (!run->c.no_verify) {
			ok = hx_dt_verify(t);
		}
		if (ok) {
			t->res->bytes += t->len;
			run->res->bytes += t->len;
		}
	}
	t->res->cycles = hx_sim_cycle(run->s) - run->start;
}

/* Draw, fill, map, prepare, submit and issue @t's next test */
static void hx_dt_start(struct hx_dt_thread *t)
{
	struct hx_dt_run *run = t->run;
	const hx_dmatest_config *c = &run->c;
	uint32_t lo = (c->min_len + c->align - 1) & ~(c->align - 1), hi = c->max_len & ~(c->align - 1);
	osal_dma_addr src, dst;
	struct dmac_desc *desc;

	t->test++;
	t->res->tests++;
	run->res->tests++;
	t->len = lo + c->align * (uint32_t)hx_dt_below(&t->rng, (hi - lo) / c->align + 1u);
	t->src_off = c->align * (uint32_t)hx_dt_below(&t->rng, (c->max_len - t->len) / c->align + 1u);
	t->dst_off = c->align * (uint32_t)hx_dt_below(&t->rng, (c->max_len - t->len) / c->align + 1u);
	t->salt_s = (uint32_t)hx_dt_next(&t->rng);
	t->salt_d = (uint32_t)hx_dt_next(&t->rng);
	t->fail = HX_DMATEST_F_NONE;
	if (!c->no_verify)
		for (uint32_t k = 0; k < run->block; k++) {
			t->src_mem[k] = hx_dt_src_byte(t, k);
			t->dst_mem[k] = hx_dt_dst_byte(t, k, false);
		}
	if (!c->no_verify)
		hx_dt_cpu(run, 2ull * run->block);
	if (!osal_dma_map(run->d->od, t->src_block + c->guard + t->src_off, t->len, OSAL_DMA_TO_DEVICE, &src)) {
		hx_dt_failure(t, HX_DMATEST_F_MAP, "source mapping refused");
		return;
	}
	if (!osal_dma_map(run->d->od, t->dst_block + c->guard + t->dst_off, t->len, OSAL_DMA_FROM_DEVICE, &dst)) {
		osal_dma_unmap(run->d->od, src, t->len, OSAL_DMA_TO_DEVICE);
		hx_dt_failure(t, HX_DMATEST_F_MAP, "destination mapping refused");
		return;
	}
	desc = dmac_prep_memcpy(t->c, dst, src, t->len, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	if (!desc) {
		osal_dma_unmap(run->d->od, src, t->len, OSAL_DMA_TO_DEVICE);
		osal_dma_unmap(run->d->od, dst, t->len, OSAL_DMA_FROM_DEVICE);
		hx_dt_failure(t, HX_DMATEST_F_PREP, "prep error (src_off=0x%" PRIx32 " dst_off=0x%" PRIx32
			      " len=0x%" PRIx32 ")", t->src_off, t->dst_off, t->len);
		return;
	}
	dmac_desc_set_callback(desc, hx_dt_callback, t);
	/* the callback may come inside dmac_issue_pending() (an interrupt point after its last
	 * access), so the thread waits from before the submit */
	t->cb_seen = false;
	t->in_test = true;
	t->state = HX_DT_WAITING;
	t->cookie = dmac_submit(desc);
	dmac_issue_pending(t->c);
	t->deadline = hx_sim_cycle(run->s) + c->timeout;
	hx_dt_event(t, HX_DMATEST_AT_ISSUED);
}

/* One step of a READY thread: finish its last test, start the next or end */
static void hx_dt_step(struct hx_dt_thread *t)
{
	if (t->in_test)
		hx_dt_finish(t);
	if (t->test < t->run->c.iterations)
		hx_dt_start(t);
	else
		t->state = HX_DT_DONE;
}

/* @t's test timed out: fail it, stop its channel, fail the tests that stop dropped */
static void hx_dt_timeout(struct hx_dt_thread *t)
{
	struct hx_dt_run *run = t->run;

	t->fail = HX_DMATEST_F_TIMEOUT;
	t->state = HX_DT_READY;
	hx_dt_failure(t, HX_DMATEST_F_TIMEOUT, "timed out after %" PRIu64 " cycles (src_off=0x%" PRIx32
		      " dst_off=0x%" PRIx32 " len=0x%" PRIx32 ")", run->c.timeout, t->src_off, t->dst_off, t->len);
	dmac_terminate_all(t->c);
	for (unsigned i = 0; i < run->n; i++) {
		struct hx_dt_thread *u = &run->t[i];

		if (u != t && u->c == t->c && u->state == HX_DT_WAITING && !u->cb_seen) {
			u->fail = HX_DMATEST_F_ABORTED;
			u->state = HX_DT_READY;
			hx_dt_failure(u, HX_DMATEST_F_ABORTED, "aborted: channel terminated after %s timed out",
				      t->res->name);
		}
	}
	dmac_synchronize(t->c);
}

static bool hx_dt_woken(hx_sim *s, void *arg)
{
	const struct hx_dt_run *run = arg;

	return run->events != run->events_mark || hx_sim_cycle(s) >= run->wait_deadline;
}

/* The scheduler (dmatest.h, "Scheduling"); false when the sim failed */
static bool hx_dt_schedule(struct hx_dt_run *run)
{
	unsigned ready[HX_DMATEST_MAX_THREADS];

	for (;;) {
		unsigned nready = 0, nwait = 0;
		uint64_t earliest = UINT64_MAX, now;

		if (hx_sim_failed(run->s))
			return false;
		for (unsigned i = 0; i < run->n; i++) {
			struct hx_dt_thread *t = &run->t[i];

			if (t->state == HX_DT_WAITING && t->cb_seen)
				t->state = HX_DT_READY;
			if (t->state == HX_DT_READY)
				ready[nready++] = i;
			else if (t->state == HX_DT_WAITING) {
				nwait++;
				if (t->deadline < earliest)
					earliest = t->deadline;
			}
		}
		if (nready) {
			hx_dt_step(&run->t[ready[hx_dt_below(&run->sched, nready)]]);
			continue;
		}
		if (!nwait)
			return true;
		now = hx_sim_cycle(run->s);
		if (now >= earliest) {
			for (unsigned i = 0; i < run->n; i++) {
				struct hx_dt_thread *t = &run->t[i];

				if (t->state == HX_DT_WAITING && !t->cb_seen && t->deadline <= now)
					hx_dt_timeout(t);
			}
			continue;
		}
		/* Wait for a callback or the earliest deadline. The wait's own timeout is that
		 * deadline: hx_sim_wait_until() fast-forwards no further than it and looks at the
		 * predicate before its timeout, so the deadline ends the wait with true, not a
		 * failure of the sim. */
		run->events_mark = run->events;
		run->wait_deadline = earliest;
		if (!hx_sim_wait_until(run->s, hx_dt_woken, run, earliest - now, "dmatest"))
			return false;
	}
}

/* ---- configuration -------------------------------------------------------------------------- */

static void hx_dt_defaults(hx_dmatest_config *c)
{
	if (!c->channels)
		c->channels = 1;
	if (!c->threads)
		c->threads = 1;
	if (!c->iterations)
		c->iterations = 100;
	if (!c->min_len)
		c->min_len = 1;
	if (!c->max_len)
		c->max_len = 4096;
	if (!c->align)
		c->align = 1;
	if (c->no_guard)
		c->guard = 0;
	else if (!c->guard)
		c->guard = 16;
	if (!c->timeout)
		c->timeout = 1000000;
	if (!c->hclk_hz)
		c->hclk_hz = 100000000;
	if (c->cpu_free)
		c->cpu_cycles_per_kib = 0;
	else if (!c->cpu_cycles_per_kib)
		c->cpu_cycles_per_kib = 256;
}

static uint32_t hx_dt_round4(uint32_t x)
{
	return (x + 3u) & ~3u;
}

/* Check @run->c and place the blocks; false with the message in first_failure */
static bool hx_dt_place(struct hx_dt_run *run)
{
	const hx_dmatest_config *c = &run->c;
	hx_dmatest_result *r = run->res;
	hx_bus *b = hx_sim_bus(run->s);
	uint32_t lo = (c->min_len + c->align - 1) & ~(c->align - 1), hi = c->max_len & ~(c->align - 1);
	uint32_t pad = hx_dt_round4(c->guard), stride;
	uint64_t need;
	bool shared = c->src_master == c->dst_master && c->src_base == c->dst_base;

#define HX_DT_BAD(...) do { snprintf(r->first_failure, sizeof(r->first_failure), __VA_ARGS__); return false; } while (0)
	if (c->channels > DMAC_MAX_VCHANS)
		HX_DT_BAD("%u channels: at most %u", c->channels, DMAC_MAX_VCHANS);
	if ((uint64_t)c->channels * c->threads > HX_DMATEST_MAX_THREADS)
		HX_DT_BAD("%u x %u threads: at most %u", c->channels, c->threads, HX_DMATEST_MAX_THREADS);
	if (c->align & (c->align - 1) || c->align > 4096)
		HX_DT_BAD("alignment %" PRIu32 ": a power of two up to 4096", c->align);
	if (c->max_len > (1u << 24) || c->guard > (1u << 20))
		HX_DT_BAD("max_len %" PRIu32 " or guard %" PRIu32 " too large", c->max_len, c->guard);
	if (lo > hi || c->min_len > c->max_len)
		HX_DT_BAD("no length in [%" PRIu32 ", %" PRIu32 "] is a multiple of %" PRIu32,
			  c->min_len, c->max_len, c->align);
	run->n = c->channels * c->threads;
	run->block = c->guard + c->max_len + c->guard;
	stride = pad + hx_dt_round4(c->max_len) + pad;
	need = (uint64_t)stride * run->n * (shared ? 2u : 1u);
	if (need > c->src_size || (!shared && need > c->dst_size))
		HX_DT_BAD("%u blocks of %" PRIu32 " bytes do not fit the %s region (%" PRIu32 " bytes)",
			  run->n * (shared ? 2u : 1u), stride, need > c->src_size ? "source" : "destination",
			  need > c->src_size ? c->src_size : c->dst_size);
	if (!shared && c->src_master == c->dst_master &&
	    c->src_base < c->dst_base + (uint64_t)need && c->dst_base < c->src_base + (uint64_t)need)
		HX_DT_BAD("source and destination regions overlap");
	for (unsigned i = 0; i < run->n; i++) {
		struct hx_dt_thread *t = &run->t[i];
		uint32_t sb = c->src_base + i * stride;
		uint32_t db = shared ? c->src_base + (run->n + i) * stride : c->dst_base + i * stride;

		t->src_block = sb + pad - c->guard;
		t->dst_block = db + pad - c->guard;
		t->src_mem = hx_bus_mem_bytes(b, c->src_master, t->src_block, run->block);
		t->dst_mem = hx_bus_mem_bytes(b, c->dst_master, t->dst_block, run->block);
		/* with no_verify no byte is touched: the blocks may be anywhere (an ERROR region) */
		if (!c->no_verify && (!t->src_mem || !t->dst_mem))
			HX_DT_BAD("block 0x%" PRIx32 "+%" PRIu32 " is not in a memory of master %u",
				  t->src_mem ? t->dst_block : t->src_block, run->block,
				  t->src_mem ? c->dst_master : c->src_master);
	}
#undef HX_DT_BAD
	return true;
}

static void hx_dt_figures(hx_dmatest_result *r)
{
	double secs = r->cycles ? (double)r->cycles / (double)r->hclk_hz : 0.0;

	r->tests_per_s = secs > 0 ? (double)r->tests / secs : 0.0;
	r->mb_per_s = secs > 0 ? (double)r->bytes / secs / 1e6 : 0.0;
	r->kb_per_s = secs > 0 ? (double)r->bytes / secs / 1024.0 : 0.0;
}

int hx_dmatest_run(hx_sim *sim, struct dmac_dev *d, const hx_dmatest_config *cfg, hx_dmatest_result *res)
{
	struct hx_dt_run *run = calloc(1, sizeof(*run));
	int status = HX_DMATEST_PASS;
	unsigned got = 0;

	memset(res, 0, sizeof(*res));
	if (!run) {
		snprintf(res->first_failure, sizeof(res->first_failure), "out of memory");
		return HX_DMATEST_EINVAL;
	}
	run->s = sim;
	run->d = d;
	run->c = *cfg;
	run->res = res;
	hx_dt_defaults(&run->c);
	res->hclk_hz = run->c.hclk_hz;
	if (!hx_dt_place(run)) {
		free(run);
		return HX_DMATEST_EINVAL;
	}
	for (; got < run->c.channels; got++) {
		run->chan[got] = dmac_request_memcpy(d);
		if (!run->chan[got]) {
			snprintf(res->first_failure, sizeof(res->first_failure),
				 "dmac_request_memcpy() gave no channel %u", got);
			status = HX_DMATEST_ESIM;
			break;
		}
	}
	run->sched = run->c.seed ^ 0x5ced5ced5ced5cedull;
	res->n_threads = run->n;
	for (unsigned i = 0; i < run->n; i++) {
		struct hx_dt_thread *t = &run->t[i];

		t->run = run;
		t->id = i;
		t->res = &res->thread[i];
		t->res->chan = i / run->c.threads;
		t->res->index = i % run->c.threads;
		snprintf(t->res->name, sizeof(t->res->name), "dma0chan%u-copy%u", t->res->chan, t->res->index);
		t->c = run->chan[t->res->chan];
		/* its own stream: what it tests does not depend on the interleaving */
		t->rng = run->c.seed * 0x100000001b3ull + i + 1;
		hx_dt_next(&t->rng);
		t->state = HX_DT_READY;
	}
	run->start = hx_sim_cycle(sim);
	if (status == HX_DMATEST_PASS && !hx_dt_schedule(run)) {
		snprintf(res->first_failure, sizeof(res->first_failure), "the sim failed: %s", hx_sim_failure(sim));
		res->first_kind = HX_DMATEST_F_NONE;
		status = HX_DMATEST_ESIM;
	}
	res->cycles = hx_sim_cycle(sim) - run->start;
	for (unsigned i = 0; i < got; i++)
		dmac_release_chan(run->chan[i]);
	hx_dt_figures(res);
	if (status == HX_DMATEST_PASS && res->failures)
		status = HX_DMATEST_FAIL;
	free(run);
	return status;
}

void hx_dmatest_summary(const hx_dmatest_result *res, const hx_dmatest_thread_result *t, int status,
			char *buf, size_t size)
{
	unsigned long tests = t ? t->tests : res->tests, fails = t ? t->failures : res->failures;
	uint64_t bytes = t ? t->bytes : res->bytes, cycles = t ? t->cycles : res->cycles;
	double secs = (double)cycles / (double)res->hclk_hz;
	double iops = cycles ? (double)tests / secs : 0.0;
	double kbs = cycles ? (double)bytes / secs / 1024.0 : 0.0;

	snprintf(buf, size, "%s: summary %lu tests, %lu failures %.2f iops %.0f KB/s (%d)",
		 t ? t->name : "total", tests, fails, iops, kbs, t ? 0 : status);
}

/* ---- the rig -------------------------------------------------------------------------------- */

static void hx_dt_rig_irq(hx_sim *s, void *arg)
{
	hx_dmatest_rig *r = arg;

	(void)s;
	dmac_irq(r->d);
}

hx_dmatest_rig *hx_dmatest_rig_create(const hx_dmatest_rig_config *cfg, char *err, size_t err_size)
{
	hx_dmatest_rig *r = calloc(1, sizeof(*r));
	hx_sim_config sc = { 0 };
	struct dmac_platform pf = { 0 };
	osal_hx_config pc = { .lli_master = 0, .lli_base = HX_DMATEST_RIG_LLI, .lli_size = 0x10000 };
	hx_bus *b;
	const char *why = NULL;

	if (!r) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	r->cfg = *cfg;
	if (!r->cfg.mem_masters)
		r->cfg.mem_masters = 1;
	if (!r->cfg.mem_size)
		r->cfg.mem_size = 0x100000;
	if (!r->cfg.memcpy_burst)
		r->cfg.memcpy_burst = 4;
	if (!r->cfg.memcpy_width)
		r->cfg.memcpy_width = 4;
	sc = (hx_sim_config){ .variant = cfg->variant, .seed = cfg->sim_seed, .mmio_cycles = 4,
			      .irq_latency_min = 10, .irq_latency_max = 10, .irq_latency_fixed = true,
			      .preempt_percent = cfg->preempt_percent, .mmio_jitter = cfg->mmio_jitter };
	pf = (struct dmac_platform){
		.variant = cfg->variant == PL08X_VARIANT_PL081 ? DMAC_PL081 : DMAC_PL080,
		.lli_master = 0, .mem_masters = r->cfg.mem_masters,
		.memcpy_burst = r->cfg.memcpy_burst, .memcpy_width = r->cfg.memcpy_width,
	};
	r->sim = hx_sim_create(&sc);
	if (!r->sim) {
		why = "out of memory";
		goto fail;
	}
	b = hx_sim_bus(r->sim);
	for (unsigned m = 0; m < 2; m++)
		if ((r->cfg.mem_masters & (1u << m)) &&
		    hx_bus_add_mem(b, m ? "ram2" : "ram", m, HX_DMATEST_RIG_RAM, r->cfg.mem_size, false,
				   hx_bus_waits_fixed(r->cfg.mem_waits)) < 0) {
			why = hx_bus_error(b);
			goto fail;
		}
	if (hx_bus_add_mem(b, "lli", 0, HX_DMATEST_RIG_LLI, 0x10000, false, hx_bus_waits_fixed(0)) < 0 ||
	    hx_bus_add_error(b, "err", 0, HX_DMATEST_RIG_ERR, 0x1000, true, true, hx_bus_waits_fixed(0)) < 0) {
		why = hx_bus_error(b);
		goto fail;
	}
	r->od = osal_hx_create(r->sim, &pc);
	if (!r->od) {
		why = hx_sim_failure(r->sim);
		goto fail;
	}
	r->d = calloc(1, sizeof(*r->d));
	if (!r->d) {
		why = "out of memory";
		goto fail;
	}
	if (dmac_init(r->d, r->od, &pf) != DMAC_OK) {
		why = "dmac_init() refused the platform (PL081: one master only)";
		goto fail;
	}
	hx_sim_set_irq_handler(r->sim, hx_dt_rig_irq, r);
	return r;
fail:
	snprintf(err, err_size, "%s", why ? why : "?");
	hx_dmatest_rig_destroy(r);
	return NULL;
}

void hx_dmatest_rig_destroy(hx_dmatest_rig *r)
{
	if (!r)
		return;
	free(r->d);
	osal_hx_destroy(r->od);
	hx_sim_destroy(r->sim);
	free(r);
}

void hx_dmatest_rig_defaults(const hx_dmatest_rig *r, hx_dmatest_config *cfg)
{
	bool two = r->cfg.mem_masters & 2u;
	uint32_t half = r->cfg.mem_size / 2;

	if (cfg->src_size || cfg->dst_size)
		return;
	cfg->src_master = 0;
	cfg->src_base = HX_DMATEST_RIG_RAM;
	cfg->dst_master = two ? 1 : 0;
	if (two) {
		cfg->src_size = cfg->dst_size = r->cfg.mem_size;
		cfg->dst_base = HX_DMATEST_RIG_RAM;
	} else {
		cfg->src_size = cfg->dst_size = half;
		cfg->dst_base = HX_DMATEST_RIG_RAM + half;
	}
}
