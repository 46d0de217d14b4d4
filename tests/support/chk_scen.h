/* chk_scen.h - the scenarios of the checkers' tests, header-only: run by tests/test_dmac_checkers.c
 * on the real driver core (no report may come) and by tests/checkers/test_dmac_bugs.c on the
 * deliberately broken variants (exactly the expected reports must come).
 *
 * Each scenario takes a fixture (dmac_fx.h) with the checkers attached, drives the client API
 * (or none: @chk NULL, for comparing runs) like a well-behaved client (every buffer mapped before use, unmapped by the driver or by the
 * client as the API says, read only once the driver has unmapped it), and ends with
 * hx_checkers_finish().
 */
#ifndef CHK_SCEN_H
#define CHK_SCEN_H

#include "dmac_fx.h"
#include "hx_checkers.h"

#include <stdio.h>

/** chk_fx - a fixture and its checkers */
typedef struct chk_fx {
	dfx *f;
	hx_checkers *chk;
} chk_fx;

static inline chk_fx chk_create(const dfx_opts *o)
{
	chk_fx x = { dfx_create(o), NULL };

	x.chk = hx_checkers_attach(x.f->sim, x.f->od);
	cr_assert_not_null(x.chk);
	return x;
}

static inline void chk_destroy(chk_fx *x)
{
	hx_checkers_detach(x->chk);
	dfx_destroy(x->f);
}

/* Every report as text, for assertion messages */
static inline const char *chk_text(const chk_fx *x)
{
	static _Thread_local char buf[8192];

	hx_checkers_report(x->chk, buf, sizeof(buf));
	return buf;
}

/**
 * chk_cb - a client callback that counts and, as a client may after completion, reads the
 *   destination (telling the checker about the CPU read)
 */
typedef struct chk_cb {
	chk_fx *x;
	uint32_t read_addr, read_len;
	unsigned calls;
} chk_cb;

static inline void chk_cb_fn(void *arg, const struct dmac_result *r)
{
	chk_cb *cb = arg;

	(void)r;
	cb->calls++;
	if (cb->read_len && cb->x->chk)
		hx_checkers_cpu_read(cb->x->chk, cb->read_addr, cb->read_len);
}

#define CHK_SRC (DFX_RAM + 0x1000u)
#define CHK_DST (DFX_RAM + 0x3000u)
#define CHK_LEN 256u

/*
 * Scenario "memcpy": one copy of CHK_LEN bytes with the driver unmapping the buffers; the
 * callback reads the destination when @read_in_cb; the channel is released at the end.
 */
static inline void chk_scen_memcpy(chk_fx *x, bool read_in_cb)
{
	dfx *f = x->f;
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	chk_cb cb = { x, CHK_DST, read_in_cb ? CHK_LEN : 0, 0 };
	struct dmac_desc *d;

	cr_assert_not_null(c);
	dfx_fill(f, 0, CHK_SRC, CHK_LEN, 7);
	d = dmac_prep_memcpy(c, dfx_map(f, CHK_DST, CHK_LEN, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, CHK_SRC, CHK_LEN, OSAL_DMA_TO_DEVICE), CHK_LEN,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	dmac_desc_set_callback(d, chk_cb_fn, &cb);
	cr_assert_gt(dmac_submit(d), 0);
	dmac_issue_pending(c);
	cr_assert(hx_sim_wait_until(f->sim, dfx_counter_reached, &(dfx_wait_arg){ &cb.calls, 1 },
				    100000, "memcpy callback"));
	dmac_release_chan(c);
	if (x->chk)
		hx_checkers_finish(x->chk);
}

/*
 * Scenario "terminate": a short copy completes (its interrupt takes the driver's locks in hard
 * IRQ), then a 16 KB copy with DMAC_PREP_SKIP_UNMAP is terminated in its middle; the client
 * releases the channel and unmaps the second copy's buffers itself.
 */
static inline void chk_scen_terminate(chk_fx *x)
{
	dfx *f = x->f;
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	chk_cb cb = { x, CHK_DST, 64, 0 };
	const uint32_t big = 0x4000, bsrc = DFX_RAM + 0x10000, bdst = DFX_RAM + 0x20000;
	struct dmac_desc *d;
	dmac_cookie ck;

	cr_assert_not_null(c);
	d = dmac_prep_memcpy(c, dfx_map(f, CHK_DST, 64, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, CHK_SRC, 64, OSAL_DMA_TO_DEVICE), 64,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	dmac_desc_set_callback(d, chk_cb_fn, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 100000);

	d = dmac_prep_memcpy(c, dfx_map(f, bdst, big, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, bsrc, big, OSAL_DMA_TO_DEVICE), big,
			     DMAC_PREP_SKIP_UNMAP | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	ck = dmac_submit(d);
	dmac_issue_pending(c);
	hx_sim_cpu_delay(f->sim, 300);
	cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_IN_PROGRESS);
	dmac_terminate_all(c);
	dmac_release_chan(c);
	osal_dma_unmap(f->od, bsrc, big, OSAL_DMA_TO_DEVICE);
	osal_dma_unmap(f->od, bdst, big, OSAL_DMA_FROM_DEVICE);
	if (x->chk)
		hx_checkers_finish(x->chk);
}

/* Scenario "pause": a 8 KB copy paused in its middle, resumed, completed */
static inline void chk_scen_pause(chk_fx *x)
{
	dfx *f = x->f;
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	const uint32_t len = 0x2000, src = DFX_RAM + 0x10000, dst = DFX_RAM + 0x20000;
	chk_cb cb = { x, dst, len, 0 };
	struct dmac_desc *d;
	dmac_cookie ck;

	cr_assert_not_null(c);
	d = dmac_prep_memcpy(c, dfx_map(f, dst, len, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, src, len, OSAL_DMA_TO_DEVICE), len,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	dmac_desc_set_callback(d, chk_cb_fn, &cb);
	ck = dmac_submit(d);
	dmac_issue_pending(c);
	hx_sim_cpu_delay(f->sim, 300);
	cr_assert_eq(dmac_pause(c), DMAC_OK);
	cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_PAUSED);
	hx_sim_cpu_delay(f->sim, 200);
	dmac_resume(c);
	dfx_wait(f, &cb.calls, 1, 200000);
	dmac_release_chan(c);
	if (x->chk)
		hx_checkers_finish(x->chk);
}

#endif
