/* The driver core's memcpy on the model: every size/alignment class byte for byte with guard
 * bytes, the LLI builder's items (4095 limit, widths, masters, I bit, links), cycle-exact
 * completion, buffer unmapping, both masters, PL081. */
#include "dmac_fx.h"
#include "../driver/src/dmac_priv.h"

#define SRC (DFX_RAM + 0x00000u)
#define DST (DFX_RAM + 0x20000u)
#define GUARD 8u

static dfx *f;

static void setup(void)
{
	f = dfx_create(&(dfx_opts){ 0 });
}

static void teardown(void)
{
	dfx_destroy(f);
}

TestSuite(dmac_memcpy, .init = setup, .fini = teardown, .timeout = 60);

/* One copy through the client API; checks data, guards and unmapping */
static void copy_and_check(dfx *fx, struct dmac_chan *c, unsigned smaster, unsigned dmaster,
			   uint32_t src, uint32_t dst, uint32_t len, uint32_t seed)
{
	dfx_cb cb = { .f = fx };
	uint8_t *d = dfx_mem(fx, dmaster, dst - GUARD, len + 2 * GUARD);
	struct dmac_desc *desc;
	dmac_cookie ck;

	dfx_fill(fx, smaster, src, len, seed);
	memset(d, 0x5a, len + 2 * GUARD);
	desc = dmac_prep_memcpy(c, dfx_map(fx, dst, len, OSAL_DMA_FROM_DEVICE),
				dfx_map(fx, src, len, OSAL_DMA_TO_DEVICE), len,
				DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	cr_assert_not_null(desc, "prep len %u src 0x%x dst 0x%x", len, src, dst);
	dmac_desc_set_callback(desc, dfx_count, &cb);
	ck = dmac_submit(desc);
	cr_assert_gt(ck, 0);
	dmac_issue_pending(c);
	dfx_wait(fx, &cb.calls, 1, 40u * len + 2000u);
	cr_assert_eq(cb.failed, 0);
	cr_assert_eq(dmac_tx_status(c, ck, NULL), DMAC_COMPLETE);
	for (uint32_t i = 0; i < GUARD; i++) {
		cr_assert_eq(d[i], 0x5a, "guard before, byte %u, len %u", i, len);
		cr_assert_eq(d[GUARD + len + i], 0x5a, "guard after, byte %u, len %u", i, len);
	}
	for (uint32_t i = 0; i < len; i++)
		cr_assert_eq(d[GUARD + i], hx_pattern_byte(seed, i),
			     "len %u src 0x%x dst 0x%x: byte %u is 0x%02x", len, src, dst, i, d[GUARD + i]);
	dfx_no_leaks(fx);
}

Test(dmac_memcpy, every_size_class_and_alignment_copies_exactly)
{
	static const uint32_t sizes[] = { 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1023,
					  1024, 1025, 4095, 4096, 4097, 16383, 16385, 20000 };
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	uint32_t seed = 1;

	cr_assert_not_null(c);
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (unsigned so = 0; so < 4; so++)
			for (unsigned dso = 0; dso < 4; dso++)
				copy_and_check(f, c, 0, 0, SRC + 0x40 + so, DST + 0x40 + dso, sizes[s], seed++);
	dmac_release_chan(c);
	dfx_no_leaks(f);
}

/* The items of a descriptor, read back from its LLI block */
static uint32_t item(const struct dmac_desc *d, unsigned k, unsigned word)
{
	return d->lli[4 * k + word];
}

Test(dmac_memcpy, items_respect_4095_transfers_widths_and_end_with_lli_0_and_i)
{
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	/* 40000 word-aligned bytes: 10000 words = 4095 + 4095 + 1810 */
	struct dmac_desc *d = dmac_prep_memcpy(c, DST, SRC, 40000, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);

	cr_assert_not_null(d);
	cr_assert_eq(d->n_lli, 3);
	cr_assert_eq(item(d, 0, DMAC_LLI_CTL) & 0xfff, 4095);
	cr_assert_eq(item(d, 1, DMAC_LLI_CTL) & 0xfff, 4095);
	cr_assert_eq(item(d, 2, DMAC_LLI_CTL) & 0xfff, 1810);
	for (unsigned k = 0; k < 3; k++) {
		uint32_t ctl = item(d, k, DMAC_LLI_CTL);

		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_SWIDTH), 2);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_DWIDTH), 2);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_SBSIZE), 1);          /* burst 4 */
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_SI), 1);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_DI), 1);
		cr_assert_eq(DMAC_GET(ctl, DMAC_CCTL_I), k == 2);
		cr_assert_eq(item(d, k, DMAC_LLI_SRC), SRC + 16380u * k);
		cr_assert_eq(item(d, k, DMAC_LLI_NEXT), k == 2 ? 0 : d->lli_bus + 16u * (k + 1));
	}
	dmac_desc_put(d);
	dmac_release_chan(c);
}

