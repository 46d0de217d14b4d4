/* The harness port of osal.h (driver/port/hx): every observed call reaches the hook, locks mask
 * the interrupt, the bookkeeping of mappings and LLI blocks, the failures it detects itself. */
#include "dmac_fx.h"

TestSuite(dmac_port, .timeout = 30);

typedef struct seen {
	unsigned n[OSAL_HX_LLI_FREE + 1];
	unsigned cb_with_locks, acquire_not_atomic, depth, max_depth;
	uint64_t last_wmb;
} seen;

static void hook(void *ctx, const osal_hx_event *ev)
{
	seen *s = ctx;

	s->n[ev->kind]++;
	if (ev->kind == OSAL_HX_CALLBACK_BEGIN && ev->locks_held)
		s->cb_with_locks++;
	if (ev->kind == OSAL_HX_LOCK_ACQUIRE) {
		s->acquire_not_atomic += !ev->atomic;   /* the interrupt is masked before the lock */
		if (++s->depth > s->max_depth)
			s->max_depth = s->depth;
	}
	if (ev->kind == OSAL_HX_LOCK_RELEASE)
		s->depth--;
}

Test(dmac_port, a_copy_shows_balanced_locks_one_wmb_per_start_and_callbacks_outside_locks)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	seen s = { 0 };
	struct dmac_chan *c;
	dfx_cb cb = { .f = f };

	osal_hx_set_hook(f->od, hook, &s);
	c = dmac_request_memcpy(f->d);
	for (unsigned i = 0; i < 3; i++) {
		struct dmac_desc *d = dmac_prep_memcpy(c, dfx_map(f, DFX_RAM + 0x1000, 64, OSAL_DMA_FROM_DEVICE),
						       dfx_map(f, DFX_RAM, 64, OSAL_DMA_TO_DEVICE), 64,
						       DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);

		dmac_desc_set_callback(d, dfx_count, &cb);
		dmac_submit(d);
		dmac_issue_pending(c);
		dfx_wait(f, &cb.calls, i + 1, 10000);
	}
	dmac_release_chan(c);
	cr_assert_eq(s.n[OSAL_HX_LOCK_ACQUIRE], s.n[OSAL_HX_LOCK_RELEASE]);
	cr_assert_eq(s.depth, 0);
	cr_assert_eq(s.max_depth, 2, "vchan then dev, never deeper");
	cr_assert_eq(s.acquire_not_atomic, 0);
	cr_assert_eq(s.n[OSAL_HX_WMB], 3, "one barrier before each channel enable");
	cr_assert_eq(s.n[OSAL_HX_DMA_MAP], 6);
	cr_assert_eq(s.n[OSAL_HX_DMA_UNMAP], 6);
	cr_assert_eq(s.n[OSAL_HX_CALLBACK_BEGIN], 3);
	cr_assert_eq(s.n[OSAL_HX_CALLBACK_END], 3);
	cr_assert_eq(s.cb_with_locks, 0);
	cr_assert_eq(s.n[OSAL_HX_LLI_ALLOC], 3);
	cr_assert_eq(s.n[OSAL_HX_LLI_FREE], 3);
	cr_assert_geq(s.n[OSAL_HX_MIGHT_SLEEP], 2, "release and synchronize");
	cr_assert_geq(s.n[OSAL_HX_WORK_BEGIN], 3);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

Test(dmac_port, a_recursive_acquire_fails_the_run)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct osal_lock l;
	osal_irqflags a, b;

	osal_lock_init(f->od, &l, "test");
	osal_lock_irqsave(&l, &a);
	cr_assert(hx_sim_in_atomic(f->sim));
	osal_lock_irqsave(&l, &b);
	cr_assert(hx_sim_failed(f->sim));
	cr_assert(strstr(hx_sim_failure(f->sim), "lock 'test' taken again"));
	osal_unlock_irqrestore(&l, b);
	osal_unlock_irqrestore(&l, a);
	cr_assert_not(hx_sim_in_atomic(f->sim));
	dfx_destroy(f);
}

Test(dmac_port, mappings_are_identity_and_bad_unmaps_are_counted)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	osal_hx_stats st;

	dfx_map(f, DFX_RAM + 8, 100, OSAL_DMA_TO_DEVICE);
	osal_dma_unmap(f->od, DFX_RAM + 8, 100, OSAL_DMA_FROM_DEVICE);   /* wrong direction */
	osal_dma_unmap(f->od, DFX_RAM + 8, 100, OSAL_DMA_TO_DEVICE);
	osal_dma_unmap(f->od, DFX_RAM + 8, 100, OSAL_DMA_TO_DEVICE);     /* double */
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.maps_total, 1);
	cr_assert_eq(st.maps_live, 0);
	cr_assert_eq(st.bad_unmaps, 2);
	dfx_destroy(f);
}

Test(dmac_port, the_lli_pool_runs_out_and_prep_then_fails)
{
	dfx *f = dfx_create(&(dfx_opts){ .lli_items = 256 });   /* 4 KB blocks: 16 of them */
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	struct dmac_desc *d[17];
	osal_dma_addr bus;
	void *cpu;

	for (unsigned i = 0; i < 16; i++) {
		d[i] = dmac_prep_memcpy(c, DFX_RAM + 0x1000, DFX_RAM, 16, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
		cr_assert_not_null(d[i]);
		cr_assert_eq(d[i]->lli_bus, DFX_LLI + 4096u * i);
	}
	cr_assert_null(dmac_prep_memcpy(c, DFX_RAM + 0x1000, DFX_RAM, 16, DMAC_CTRL_ACK));
	cr_assert_null(osal_lli_alloc(f->od, &bus));
	for (unsigned i = 0; i < 16; i++) {
		dmac_submit(d[i]);
	}
	dmac_terminate_all(c);
	dmac_synchronize(c);
	cpu = osal_lli_alloc(f->od, &bus);
	cr_assert_not_null(cpu, "blocks came back with the terminated descriptors");
	osal_lli_free(f->od, cpu, bus);
	dmac_release_chan(c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

static void sync_self(hx_sim *s, void *arg)
{
	(void)s;
	osal_work_sync(arg);
}

Test(dmac_port, work_sync_outside_thread_context_fails_instead_of_hanging)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct osal_work w;

	osal_work_init(f->od, &w, (void (*)(struct osal_work *))NULL);
	w.queued = true;                /* as if queued and never run */
	hx_sim_queue_work(f->sim, sync_self, &w);
	hx_sim_cpu_delay(f->sim, 1);
	cr_assert(hx_sim_failed(f->sim));
	cr_assert(strstr(hx_sim_failure(f->sim), "outside thread context"), "%s", hx_sim_failure(f->sim));
	dfx_destroy(f);
}
