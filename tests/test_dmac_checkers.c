/* The lock and DMA-API checkers (driver/port/hx/hx_checkers.h) on the real driver core: the
 * scenarios of chk_scen.h give no report (tests/checkers/test_dmac_bugs.c shows each broken
 * variant reported on the same scenario), a 200-seed sweep of re-entry and terminate gives none;
 * each check on the port's own calls without the driver (order cycles, same-class nesting,
 * unmap mistakes, sync for the CPU, peripheral windows, stray beats); hooks and beat observers
 * that share the port and the sim; the report text.
 */
#include "chk_scen.h"
#include "../driver/src/dmac_priv.h"

TestSuite(dmac_checkers, .timeout = 60);

static void expect_none(chk_fx *x)
{
	cr_assert_eq(hx_checkers_total(x->chk), 0, "%s", chk_text(x));
	cr_assert_not(hx_sim_failed(x->f->sim), "%s", hx_sim_failure(x->f->sim));
}

/* ---- the scenarios of the bug tests, on the real driver ---------------------------------------- */

Test(dmac_checkers, clean_memcpy_scenario_gives_no_report)
{
	for (int read = 0; read < 2; read++) {
		chk_fx x = chk_create(&(dfx_opts){ 0 });

		chk_scen_memcpy(&x, read);
		expect_none(&x);
		dfx_no_leaks(x.f);
		chk_destroy(&x);
	}
}

Test(dmac_checkers, clean_terminate_scenario_gives_no_report)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });

	chk_scen_terminate(&x);
	expect_none(&x);
	dfx_no_leaks(x.f);
	chk_destroy(&x);
}

Test(dmac_checkers, clean_pause_scenario_gives_no_report)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });

	chk_scen_pause(&x);
	expect_none(&x);
	dfx_no_leaks(x.f);
	chk_destroy(&x);
}

/* A slave transfer: the peripheral window is not memory and needs no mapping */
Test(dmac_checkers, slave_transfer_to_a_mapped_buffer_gives_no_report)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	dfx *f = x.f;
	const uint32_t buf = DFX_RAM + 0x800, len = 300;
	struct dmac_chan *c;
	struct dmac_slave_config cfg = { .src_addr = DFX_PERIPH + 0x300, .src_width = 1, .src_maxburst = 4,
					 .dst_width = 1, .dst_maxburst = 1 };
	chk_cb cb = { &x, 0, 0, 0 };
	struct dmac_desc *d;

	dfx_fifo(f, 3, 1, HX_PERIPH_TO_MEMORY, 1, 16, 3, 4, len, 42);
	c = dmac_request_slave(f->d, 3, 1);
	cr_assert_eq(dmac_slave_config(c, &cfg), DMAC_OK);
	d = dmac_prep_slave_sg(c, &(struct dmac_sg){ dfx_map(f, buf, len, OSAL_DMA_FROM_DEVICE), len }, 1,
			       DMAC_DEV_TO_MEM, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	dmac_desc_set_callback(d, chk_cb_fn, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 100000);
	/* the client owns slave buffers: reading before its unmap is the bug, after it is fine */
	hx_checkers_cpu_read(x.chk, buf + 10, 4);
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_DMA_CPU_READ), 1, "%s", chk_text(&x));
	osal_dma_unmap(f->od, buf, len, OSAL_DMA_FROM_DEVICE);
	hx_checkers_cpu_read(x.chk, buf, len);
	dmac_release_chan(c);
	hx_checkers_finish(x.chk);
	cr_assert_eq(hx_checkers_total(x.chk), 1, "%s", chk_text(&x));
	cr_assert(strstr(hx_checkers_get(x.chk, 0)->text, "CPU read of 0x1000080a+4: byte 0x1000080a was written"),
		  "%s", chk_text(&x));
	chk_destroy(&x);
}

/* A cyclic receive buffer stays mapped: the client syncs each period before reading it */
typedef struct cyc_client {
	chk_fx *x;
	uint32_t buf, period, nperiods;
	unsigned calls;
	bool sync;
} cyc_client;

static void cyc_period(void *arg, const struct dmac_result *r)
{
	cyc_client *cc = arg;
	uint32_t at = cc->buf + (cc->calls % cc->nperiods) * cc->period;

	(void)r;
	cc->calls++;
	if (cc->sync)
		osal_dma_sync_for_cpu(cc->x->f->od, at, cc->period, OSAL_DMA_FROM_DEVICE);
	hx_checkers_cpu_read(cc->x->chk, at, cc->period);
	if (cc->sync)
		osal_dma_sync_for_device(cc->x->f->od, at, cc->period, OSAL_DMA_FROM_DEVICE);
}