Test(dmac_memcpy, unaligned_source_gets_a_byte_head_then_words_and_a_tail)
{
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	/* src 0x...1: 3 bytes to alignment, then 100 bytes as words (dst +3 is then 4-aligned), 2 left */
	struct dmac_desc *d = dmac_prep_memcpy(c, DST + 1, SRC + 1, 105, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);

	cr_assert_not_null(d);
	cr_assert_eq(d->n_lli, 3);
	cr_assert_eq(item(d, 0, DMAC_LLI_CTL) & 0xfff, 3);
	cr_assert_eq(DMAC_GET(item(d, 0, DMAC_LLI_CTL), DMAC_CCTL_SWIDTH), 0);
	cr_assert_eq(item(d, 1, DMAC_LLI_CTL) & 0xfff, 25);
	cr_assert_eq(DMAC_GET(item(d, 1, DMAC_LLI_CTL), DMAC_CCTL_SWIDTH), 2);
	cr_assert_eq(DMAC_GET(item(d, 1, DMAC_LLI_CTL), DMAC_CCTL_DWIDTH), 2);
	cr_assert_eq(item(d, 2, DMAC_LLI_CTL) & 0xfff, 1);
	cr_assert_eq(DMAC_GET(item(d, 2, DMAC_LLI_CTL), DMAC_CCTL_SWIDTH), 1);   /* 2 bytes as a halfword */
	dmac_desc_put(d);
	/* Different alignments: source words, destination bytes packed by the FIFO */
	d = dmac_prep_memcpy(c, DST + 1, SRC, 64, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	cr_assert_eq(d->n_lli, 1);
	cr_assert_eq(DMAC_GET(item(d, 0, DMAC_LLI_CTL), DMAC_CCTL_SWIDTH), 2);
	cr_assert_eq(DMAC_GET(item(d, 0, DMAC_LLI_CTL), DMAC_CCTL_DWIDTH), 0);
	cr_assert_eq(item(d, 0, DMAC_LLI_CTL) & 0xfff, 16);
	dmac_desc_put(d);
	dmac_release_chan(c);
}

Test(dmac_memcpy, too_long_for_one_lli_block_is_refused)
{
	struct dmac_chan *c = dmac_request_memcpy(f->d);

	/* 64 items of at most 4095 bytes (byte widths from an odd address pair that never aligns) */
	cr_assert_not_null(dmac_prep_memcpy(c, DST, SRC, 64u * 4095u * 4u, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP));
	cr_assert_null(dmac_prep_memcpy(c, DST, SRC, 64u * 4095u * 4u + 4u, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP));
	cr_assert_null(dmac_prep_memcpy(c, DST, SRC, 0, DMAC_CTRL_ACK));
	dmac_release_chan(c);
}

Test(dmac_memcpy, sixteen_words_complete_at_exact_cycles)
{
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	dfx_cb cb = { .f = f };
	struct dmac_desc *d;
	uint64_t t0;

	dfx_fill(f, 0, SRC, 64, 7);
	d = dmac_prep_memcpy(c, DST, SRC, 64, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	t0 = hx_sim_cycle(f->sim);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 10000);
	/* issue_pending: 7 register accesses of 4 cycles, the enabling one at t = t0 + 28; four
	 * INCR4 read/write pieces on AHB1, 11 cycles each (docs/timing-model.md 6), the last write
	 * ends at t + 45 and DMACINTR rises at t + 46 = t0 + 74; takeable 10 cycles later (t0 + 84);
	 * the handler's three accesses (IntErrorStatus, IntTCStatus, IntTCClear) end at t0 + 96,
	 * where the return to thread context runs the deferred work and its callback */
	cr_assert_eq(cb.cycle[0] - t0, 96, "callback at t0 + %lu", (unsigned long)(cb.cycle[0] - t0));
	cr_assert_eq(f->irqs, 1);
	cr_assert_eq(memcmp(dfx_mem(f, 0, SRC, 64), dfx_mem(f, 0, DST, 64), 64), 0);
	dmac_release_chan(c);
}

Test(dmac_memcpy, memcpy_buffers_are_unmapped_unless_skipped)
{
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	dfx_cb cb = { .f = f };
	osal_hx_stats st;
	struct dmac_desc *d;

	d = dmac_prep_memcpy(c, dfx_map(f, DST, 32, OSAL_DMA_FROM_DEVICE),
			     dfx_map(f, SRC, 32, OSAL_DMA_TO_DEVICE), 32, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 10000);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.maps_live, 0);

	dfx_map(f, DST, 32, OSAL_DMA_FROM_DEVICE);
	dfx_map(f, SRC, 32, OSAL_DMA_TO_DEVICE);
	d = dmac_prep_memcpy(c, DST, SRC, 32, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 2, 10000);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.maps_live, 2, "the client's to unmap");
	osal_dma_unmap(f->od, DST, 32, OSAL_DMA_FROM_DEVICE);
	osal_dma_unmap(f->od, SRC, 32, OSAL_DMA_TO_DEVICE);
	dmac_release_chan(c);
	dfx_no_leaks(f);
}

