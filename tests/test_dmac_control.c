/* The driver core's control operations on the model: residue exact at chosen cycles (also
 * across an LLI load, mid-item and paused), pause/resume, terminate mid-chain, an ERROR
 * mid-chain, synchronize. */
#include "dmac_fx.h"
#include "pl08x/model.h"
#include "../driver/src/dmac_priv.h"

#define SRC (DFX_RAM + 0x00000u)
#define DST (DFX_RAM + 0x20000u)
#define LEN 40000u              /* 10000 words: items of 4095, 4095, 1810 words */

TestSuite(dmac_control, .timeout = 60);

/* A fixture with one 40000-byte copy issued; the thread is back at cycle *@t0 */
static dfx *start_copy(struct dmac_chan **c, dmac_cookie *ck, dfx_cb *cb, uint64_t *t0)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct dmac_desc *d;

	dfx_fill(f, 0, SRC, LEN, 17);
	for (uint32_t i = 0; i < LEN; i++)   /* never equal to the pattern: a written prefix shows */
		dfx_mem(f, 0, DST, LEN)[i] = (uint8_t)~hx_pattern_byte(17, i);
	*c = dmac_request_memcpy(f->d);
	d = dmac_prep_memcpy(*c, dfx_map(f, DST, LEN, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, SRC, LEN, OSAL_DMA_TO_DEVICE), LEN, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	*cb = (dfx_cb){ .f = f };
	dmac_desc_set_callback(d, dfx_count, cb);
	*ck = dmac_submit(d);
	dmac_issue_pending(*c);
	*t0 = hx_sim_cycle(f->sim);
	return f;
}

/* Bytes at DST that already hold the copy */
static uint32_t written_prefix(dfx *f)
{
	const uint8_t *d = dfx_mem(f, 0, DST, LEN);
	uint32_t n = 0;

	while (n < LEN && d[n] == hx_pattern_byte(17, n))
		n++;
	return n;
}

/* What the channel has left to read at this cycle, from its registers (backdoor, no cost) */
static uint32_t hw_left(dfx *f, const struct dmac_chan *c)
{
	pl08x_dev *dev = hx_sim_dev(f->sim);
	unsigned n = c->phy->id;
	uint32_t lli = pl08x_rd(dev, DMAC_CH(n, DMAC_CH_LLI));
	uint32_t ctl = pl08x_rd(dev, DMAC_CH(n, DMAC_CH_CTL));
	uint32_t left = (ctl & 0xfffu) * 4u;

	/* items of 4095, 4095, 1810 words: the next item's index gives those still to come */
	if (lli) {
		unsigned k = (lli - c->active->lli_bus) / 16u;

		left += (k <= 1 ? 4095u * 4u : 0u) + 1810u * 4u;
	}
	return left;
}

Test(dmac_control, residue_is_exact_at_every_cycle_around_the_first_lli_load)
{
	struct dmac_chan *c;
	dmac_cookie ck;
	dfx_cb cb;
	uint64_t t0, boundary = 0;
	dfx *f = start_copy(&c, &ck, &cb, &t0);
	uint32_t lli0 = pl08x_rd(hx_sim_dev(f->sim), DMAC_CH(0, DMAC_CH_LLI));

	/* the cycle at which the channel loads item 1 */
	for (uint64_t x = t0; !boundary; x++) {
		hx_sim_run_to(f->sim, x);
		if (pl08x_rd(hx_sim_dev(f->sim), DMAC_CH(0, DMAC_CH_LLI)) != lli0)
			boundary = x;
	}
	dfx_destroy(f);

	/* For each start cycle: the twin run reads the registers at the cycles the driver's reads
	 * take effect (CnLLI at +4, CnControl at +8, CnLLI at +12, and so on while they differ) */
	for (uint64_t at = boundary - 20; at <= boundary + 8; at++) {
		uint32_t res, want = 0;
		uint64_t x;
		dfx *twin = start_copy(&c, &ck, &cb, &t0);
		uint32_t lli;

		hx_sim_run_to(twin->sim, at + 4);
		lli = pl08x_rd(hx_sim_dev(twin->sim), DMAC_CH(0, DMAC_CH_LLI));
		for (x = at + 8;; x += 8) {
			uint32_t again;

			hx_sim_run_to(twin->sim, x);
			want = hw_left(twin, c);
			hx_sim_run_to(twin->sim, x + 4);
			again = pl08x_rd(hx_sim_dev(twin->sim), DMAC_CH(0, DMAC_CH_LLI));
			if (again == lli)
				break;
			lli = again;
		}
		dfx_destroy(twin);

		f = start_copy(&c, &ck, &cb, &t0);
		hx_sim_cpu_delay(f->sim, at - hx_sim_cycle(f->sim));
		cr_assert_eq(hx_sim_cycle(f->sim), at);
		cr_assert_eq(dmac_tx_status(c, ck, &res), DMAC_IN_PROGRESS);
		cr_assert_eq(res, want, "status at %lu (load at %lu): residue %u, want %u",
			     (unsigned long)at, (unsigned long)boundary, res, want);
		cr_assert(res > 20000u && res < 26000u, "around the end of item 0: %u", res);
		dfx_destroy(f);
	}
}