static unsigned cyclic_reports(bool sync)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	dfx *f = x.f;
	cyc_client cc = { &x, DFX_RAM + 0x2000, 64, 4, 0, sync };
	struct dmac_slave_config cfg = { .src_addr = DFX_PERIPH + 0x300, .src_width = 1, .src_maxburst = 4,
					 .dst_width = 1, .dst_maxburst = 1 };
	struct dmac_chan *c;
	struct dmac_desc *d;
	unsigned long n;

	dfx_fifo(f, 3, 1, HX_PERIPH_TO_MEMORY, 1, 16, 3, 4, 0, 5);
	c = dmac_request_slave(f->d, 3, 1);
	cr_assert_eq(dmac_slave_config(c, &cfg), DMAC_OK);
	d = dmac_prep_cyclic(c, dfx_map(f, cc.buf, 256, OSAL_DMA_FROM_DEVICE), 256, 64, DMAC_DEV_TO_MEM,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	dmac_desc_set_callback(d, cyc_period, &cc);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cc.calls, 6, 200000);
	dmac_terminate_all(c);
	dmac_release_chan(c);
	osal_dma_unmap(f->od, cc.buf, 256, OSAL_DMA_FROM_DEVICE);
	hx_checkers_finish(x.chk);
	n = hx_checkers_total(x.chk);
	if (!sync)
		cr_assert_eq(n, hx_checkers_count(x.chk, HX_CHK_DMA_CPU_READ), "%s", chk_text(&x));
	chk_destroy(&x);
	return (unsigned)n;
}

Test(dmac_checkers, cyclic_reads_need_sync_for_cpu)
{
	cr_assert_eq(cyclic_reports(true), 0);
	/* one report for the one mapping, however many periods were read */
	cr_assert_eq(cyclic_reports(false), 1);
}

/* ---- a seeded sweep of re-entry and terminate on the real driver --------------------------------- */

/*
 * Per seed, on a PL081 (2 physical channels) with seeded preemption and MMIO jitter: three memcpy
 * clients. "a" resubmits from its callback a seeded number of times; "b" resubmits too and, at a
 * seeded completion, terminates "x" from its callback; "x" queues four copies at once and
 * terminates itself from its second callback; the thread pauses and resumes "a", asks statuses,
 * terminates everything at a seeded moment, and releases the channels. Every buffer is mapped
 * by the client and unmapped by the driver; callbacks read their destination.
 */
typedef struct sweep sweep;
typedef struct sweep_client {
	sweep *s;
	struct dmac_chan *c;
	unsigned calls, chain, kill_at;
	struct sweep_client *victim;
	bool self_kill;
} sweep_client;

struct sweep {
	chk_fx *x;
	uint64_t rng;
	uint32_t next;          /* bump allocator in "ram" */
	sweep_client a, b, v;
};

static uint32_t sweep_rand(sweep *s, uint32_t n)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	return (uint32_t)(s->rng % n);
}

static void sweep_done(void *arg, const struct dmac_result *r);

/* Prepare, submit (and issue, when @issue) one copy of a seeded length on @cl's channel (set up
 * @cl's role first) */