Test(dmac_memcpy, unacked_descriptor_lives_until_acked)
{
	struct dmac_chan *c = dmac_request_memcpy(f->d);
	dfx_cb cb = { .f = f };
	osal_hx_stats st;
	struct dmac_desc *d = dmac_prep_memcpy(c, DST, SRC, 32, DMAC_PREP_INTERRUPT | DMAC_PREP_SKIP_UNMAP);

	dmac_desc_set_callback(d, dfx_count, &cb);
	dmac_submit(d);
	dmac_issue_pending(c);
	dfx_wait(f, &cb.calls, 1, 10000);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.lli_blocks_used, 1);
	cr_assert(d->retired);
	dmac_desc_ack(d);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.lli_blocks_used, 0);
	dmac_release_chan(c);
}

Test(dmac_memcpy, both_masters_read_on_ahb1_write_on_ahb2_with_llis_on_ahb2)
{
	dfx *g = dfx_create(&(dfx_opts){ .mem_masters = 3, .lli_master = 1 });
	struct dmac_chan *c = dmac_request_memcpy(g->d);
	struct dmac_desc *d = dmac_prep_memcpy(c, DST, SRC, 20000, DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);

	for (unsigned k = 0; k < d->n_lli; k++) {
		cr_assert_eq(DMAC_GET(item(d, k, DMAC_LLI_CTL), DMAC_CCTL_S), 0);
		cr_assert_eq(DMAC_GET(item(d, k, DMAC_LLI_CTL), DMAC_CCTL_D), 1);
		if (k + 1 < d->n_lli)
			cr_assert_eq(DMAC_GET(item(d, k, DMAC_LLI_NEXT), DMAC_LLI_LM), 1);
	}
	dmac_desc_put(d);
	copy_and_check(g, c, 0, 1, SRC + 2, DST + 1, 20000, 99);
	/* nothing was written on AHB1's memory at the destination */
	cr_assert_eq(dfx_mem(g, 0, DST + 1, 1)[0], 0);
	dmac_release_chan(c);
	dfx_destroy(g);
}

Test(dmac_memcpy, pl081_two_channels_one_master)
{
	dfx *g = dfx_create(&(dfx_opts){ .variant = PL08X_VARIANT_PL081 });
	struct dmac_chan *c = dmac_request_memcpy(g->d);

	cr_assert_eq(g->d->n_phy, 2);
	cr_assert_eq(g->d->masters, 1);
	copy_and_check(g, c, 0, 0, SRC + 3, DST, 9000, 5);
	dmac_release_chan(c);
	dfx_destroy(g);
	/* A second master, or LLIs on AHB2, do not exist on the PL081 */
	struct dmac_dev d;
	struct dmac_platform pf = { .variant = DMAC_PL081, .mem_masters = 3, .memcpy_burst = 4, .memcpy_width = 4 };

	cr_assert_eq(dmac_init(&d, NULL, &pf), DMAC_EINVAL);
	pf.mem_masters = 1;
	pf.lli_master = 1;
	cr_assert_eq(dmac_init(&d, NULL, &pf), DMAC_EINVAL);
}
