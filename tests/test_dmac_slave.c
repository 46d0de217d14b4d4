/* The driver core's slave transfers on the model with FIFO peripherals: scatter-gather in both
 * directions, cyclic with a callback per period, the request-line mux. */
#include "dmac_fx.h"
#include "../driver/src/dmac_priv.h"

#define BUF (DFX_RAM + 0x1000u)

static dfx *f;

static void setup(void)
{
	f = dfx_create(&(dfx_opts){ 0 });
}

static void teardown(void)
{
	dfx_destroy(f);
}

TestSuite(dmac_slave, .init = setup, .fini = teardown, .timeout = 30);

/* A receiver on line 3 (AHB2), bytes every 3 cycles, burst 4; three buffers on AHB1 */
Test(dmac_slave, dev_to_mem_sg_fills_three_buffers_in_fifo_order)
{
	static const struct dmac_sg sg[] = { { BUF, 37 }, { BUF + 0x101, 200 }, { BUF + 0x402, 5000 } };
	uint32_t total = 37 + 200 + 5000;
	hx_periph *rx = dfx_fifo(f, 3, 1, HX_PERIPH_TO_MEMORY, 1, 16, 3, 4, total, 42);
	struct dmac_chan *c = dmac_request_slave(f->d, 3, 1);
	struct dmac_slave_config cfg = { .src_addr = DFX_PERIPH + 0x300, .src_width = 1, .src_maxburst = 4,
					 .dst_width = 1, .dst_maxburst = 1 };
	dfx_cb cb = { .f = f };
	struct dmac_desc *d;
	hx_periph_stats st;
	uint32_t k = 0;

	cr_assert_eq(dmac_slave_config(c, &cfg), DMAC_OK);
	d = dmac_prep_slave_sg(c, sg, 3, DMAC_DEV_TO_MEM, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	/* peripheral side: bytes, no increment, AHB2; memory side: AHB1, incrementing */
	for (unsigned i = 0; i < d->n_lli; i++) {
		uint32_t ctl = d->lli[4 * i + DMAC_LLI_CTL];

		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_SWIDTH), 0);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_SBSIZE), 1);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_S), 1);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_D), 0);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_SI), 0);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_DI), 1);
		cr_assert_eq(d->lli[4 * i + DMAC_LLI_SRC], DFX_PERIPH + 0x300);
	}
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 200000);
	for (unsigned i = 0; i < 3; i++) {
		const uint8_t *m = dfx_mem(f, 0, sg[i].addr, sg[i].len);

		for (uint32_t j = 0; j < sg[i].len; j++, k++)
			cr_assert_eq(m[j], hx_pattern_byte(42, k), "buffer %u byte %u", i, j);
	}
	hx_periph_get_stats(rx, &st);
	cr_assert_eq(st.dma, total);
	cr_assert_eq(st.underruns, 0);
	dmac_release_chan(c);
	dfx_no_leaks(f);
}

/* A transmitter of words on line 6 (AHB2), burst 4 */
Test(dmac_slave, mem_to_dev_sg_sends_every_byte_in_order)
{
	static const struct dmac_sg sg[] = { { BUF + 1, 64 }, { BUF + 0x800, 4096 } };
	hx_periph *tx = dfx_fifo(f, 6, 1, HX_PERIPH_FROM_MEMORY, 4, 8, 5, 4, 0, 0);
	struct dmac_chan *c = dmac_request_slave(f->d, 6, 1);
	struct dmac_slave_config cfg = { .dst_addr = DFX_PERIPH + 0x600, .dst_width = 4, .dst_maxburst = 4,
					 .src_width = 4, .src_maxburst = 4 };
	dfx_cb cb = { .f = f };
	struct dmac_desc *d;
	size_t n;
	const uint8_t *cap;

	dfx_fill(f, 0, BUF + 1, 64, 3);
	dfx_fill(f, 0, BUF + 0x800, 4096, 4);
	cr_assert_eq(dmac_slave_config(c, &cfg), DMAC_OK);
	d = dmac_prep_slave_sg(c, sg, 2, DMAC_MEM_TO_DEV, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	/* a buffer length that is not whole peripheral words is refused */
	cr_assert_null(dmac_prep_slave_sg(c, (struct dmac_sg[]){ { BUF, 6 } }, 1, DMAC_MEM_TO_DEV, DMAC_CTRL_ACK));
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 200000);
	cap = hx_periph_captured(tx, &n);
	cr_assert_eq(n, 64 + 4096);
	cr_assert_eq(memcmp(cap, dfx_mem(f, 0, BUF + 1, 64), 64), 0);
	cr_assert_eq(memcmp(cap + 64, dfx_mem(f, 0, BUF + 0x800, 4096), 4096), 0);
	dmac_release_chan(c);
	dfx_no_leaks(f);
}