static void sweep_copy(sweep_client *cl, bool issue)
{
	sweep *s = cl->s;
	dfx *f = s->x->f;
	/* the victim's copies are long, so that a terminate lands in the middle of its queue */
	uint32_t len = cl->victim || !cl->self_kill ? 4 + sweep_rand(s, 400) : 1000 + sweep_rand(s, 3000);
	uint32_t src = s->next + sweep_rand(s, 4), dst = src + len + 8 + sweep_rand(s, 4);
	struct dmac_desc *d;

	s->next = (dst + len + 64) & ~31u;
	if (s->next + 8192 > DFX_RAM + DFX_RAM_SIZE)
		s->next = DFX_RAM;
	d = dmac_prep_memcpy(cl->c, dfx_map(f, dst, len, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, src, len, OSAL_DMA_TO_DEVICE), len,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	/* The destination is read in the callback: the argument carries it in the client */
	dmac_desc_set_callback(d, sweep_done, cl);
	cr_assert_gt(dmac_submit(d), 0);
	if (issue)
		dmac_issue_pending(cl->c);
	(void)dst;
}

static void sweep_done(void *arg, const struct dmac_result *r)
{
	sweep_client *cl = arg;
	uint32_t res;

	(void)r;
	cl->calls++;
	/* the finished copy's buffers are unmapped: reading any RAM is fine as long as no live
	 * mapping holds unsynced DMAC data, which the checker decides */
	(void)dmac_tx_status(cl->c, 1, &res);
	if (cl->victim && cl->calls == cl->kill_at)
		dmac_terminate_all(cl->victim->c);
	if (cl->self_kill && cl->calls == 2) {
		dmac_terminate_all(cl->c);
		return;
	}
	if (cl->calls < cl->chain)
		sweep_copy(cl, true);
}

static bool sweep_settled(hx_sim *sim, void *arg)
{
	sweep *s = arg;

	(void)sim;
	return s->a.calls >= s->a.chain && s->b.calls >= s->b.chain;
}

/* What the sweep went through, over all seeds (so that it cannot pass by doing nothing) */
typedef struct sweep_totals {
	unsigned long callbacks, victims_cut, thread_kills, pauses;
} sweep_totals;

static void sweep_one(uint64_t seed, sweep_totals *t)
{
	chk_fx x = chk_create(&(dfx_opts){ .variant = PL08X_VARIANT_PL081, .seed = seed,
					   .preempt_percent = 30, .mmio_jitter = 3 });
	sweep s = { .x = &x, .rng = seed * 0x9E3779B97F4A7C15ull + 1, .next = DFX_RAM };
	sweep_client *all[3] = { &s.a, &s.b, &s.v };

	for (unsigned i = 0; i < 3; i++) {
		all[i]->s = &s;
		all[i]->c = dmac_request_memcpy(x.f->d);
		cr_assert_not_null(all[i]->c);
	}
	s.a.chain = 2 + sweep_rand(&s, 6);
	s.b.chain = 2 + sweep_rand(&s, 4);
	s.b.victim = &s.v;
	s.b.kill_at = 1 + sweep_rand(&s, s.b.chain);
	s.v.self_kill = true;
	s.v.chain = 1;
	for (unsigned i = 0; i < 4; i++)
		sweep_copy(&s.v, false);
	dmac_issue_pending(s.v.c);
	sweep_copy(&s.a, true);
	sweep_copy(&s.b, true);

	hx_sim_cpu_delay(x.f->sim, sweep_rand(&s, 400));
	if (sweep_rand(&s, 2)) {
		t->pauses++;
		dmac_pause(s.a.c);
		hx_sim_cpu_delay(x.f->sim, sweep_rand(&s, 100));
		dmac_resume(s.a.c);
	}
	if (sweep_rand(&s, 3) == 0) {
		/* a thread-side terminate at a seeded moment ends a's chain early */
		dmac_terminate_all(s.a.c);
		s.a.chain = s.a.calls;
		t->thread_kills++;
	}
	cr_assert(hx_sim_wait_until(x.f->sim, sweep_settled, &s, 2000000, "sweep"), "seed %llu: %s",
		  (unsigned long long)seed, hx_sim_failure(x.f->sim));
	for (unsigned i = 0; i < 3; i++)
		dmac_release_chan(all[i]->c);
	t->callbacks += s.a.calls + s.b.calls + s.v.calls;
	t->victims_cut += s.v.calls < 2;
	hx_checkers_finish(x.chk);
	cr_assert_eq(hx_checkers_total(x.chk), 0, "seed %llu:\n%s", (unsigned long long)seed, chk_text(&x));
	cr_assert_not(hx_sim_failed(x.f->sim), "seed %llu: %s", (unsigned long long)seed,
		      hx_sim_failure(x.f->sim));
	dfx_no_leaks(x.f);
	chk_destroy(&x);
}

Test(dmac_checkers, sweep_of_200_seeds_of_reentry_and_terminate_gives_no_report)
{
	sweep_totals t = { 0 };

	for (uint64_t seed = 1; seed <= 200; seed++)
		sweep_one(seed, &t);
	cr_log_info("sweep: %lu callbacks, %lu victims cut by another channel's callback, %lu thread "
		    "terminates, %lu pauses", t.callbacks, t.victims_cut, t.thread_kills, t.pauses);
	cr_assert_gt(t.callbacks, 1000);
	cr_assert_gt(t.victims_cut, 20);
	cr_assert_gt(t.thread_kills, 20);
	cr_assert_gt(t.pauses, 50);
}

/* ---- each check on the port's calls, without the driver ---------------------------------------- */

Test(dmac_checkers, order_cycle_of_three_classes_is_reported_with_its_path)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	struct osal_lock a, b, cl;
	osal_irqflags f1, f2;

	osal_lock_init(x.f->od, &a, "A");
	osal_lock_init(x.f->od, &b, "B");
	osal_lock_init(x.f->od, &cl, "C");
	struct osal_lock *order[3][2] = { { &a, &b }, { &b, &cl }, { &cl, &a } };
	for (unsigned i = 0; i < 3; i++) {
		cr_assert_eq(hx_checkers_total(x.chk), 0, "%s", chk_text(&x));
		osal_lock_irqsave(order[i][0], &f1);
		osal_lock_irqsave(order[i][1], &f2);
		osal_unlock_irqrestore(order[i][1], f2);
		osal_unlock_irqrestore(order[i][0], f1);
	}
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_LOCK_ORDER), 1, "%s", chk_text(&x));
	cr_assert(strstr(hx_checkers_get(x.chk, 0)->text,
			 "lock 'A' taken while holding 'C', but the order 'A' -> 'B' -> 'C' was seen before"),
		  "%s", chk_text(&x));
	/* the same inversion again: one report, two hits */
	osal_lock_irqsave(&cl, &f1);
	osal_lock_irqsave(&a, &f2);
	osal_unlock_irqrestore(&a, f2);
	osal_unlock_irqrestore(&cl, f1);
	cr_assert_eq(hx_checkers_total(x.chk), 1, "%s", chk_text(&x));
	chk_destroy(&x);
}

