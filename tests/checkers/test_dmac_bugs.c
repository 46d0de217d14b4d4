/* The checkers catching their bug classes: this file is compiled once per deliberate bug of
 * driver/src (DMAC_BUG_*, see dmac_priv.h), linked with the driver core compiled with the same
 * macro (tests/CMakeLists.txt: test_dmac_bug_<name>). Each program runs the scenario of
 * chk_scen.h that reaches its bug and asserts exactly the expected reports; tests/
 * test_dmac_checkers.c runs the same scenarios on the real driver and asserts none.
 */
#include "chk_scen.h"

TestSuite(dmac_bug, .timeout = 60);

/* Exactly @n reports, all of @kind; the first one returned */
static const hx_chk_report *expect_only(chk_fx *x, enum hx_chk_kind kind, unsigned long n)
{
	const hx_chk_report *r = hx_checkers_get(x->chk, 0);

	cr_log_info("%s", chk_text(x));
	cr_assert_eq(hx_checkers_count(x->chk, kind), n, "%s: %s", hx_chk_kind_name(kind), chk_text(x));
	cr_assert_eq(hx_checkers_total(x->chk), n, "%s", chk_text(x));
	cr_assert_not_null(r);
	cr_assert_eq(r->kind, kind);
	return r;
}

static bool has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

#if defined(DMAC_BUG_CALLBACK_UNDER_LOCK)
Test(dmac_bug, callback_under_lock)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_memcpy(&x, false);
	r = expect_only(&x, HX_CHK_CALLBACK_UNDER_LOCK, 1);
	cr_assert_str_eq(r->lock_a, "vchan");
	cr_assert_eq(r->ctx, HX_SIM_CTX_DEFERRED);
	cr_assert(has(r->text, "callback-under-lock cycle "), "%s", r->text);
	cr_assert(has(r->text, "deferred: a client callback called with driver locks held ('vchan')"), "%s", r->text);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_RECURSIVE_LOCK)
Test(dmac_bug, recursive_acquire)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_terminate(&x);
	r = expect_only(&x, HX_CHK_LOCK_RECURSIVE, 1);
	cr_assert_str_eq(r->lock_a, "vchan");
	cr_assert_eq(r->ctx, HX_SIM_CTX_THREAD);
	/* dmac_terminate_all() from the test and again from dmac_release_chan(): one report */
	cr_assert_eq(r->hits, 2, "%s", chk_text(&x));
	cr_assert(has(r->text, "lock 'vchan' taken again while held"), "%s", r->text);
	/* the port also stops the run: on hardware this is a hang */
	cr_assert(hx_sim_failed(x.f->sim));
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_IRQ_UNSAFE)
Test(dmac_bug, irq_unsafe_lock)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_terminate(&x);
	r = expect_only(&x, HX_CHK_LOCK_IRQ_UNSAFE, 1);
	cr_assert_str_eq(r->lock_a, "dev");
	cr_assert_eq(r->ctx, HX_SIM_CTX_THREAD);
	cr_assert(has(r->text, "lock 'dev' taken in hard IRQ (cycle "), "%s", r->text);
	cr_assert(has(r->text, "held with the interrupt enabled in thread"), "%s", r->text);
	cr_assert_not(hx_sim_failed(x.f->sim), "%s", hx_sim_failure(x.f->sim));
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_LOCK_ORDER)
Test(dmac_bug, lock_order_inversion)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_memcpy(&x, true);
	r = expect_only(&x, HX_CHK_LOCK_ORDER, 1);
	cr_assert_str_eq(r->lock_a, "dev");
	cr_assert_str_eq(r->lock_b, "vchan");
	cr_assert(has(r->text, "lock 'vchan' taken while holding 'dev', but the order 'vchan' -> 'dev' was seen before"),
		  "%s", r->text);
	cr_assert(has(r->text, "('vchan' -> 'dev' first at cycle 44, thread)"), "%s", r->text);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_SLEEP_IN_ATOMIC)