Test(dmac_control, residue_falls_to_zero_and_complete_after_the_callback)
{
	struct dmac_chan *c;
	dmac_cookie ck;
	dfx_cb cb;
	uint64_t t0;
	dfx *f = start_copy(&c, &ck, &cb, &t0);
	uint32_t res, prev = LEN;

	/* CnControl read 8 cycles after the enable: the first INCR4's data has arrived
	 * (reads at t+2..t+5, data ends t+3..t+6) */
	cr_assert_eq(dmac_tx_status(c, ck, &res), DMAC_IN_PROGRESS);
	cr_assert_eq(res, LEN - 16u, "residue %u", res);
	while (!cb.calls) {
		cr_assert_eq(dmac_tx_status(c, ck, &res), DMAC_IN_PROGRESS);
		cr_assert_leq(res, prev);
		cr_assert_eq(res % 4, 0);
		prev = res;
		hx_sim_cpu_delay(f->sim, 997);
	}
	cr_assert_eq(dmac_tx_status(c, ck, &res), DMAC_COMPLETE);
	cr_assert_eq(res, 0);
	cr_assert_eq(written_prefix(f), LEN);
	dmac_release_chan(c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

Test(dmac_control, paused_residue_equals_the_bytes_not_yet_written_mid_item)
{
	static const uint64_t at[] = { 40, 1000, 11300, 11327, 20000, 25000 };

	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct dmac_chan *c;
		dmac_cookie ck;
		dfx_cb cb;
		uint64_t t0;
		dfx *f = start_copy(&c, &ck, &cb, &t0);
		uint32_t res, res2, prefix;

		hx_sim_cpu_delay(f->sim, at[i]);
		cr_assert_eq(dmac_pause(c), DMAC_OK);
		cr_assert_eq(dmac_tx_status(c, ck, &res), DMAC_PAUSED);
		prefix = written_prefix(f);
		/* halted with A = 0: everything read has been written, nothing more is read */
		cr_assert_eq(res, LEN - prefix, "pause after %lu: residue %u, written %u",
			     (unsigned long)at[i], res, prefix);
		cr_assert_eq(res % 4, 0, "whole words");
		cr_assert_lt(res, LEN);
		hx_sim_cpu_delay(f->sim, 3000);
		cr_assert_eq(dmac_tx_status(c, ck, &res2), DMAC_PAUSED);
		cr_assert_eq(res2, res);
		cr_assert_eq(written_prefix(f), prefix);
		cr_assert_eq(cb.calls, 0);
		cr_assert_eq(dmac_resume(c), DMAC_OK);
		dfx_wait(f, &cb.calls, 1, 100000);
		cr_assert_eq(written_prefix(f), LEN);
		cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_COMPLETE);
		dmac_release_chan(c);
		dfx_no_leaks(f);
		dfx_destroy(f);
	}
}