Test(dmac_checkers, two_locks_of_one_class_at_once_and_a_release_out_of_order)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	struct osal_lock *v1 = &x.f->d->chans[0].lock, *v2 = &x.f->d->chans[1].lock;
	osal_irqflags f1, f2;

	osal_lock_irqsave(v1, &f1);
	osal_lock_irqsave(v2, &f2);
	/* released first-in first-out, each with its own flags: the interrupt stays masked until
	 * the last release, so no lock is held with it enabled */
	osal_unlock_irqrestore(v1, f2);
	osal_unlock_irqrestore(v2, f1);
	cr_assert_eq(hx_checkers_total(x.chk), 1, "%s", chk_text(&x));
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_LOCK_ORDER), 1);
	cr_assert(strstr(chk_text(&x), "lock 'vchan' taken while another 'vchan' lock is held"), "%s",
		  chk_text(&x));
	chk_destroy(&x);
}

Test(dmac_checkers, may_sleep_in_deferred_work_and_callback_with_the_interrupt_masked)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	unsigned long fl;

	osal_might_sleep(x.f->od, "fine_here");
	cr_assert_eq(hx_checkers_total(x.chk), 0);
	fl = hx_sim_irq_save(x.f->sim);
	osal_might_sleep(x.f->od, "masked");
	osal_callback_begin(x.f->od, NULL);
	osal_callback_end(x.f->od, NULL);
	hx_sim_irq_restore(x.f->sim, fl);
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_SLEEP_IN_ATOMIC), 1, "%s", chk_text(&x));
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_CALLBACK_UNDER_LOCK), 1, "%s", chk_text(&x));
	cr_assert(strstr(chk_text(&x), "masked() may sleep, called with the interrupt masked"), "%s", chk_text(&x));
	cr_assert(strstr(chk_text(&x), "a client callback called with the interrupt masked"), "%s", chk_text(&x));
	chk_destroy(&x);
}