Test(dmac_bug, sleep_in_atomic)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_pause(&x);
	r = expect_only(&x, HX_CHK_SLEEP_IN_ATOMIC, 1);
	cr_assert_str_eq(r->lock_a, "vchan");
	cr_assert(has(r->text, "thread: dmac_pause_wait_idle() may sleep, called with driver locks held ('vchan')"),
		  "%s", r->text);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_MISSING_UNMAP)
Test(dmac_bug, missing_unmap)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_memcpy(&x, true);
	r = expect_only(&x, HX_CHK_DMA_LEAK, 1);
	cr_assert_eq(r->addr, CHK_SRC);
	cr_assert_eq(r->len, CHK_LEN);
	cr_assert(has(r->text, "mapping 0x10001000+256 TO_DEVICE (mapped at cycle "), "%s", r->text);
	cr_assert(has(r->text, ") never unmapped"), "%s", r->text);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_DOUBLE_UNMAP)
Test(dmac_bug, double_unmap)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_memcpy(&x, true);
	r = expect_only(&x, HX_CHK_DMA_DOUBLE_UNMAP, 1);
	cr_assert_eq(r->addr, CHK_SRC);
	cr_assert_eq(r->ctx, HX_SIM_CTX_DEFERRED);
	cr_assert(has(r->text, "unmap of 0x10001000+256 TO_DEVICE, already unmapped at cycle "), "%s", r->text);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_WRONG_DIRECTION)
Test(dmac_bug, wrong_direction)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r0, *r1;

	chk_scen_memcpy(&x, true);
	/* Swapped items: the DMAC reads the FROM_DEVICE destination and writes the TO_DEVICE source */
	expect_only(&x, HX_CHK_DMA_WRONG_DIR, 2);
	r0 = hx_checkers_get(x.chk, 0);
	r1 = hx_checkers_get(x.chk, 1);
	cr_assert_eq(r0->addr, CHK_DST);
	cr_assert(has(r0->text, "DMAC read of 4 bytes at 0x10003000 on AHB1"), "%s", r0->text);
	cr_assert(has(r0->text, "inside mapping 0x10003000+256 FROM_DEVICE"), "%s", r0->text);
	cr_assert(has(r0->text, "the device may only write it"), "%s", r0->text);
	cr_assert_eq(r1->kind, HX_CHK_DMA_WRONG_DIR);
	cr_assert_eq(r1->addr, CHK_SRC);
	cr_assert(has(r1->text, "DMAC write of 4 bytes at 0x10001000"), "%s", r1->text);
	cr_assert(has(r1->text, "the device may only read it"), "%s", r1->text);
	cr_assert_gt(r0->hits, 1);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_OUTSIDE_MAPPING)
Test(dmac_bug, access_outside_mapping)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_memcpy(&x, true);
	r = expect_only(&x, HX_CHK_DMA_OUTSIDE, 1);
	cr_assert_eq(r->addr, CHK_DST + CHK_LEN);
	cr_assert_eq(r->hits, 1);
	cr_assert(has(r->text, "DMAC write of 4 bytes at 0x10003100 on AHB1"), "%s", r->text);
	cr_assert(has(r->text, "right after the end of mapping 0x10003000+256 FROM_DEVICE"), "%s", r->text);
	chk_destroy(&x);
}
#endif

#if defined(DMAC_BUG_UNMAP_AFTER_CALLBACK)
Test(dmac_bug, cpu_read_before_unmap)
{
	chk_fx x = chk_create(&(dfx_opts){ 0 });
	const hx_chk_report *r;

	chk_scen_memcpy(&x, true);
	r = expect_only(&x, HX_CHK_DMA_CPU_READ, 1);
	cr_assert_eq(r->ctx, HX_SIM_CTX_DEFERRED);
	cr_assert_eq(r->addr, CHK_DST);
	cr_assert(has(r->text, "CPU read of 0x10003000+256: byte 0x10003000 was written by the DMAC"), "%s", r->text);
	cr_assert(has(r->text, "still mapped and not synced for the CPU"), "%s", r->text);
	chk_destroy(&x);
}
#endif