Test(dmac_control, terminate_mid_chain_stops_at_once_drops_the_callback_and_the_channel_works_after)
{
	struct dmac_chan *c;
	dmac_cookie ck;
	dfx_cb cb;
	uint64_t t0;
	dfx *f = start_copy(&c, &ck, &cb, &t0);
	uint32_t prefix;
	osal_hx_stats st;

	hx_sim_cpu_delay(f->sim, 15000);            /* inside item 1 */
	cr_assert_eq(dmac_terminate_all(c), DMAC_OK);
	cr_assert_eq(pl08x_rd(hx_sim_dev(f->sim), 0x01C), 0, "EnbldChns");
	prefix = written_prefix(f);
	cr_assert(prefix > 16380 && prefix < 32760, "stopped in item 1: %u", prefix);
	dmac_synchronize(c);
	hx_sim_cpu_delay(f->sim, 20000);
	cr_assert_eq(cb.calls, 0);
	cr_assert_leq(written_prefix(f), prefix + 16, "at most the FIFO's last burst lands");
	cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_ERROR);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.maps_live, 0, "the terminated copy's buffers were unmapped");
	cr_assert_eq(st.lli_blocks_used, 0);
	cr_assert_null(c->phy);

	/* the same channel copies again */
	struct dmac_desc *d = dmac_prep_memcpy(c, DST, SRC, 256, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);

	dmac_desc_set_callback(d, dfx_count, &cb);
	ck = dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 10000);
	cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_COMPLETE);
	dmac_release_chan(c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

Test(dmac_control, error_mid_chain_fails_the_descriptor_and_the_channel_recovers)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	dfx_cb cb = { .f = f };
	/* 20000 bytes from DFX_ERR - 16384: item 0 (16380 bytes) reads RAM, item 1 reads 4 bytes of
	 * RAM, then the ERROR region */
	uint32_t src = DFX_ERR - 16384u;
	struct dmac_desc *d;
	dmac_cookie bad, good;
	uint32_t res;

	dfx_fill(f, 0, src, 16384, 23);
	d = dmac_prep_memcpy(c, dfx_map(f, DST, 20000, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, src, 20000, OSAL_DMA_TO_DEVICE), 20000, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_eq(d->n_lli, 2);
	dmac_desc_set_callback(d, dfx_count, &cb);
	bad = dmac_submit(d);
	/* a second copy queued behind it must still run */
	d = dmac_prep_memcpy(c, DST + 0x8000, SRC, 4096, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dfx_fill(f, 0, SRC, 4096, 29);
	dmac_desc_set_callback(d, dfx_count, &cb);
	good = dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 2, 100000);
	cr_assert_eq(cb.failed, 1);
	cr_assert_eq(dmac_tx_status(c, bad, &res), DMAC_ERROR);
	/* the INCR4 piece at the error: item 1 read 1 word then hit ERROR: 3616 - 1 words left */
	cr_assert_eq(res, 20000u - 16380u - 4u, "residue at the failure %u", res);
	cr_assert_eq(dmac_tx_status(c, good, &res), DMAC_COMPLETE);
	cr_assert_eq(memcmp(dfx_mem(f, 0, DST, 16380), dfx_mem(f, 0, src, 16380), 16380), 0);
	cr_assert_eq(memcmp(dfx_mem(f, 0, DST + 0x8000, 4096), dfx_mem(f, 0, SRC, 4096), 4096), 0);
	dmac_release_chan(c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

/* A done descriptor whose callback has not run yet is dropped by terminate: the callback never
 * runs; synchronize returns with the work idle and the descriptor freed */
typedef struct term_ctx {
	struct dmac_chan *victim;
	unsigned calls;
} term_ctx;

static void on_first(void *arg, const struct dmac_result *r)
{
	term_ctx *t = arg;

	(void)r;
	t->calls++;
	dmac_terminate_all(t->victim);          /* from a callback: deferred context */
}

static void on_never(void *arg, const struct dmac_result *r)
{
	(void)r;
	(*(unsigned *)arg)++;
}

Test(dmac_control, terminate_from_a_callback_drops_the_callbacks_queued_behind_and_synchronize_waits)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	term_ctx t = { .victim = c };
	unsigned never = 0;
	osal_hx_stats st;

	/* three short copies on one channel; the first callback terminates the channel */
	for (unsigned i = 0; i < 3; i++) {
		struct dmac_desc *d = dmac_prep_memcpy(c, DST + 64 * i, SRC, 16,
						       DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);

		if (i == 0)
			dmac_desc_set_callback(d, on_first, &t);
		else
			dmac_desc_set_callback(d, on_never, &never);
		dmac_submit(d);
	}
	dmac_issue_pending(c);
	dfx_wait(f, &t.calls, 1, 10000);
	dmac_synchronize(c);
	hx_sim_cpu_delay(f->sim, 5000);
	cr_assert_eq(never, 0);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.lli_blocks_used, 0);
	dmac_release_chan(c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}