Test(dmac_checkers, unmap_mistakes_and_leaks_are_told_apart)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	struct osal_dev *od = x.f->od;
	const hx_chk_report *r;

	dfx_map(x.f, DFX_RAM, 64, OSAL_DMA_TO_DEVICE);
	dfx_map(x.f, DFX_RAM + 0x100, 32, OSAL_DMA_FROM_DEVICE);
	osal_dma_unmap(od, DFX_RAM, 64, OSAL_DMA_FROM_DEVICE);          /* wrong direction */
	osal_dma_unmap(od, DFX_RAM, 64, OSAL_DMA_TO_DEVICE);            /* right */
	osal_dma_unmap(od, DFX_RAM, 64, OSAL_DMA_TO_DEVICE);            /* double */
	osal_dma_unmap(od, DFX_RAM + 0x900, 8, OSAL_DMA_TO_DEVICE);     /* never mapped */
	hx_checkers_finish(x.chk);
	hx_checkers_finish(x.chk);                                      /* nothing new */
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_DMA_BAD_UNMAP), 2, "%s", chk_text(&x));
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_DMA_DOUBLE_UNMAP), 1, "%s", chk_text(&x));
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_DMA_LEAK), 1, "%s", chk_text(&x));
	cr_assert_eq(hx_checkers_total(x.chk), 4);
	r = hx_checkers_get(x.chk, 0);
	cr_assert(strstr(r->text, "unmap of 0x10000000+64 FROM_DEVICE, but the mapping there (cycle 44) is "
			 "0x10000000+64 TO_DEVICE: wrong length or direction"), "%s", r->text);
	cr_assert(strstr(hx_checkers_get(x.chk, 2)->text, "unmap of 0x10000900+8 TO_DEVICE, which was never mapped"),
		  "%s", chk_text(&x));
	cr_assert(strstr(hx_checkers_get(x.chk, 3)->text, "mapping 0x10000100+32 FROM_DEVICE (mapped at cycle 44) never unmapped"),
		  "%s", chk_text(&x));
	osal_dma_unmap(od, DFX_RAM + 0x100, 32, OSAL_DMA_FROM_DEVICE);
	chk_destroy(&x);
}

/* A copy into memory nobody mapped, then one whose source sits in an ERROR region, then a stray
 * address: the first and last are reported (once per 1 KB region and direction), the ERROR
 * beats touch no memory */
Test(dmac_checkers, unmapped_memory_and_stray_beats_are_outside_error_beats_are_not)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	dfx *f = x.f;
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	dfx_cb cb = { .f = f };
	struct dmac_desc *d;

	d = dmac_prep_memcpy(c, DFX_RAM + 0x4000, DFX_RAM + 0x5000, 64, DMAC_PREP_INTERRUPT |
			     DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 100000);
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_DMA_OUTSIDE), 2, "%s", chk_text(&x));
	cr_assert(strstr(hx_checkers_get(x.chk, 0)->text, "DMAC read of 4 bytes at 0x10005000 on AHB1"),
		  "%s", chk_text(&x));
	cr_assert(strstr(hx_checkers_get(x.chk, 0)->text, "memory that is neither mapped nor an allocated LLI block"),
		  "%s", chk_text(&x));

	d = dmac_prep_memcpy(c, dfx_map(f, DFX_RAM + 0x6000, 16, OSAL_DMA_FROM_DEVICE), DFX_ERR, 16,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 2, 100000);
	cr_assert_eq(cb.failed, 1);
	cr_assert_eq(hx_checkers_total(x.chk), 2, "%s", chk_text(&x));
	osal_dma_unmap(f->od, DFX_RAM + 0x6000, 16, OSAL_DMA_FROM_DEVICE);

	d = dmac_prep_memcpy(c, 0x70000000u, 0x70001000u, 8, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK |
			     DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 3, 100000);
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_DMA_OUTSIDE), 4, "%s", chk_text(&x));
	cr_assert(strstr(chk_text(&x), "DMAC read of 4 bytes at 0x70001000 on AHB1 (address phase at cycle "),
		  "%s", chk_text(&x));
	cr_assert(strstr(chk_text(&x), "no slave answers there (a stray access)"), "%s", chk_text(&x));
	dmac_release_chan(c);
	chk_destroy(&x);
}

/* ---- sharing the port and the sim -------------------------------------------------------------- */

typedef struct ev_count {
	unsigned long events, beats;
} ev_count;

static void count_event(void *ctx, const osal_hx_event *ev)
{
	(void)ev;
	((ev_count *)ctx)->events++;
}

static void count_beat(void *ctx, const hx_bus_beat *b)
{
	(void)b;
	((ev_count *)ctx)->beats++;
}