/* Cyclic: 4 periods of 64 bytes from a receiver that never stops */
Test(dmac_slave, cyclic_calls_back_once_per_period_until_terminated)
{
	hx_periph *rx = dfx_fifo(f, 2, 1, HX_PERIPH_TO_MEMORY, 4, 8, 16, 4, 0, 9);
	struct dmac_chan *c = dmac_request_slave(f->d, 2, 1);
	struct dmac_slave_config cfg = { .src_addr = DFX_PERIPH + 0x200, .src_width = 4, .src_maxburst = 4,
					 .dst_width = 4, .dst_maxburst = 4 };
	dfx_cb cb = { .f = f };
	struct dmac_desc *d;
	hx_periph_stats st;
	dmac_cookie ck;
	uint32_t res;

	cr_assert_eq(dmac_slave_config(c, &cfg), DMAC_OK);
	d = dmac_prep_cyclic(c, BUF, 256, 64, DMAC_DEV_TO_MEM, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(d);
	cr_assert_eq(d->n_lli, 4);
	for (unsigned i = 0; i < 4; i++) {
		cr_assert_eq(DMAC_GET(d->lli[4 * i + DMAC_LLI_CTL], DMAC_CCTL_I), 1);
		cr_assert_eq(d->lli[4 * i + DMAC_LLI_NEXT], d->lli_bus + 16u * ((i + 1) % 4));
	}
	dmac_desc_set_callback(d, dfx_count, &cb);
	ck = dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 6, 100000);
	/* 16 words a period at one word per 16 cycles: periods 256 cycles apart */
	for (unsigned i = 1; i < 6; i++)
		cr_assert_eq(cb.cycle[i] - cb.cycle[i - 1], 256, "period %u after %lu", i,
			     (unsigned long)(cb.cycle[i] - cb.cycle[i - 1]));
	cr_assert_eq(dmac_tx_status(c, ck, &res), DMAC_IN_PROGRESS);
	cr_assert(res > 0 && res <= 256, "residue %u", res);
	/* periods 4 and 5 (the 5th and 6th) overwrote the first two: bytes 256..383 of the stream */
	for (uint32_t j = 0; j < 128; j++)
		cr_assert_eq(dfx_mem(f, 0, BUF, 128)[j], hx_pattern_byte(9, 256 + j), "byte %u", j);
	dmac_terminate_all(c);
	dmac_synchronize(c);
	unsigned calls = cb.calls;

	hx_sim_cpu_delay(f->sim, 2000);
	cr_assert_eq(cb.calls, calls, "no period callback after terminate + synchronize");
	cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_ERROR, "dropped by terminate");
	hx_periph_get_stats(rx, &st);
	cr_assert_eq(st.underruns, 0);
	dmac_release_chan(c);
	dfx_no_leaks(f);
}

/* Request signals 20 and 21 share lines through a mux that has only line 5 */
typedef struct mux {
	int owner;
	unsigned gets, puts;
} mux;

static int mux_get(void *ctx, unsigned signal)
{
	mux *m = ctx;

	if (m->owner >= 0)
		return -1;
	m->owner = (int)signal;
	m->gets++;
	return 5;
}

static void mux_put(void *ctx, unsigned signal, unsigned line)
{
	mux *m = ctx;

	cr_assert_eq(line, 5);
	cr_assert_eq((int)signal, m->owner);
	m->owner = -1;
	m->puts++;
}

Test(dmac_slave, mux_lines_are_taken_per_transfer_and_waiters_served_in_turn)
{
	mux m = { .owner = -1 };
	dfx *g = dfx_create(&(dfx_opts){ .mux_get = mux_get, .mux_put = mux_put, .mux_ctx = &m });
	struct dmac_slave_config cfg = { .src_addr = DFX_PERIPH + 0x500, .src_width = 4, .src_maxburst = 4,
					 .dst_width = 4, .dst_maxburst = 4 };
	struct dmac_chan *a = dmac_request_slave(g->d, 20, 1), *b = dmac_request_slave(g->d, 21, 1);
	dfx_cb ca = { .f = g }, cb = { .f = g };
	struct dmac_desc *d;
	uint8_t *buf;

	dfx_fifo(g, 5, 1, HX_PERIPH_TO_MEMORY, 4, 8, 4, 4, 64, 11);
	cr_assert_eq(dmac_slave_config(a, &cfg), DMAC_OK);
	cr_assert_eq(dmac_slave_config(b, &cfg), DMAC_OK);
	d = dmac_prep_slave_sg(a, (struct dmac_sg[]){ { BUF, 128 } }, 1, DMAC_DEV_TO_MEM, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	dmac_desc_set_callback(d, dfx_count, &ca);
	dmac_submit(d);
	d = dmac_prep_slave_sg(b, (struct dmac_sg[]){ { BUF + 0x400, 128 } }, 1, DMAC_DEV_TO_MEM, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(a);
	dmac_issue_pending(b);
	cr_assert_eq(m.owner, 20);
	cr_assert(b->waiting, "no line for signal 21 while 20 holds it");
	dfx_wait(g, &ca.calls, 1, 100000);
	dfx_wait(g, &cb.calls, 1, 100000);
	cr_assert_eq(m.gets, 2);
	cr_assert_eq(m.puts, 2);
	cr_assert_eq(m.owner, -1);
	buf = dfx_mem(g, 0, BUF, 128);
	for (uint32_t j = 0; j < 128; j++)
		cr_assert_eq(buf[j], hx_pattern_byte(11, j));
	buf = dfx_mem(g, 0, BUF + 0x400, 128);
	for (uint32_t j = 0; j < 128; j++)
		cr_assert_eq(buf[j], hx_pattern_byte(11, 128 + j));
	dmac_release_chan(a);
	dmac_release_chan(b);
	dfx_destroy(g);
}