Test(dmac_checkers, hooks_and_beat_observers_are_shared_and_removable)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	ev_count set = { 0 }, added = { 0 }, obs[HX_SIM_MAX_BEAT_OBSERVERS] = { 0 };
	hx_bus_stats st;
	unsigned n_obs = 0;

	osal_hx_set_hook(x.f->od, count_event, &set);
	cr_assert_eq(osal_hx_add_hook(x.f->od, count_event, &added), 0);
	/* the checkers hold one hook and one observer: the rest can be filled, then no more */
	for (unsigned i = 2; i < OSAL_HX_MAX_HOOKS; i++)
		cr_assert_eq(osal_hx_add_hook(x.f->od, count_event, &obs[0]), 0);
	cr_assert_eq(osal_hx_add_hook(x.f->od, count_event, &obs[0]), -1);
	cr_assert_null(hx_checkers_attach(x.f->sim, x.f->od));
	for (unsigned i = 2; i < OSAL_HX_MAX_HOOKS; i++)
		osal_hx_remove_hook(x.f->od, count_event, &obs[0]);
	while (hx_sim_add_beat_observer(x.f->sim, count_beat, &obs[n_obs]) == 0)
		n_obs++;
	cr_assert_eq(n_obs, HX_SIM_MAX_BEAT_OBSERVERS - 1);

	chk_scen_memcpy(&x, true);
	cr_assert_eq(hx_checkers_total(x.chk), 0, "%s", chk_text(&x));
	cr_assert_gt(set.events, 10);
	cr_assert_eq(added.events, set.events);
	hx_bus_get_stats(hx_sim_bus(x.f->sim), &st);
	for (unsigned i = 0; i < n_obs; i++)
		cr_assert_eq(obs[i].beats, st.beats[0] + st.beats[1]);

	/* removed: no more calls; the checkers' own hook and observer stay */
	osal_hx_remove_hook(x.f->od, count_event, &added);
	hx_sim_remove_beat_observer(x.f->sim, count_beat, &obs[0]);
	osal_hx_set_hook(x.f->od, NULL, NULL);
	chk_scen_memcpy(&x, true);
	cr_assert_eq(added.events, set.events);
	cr_assert_eq(obs[0].beats, st.beats[0] + st.beats[1]);
	cr_assert_gt(obs[1].beats, obs[0].beats);
	cr_assert_eq(hx_checkers_total(x.chk), 0, "%s", chk_text(&x));
	chk_destroy(&x);
}

Test(dmac_checkers, report_text_counts_and_kind_names)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	char small[16];
	size_t full;

	cr_assert_eq(hx_checkers_report(x.chk, small, sizeof(small)), 0);
	cr_assert_str_eq(small, "");
	osal_dma_unmap(x.f->od, DFX_RAM, 4, OSAL_DMA_TO_DEVICE);
	full = hx_checkers_report(x.chk, NULL, 0);
	cr_assert_eq(hx_checkers_report(x.chk, small, sizeof(small)), full);
	cr_assert_eq(strlen(small), sizeof(small) - 1);
	cr_assert_str_eq(chk_text(&x), "dma-bad-unmap cycle 44 thread: unmap of 0x10000000+4 TO_DEVICE, "
			 "which was never mapped\ncheckers: dma-bad-unmap=1\n");
	cr_assert_eq(strlen(chk_text(&x)), full);
	for (int k = 0; k < HX_CHK_KINDS; k++)
		cr_assert_eq(hx_chk_kind_parse(hx_chk_kind_name(k)), k);
	cr_assert_eq(hx_chk_kind_parse("lock-whatever"), -1);
	cr_assert_str_eq(hx_chk_kind_name(HX_CHK_KINDS), "?");
	cr_assert_eq(hx_checkers_count(x.chk, HX_CHK_KINDS), 0);
	cr_assert_null(hx_checkers_get(x.chk, 1));
	chk_destroy(&x);
}

/* The checkers only observe: the same run with and without them has the same trace hash */
static uint64_t memcpy_hash(bool attach)
{
	chk_fx x = { dfx_create(&(dfx_opts){ .seed = 3, .preempt_percent = 20 }), NULL };
	uint64_t h;

	if (attach)
		x.chk = hx_checkers_attach(x.f->sim, x.f->od);
	chk_scen_memcpy(&x, true);
	if (attach)
		cr_assert_eq(hx_checkers_total(x.chk), 0, "%s", chk_text(&x));
	h = hx_trace_hash(hx_sim_trace(x.f->sim));
	chk_destroy(&x);
	return h;
}

Test(dmac_checkers, attaching_changes_no_cycle_of_the_run)
{
	cr_assert_eq(memcpy_hash(true), memcpy_hash(false));
}
