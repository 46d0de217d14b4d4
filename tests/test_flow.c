/* The eight FlowCntrl types (TRM 3.4 table of transfer types and flow controllers) and
 * the per-request amounts: under DMAC flow (0..3) TransferSize decides the count, BREQ moves
 * min(burst, remaining) and SREQ one transfer, LBREQ/LSREQ are ignored; under peripheral
 * flow (4..7) TransferSize is not used and the controlling peripheral's LBREQ/LSREQ ends the
 * item. Memory under destination flow control (5) is read only on a destination request;
 * under DMAC flow (1) it is prefetched from the enable on.
 *
 * Cycle arithmetic as in test_requests.c: a request seen in step s gives IDLE in s+1 and the
 * first NONSEQ in s+2; an operation whose last data phase ends in d is followed by IDLE d+1
 * and the next operation's NONSEQ in d+2. Request lines are bypassed (Sync=1) unless a test
 * says otherwise.
 */
#include <criterion/criterion.h>

#include "tb.h"

#define MEM      0x00010000u
#define MEM_SIZE 0x10000u
#define SRC      (MEM + 0x0000u)
#define DST      (MEM + 0x4000u)
#define LLI_AT   (MEM + 0x8000u)
#define PA(line) (0x40000000u + 0x100u * (line))
#define SEED     0x5Au
#define STREAM   0x40u       /* first byte a source peripheral gives */

static tb *t;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t);
	tb_add_mem(t, 0, MEM, MEM_SIZE, 0);
	tb_wr(t, PL08X_CONFIG, 1);      /* controller enabled at cycle 0 */
	tb_wr(t, PL08X_SYNC, 0xFFFF);   /* every line bypasses the synchroniser */
	tb_mem_pattern(t, 0, SRC, 0x400, SEED);
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(flow, .init = setup, .fini = teardown, .timeout = 10);

/* ---- helpers ------------------------------------------------------------------------------ */

static uint32_t ccfg(unsigned flow, unsigned src_line, unsigned dst_line)
{
	return TB_CCFG(E, 1) | TB_CCFG(FLOW, flow) | TB_CCFG(SRC_PERIPH, src_line) |
	       TB_CCFG(DEST_PERIPH, dst_line) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1);
}

/* Word widths; a peripheral side does not increment */
static uint32_t ctl(unsigned ts, unsigned sbsize, unsigned dbsize, bool si, bool di, bool i)
{
	return tb_ctl(ts, sbsize, dbsize, PL08X_WIDTH_32, PL08X_WIDTH_32, si, di, i);
}

static void program(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli, uint32_t control,
		    uint32_t config)
{
	pl08x_lli it = { .src = src, .dst = dst, .lli = lli, .ctl = control };

	cr_assert_eq(tb_program(t, ch, &it, config), PL08X_ACCESS_OK);
}

static tb_periph *periph(unsigned line)
{
	tb_periph *p = tb_add_periph(t, line, 0, PA(line));

	p->next = STREAM;
	return p;
}

static void requests(tb_periph *p, const unsigned *kinds, size_t n, uint64_t at)
{
	for (size_t i = 0; i < n; i++)
		tb_periph_request(p, kinds[i], at);
}

static void run_to(uint64_t c)
{
	cr_assert(tb_run_to(t, c), "already at cycle %llu, wanted %llu",
		  (unsigned long long)tb_cycle(t), (unsigned long long)c);
}

/* Run until no channel is enabled, then a few cycles more for CLR/TC to fall */
static void run_done(uint64_t max)
{
	cr_assert(tb_run_until_idle(t, max), "channel still enabled at cycle %llu",
		  (unsigned long long)tb_cycle(t));
	tb_run(t, 10);
}

static uint64_t clr_rise(unsigned line, size_t n) { return tb_event_cycle(t, TB_EV_CLR, line, true, n); }
static uint64_t tc_rise(unsigned line, size_t n) { return tb_event_cycle(t, TB_EV_TC, line, true, n); }

static const tb_beat *rd(size_t n) { return tb_nth_beat(t, TB_ANY, TB_READ, n); }
static const tb_beat *wr(size_t n) { return tb_nth_beat(t, TB_ANY, TB_WRITE, n); }

static size_t beats_at(uint32_t addr, enum tb_dir dir)
{
	size_t n = 0;

	for (size_t i = 0; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];

		n += b->addr == addr && (dir == TB_EITHER || b->hwrite == (dir == TB_WRITE));
	}
	return n;
}

/*
 * The peripheral beats (at @addr, direction @dir) served by each of the first @n requests of
 * @line: request k owns the beats whose data phase ended after CLR rise k-1 and before CLR
 * rise k. Asserts the counts equal @want and that each CLR rose the cycle after the last
 * data phase of its request.
 */
static void assert_per_request(unsigned line, uint32_t addr, enum tb_dir dir,
			       const unsigned *want, size_t n)
{
	unsigned got[16] = { 0 };
	uint64_t last[16] = { 0 };

	cr_assert(n <= 16);
	for (size_t i = 0; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];
		size_t k = 0;

		if (b->addr != addr || b->hwrite != (dir == TB_WRITE))
			continue;
		while (k < n && clr_rise(line, k) <= b->done_cycle)
			k++;
		cr_assert_lt(k, n, "beat done in %llu after the last CLR",
			     (unsigned long long)b->done_cycle);
		got[k]++;
		if (b->done_cycle > last[k])
			last[k] = b->done_cycle;
	}
	for (size_t k = 0; k < n; k++) {
		cr_assert_eq(got[k], want[k], "request %zu moved %u transfers, expected %u",
			     k, got[k], want[k]);
		cr_assert_eq(clr_rise(line, k), last[k] + 1, "CLR %zu not at done+1", k);
	}
	cr_assert_eq(clr_rise(line, n), TB_NONE, "more CLR pulses than requests");
}

static void assert_stream(const uint8_t *bytes, size_t len, uint8_t first)
{
	for (size_t i = 0; i < len; i++)
		cr_assert_eq(bytes[i], (uint8_t)(first + i), "byte %zu", i);
}

static void assert_mem_stream(uint32_t addr, size_t len, uint8_t first)
{
	uint8_t buf[256];

	cr_assert(len <= sizeof buf);
	tb_mem_read(t, 0, addr, buf, len);
	assert_stream(buf, len, first);
}

static void assert_captured_source(const tb_periph *p, uint32_t src, size_t len)
{
	uint8_t buf[256];

	cr_assert_eq(p->cap_len, len);
	cr_assert(len <= sizeof buf);
	tb_mem_read(t, 0, src, buf, len);
	for (size_t i = 0; i < len; i++)
		cr_assert_eq(p->cap[i], buf[i], "captured byte %zu", i);
}

static void assert_clean(void)
{
	cr_assert_eq(t->violations, 0, "AHB violation: %s", t->violation);
	cr_assert_eq(t->stray, 0, "stray access at 0x%08x", (unsigned)t->stray_addr);
}

static unsigned ts_of(unsigned ch)
{
	return PL08X_GET(tb_ch_rd(t, ch, PL08X_CH_CONTROL), PL08X_CCTL_TS);
}

static const unsigned BREQ5[5] = { TB_BREQ, TB_BREQ, TB_BREQ, TB_BREQ, TB_BREQ };

/* ---- FlowCntrl 0: memory to memory -------------------------------------------------------- */

Test(flow, flow0_copies_memory_and_ignores_request_lines)
{
	tb_periph *p = periph(0);      /* SrcPeripheral = DestPeripheral = 0 */

	tb_periph_request(p, TB_BREQ, 1);
	program(0, SRC, DST, 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, true, true, true),
		ccfg(PL08X_FLOW_MEM2MEM, 0, 0));
	run_done(200);

	cr_assert_eq(tb_mem_cmp(t, 0, SRC, 0, DST, 32), -1);
	cr_assert_eq(tb_rd32(t, 0, DST + 32), 0);
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(t->rises[TB_EV_TC], 0);
	cr_assert_eq(p->served, 0);
	cr_assert_eq(beats_at(PA(0), TB_EITHER), 0);
	assert_clean();
}

/* ---- FlowCntrl 1: memory to peripheral, DMAC flow ----------------------------------------- */

Test(flow, flow1_17_words_burst_4_takes_four_bursts_and_a_fifth_breq_for_the_last_word)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(17, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER, 0, 3));
	requests(p, BREQ5, 5, 20);
	run_done(400);

	assert_per_request(3, PA(3), TB_WRITE, (const unsigned[]){ 4, 4, 4, 4, 1 }, 5);
	cr_assert_eq(t->rises[TB_EV_TC], 1);
	cr_assert_eq(tc_rise(3, 0), clr_rise(3, 4), "DMACTC with the fifth CLR only");
	assert_captured_source(p, SRC, 68);
	cr_assert_eq(ts_of(0), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1);
	assert_clean();
}

Test(flow, flow1_prefetches_the_source_from_the_enable_on)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER, 0, 3));      /* enabled at cycle 0 */
	tb_periph_request(p, TB_BREQ, 20);
	run_to(60);

	/* INCR4 of reads 2..5 before any request; the request of cycle 20 writes 22..25 */
	cr_assert_eq(rd(0)->cycle, 2);
	cr_assert_eq(rd(0)->hburst, PL08X_HBURST_INCR4);
	cr_assert_eq(rd(3)->cycle, 5);
	cr_assert_eq(wr(0)->cycle, 22);
	cr_assert_eq(wr(3)->cycle, 25);
	cr_assert_eq(clr_rise(3, 0), 27);
	/* and the next four words are fetched right after the FIFO empties, still unrequested */
	cr_assert_eq(rd(4)->cycle, 27);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 8);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 4);
	assert_clean();
}

Test(flow, flow1_sreq_alone_writes_one_transfer)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER, 0, 3));
	tb_periph_request(p, TB_SREQ, 20);
	run_to(60);

	cr_assert_eq(beats_at(PA(3), TB_WRITE), 1);
	cr_assert_eq(wr(0)->cycle, 22);
	cr_assert_eq(wr(0)->hburst, PL08X_HBURST_INCR);
	cr_assert_eq(clr_rise(3, 0), 24);
	cr_assert_eq(t->rises[TB_EV_CLR], 1);
	cr_assert_eq(t->rises[TB_EV_TC], 0);
	assert_captured_source(p, SRC, 4);
	assert_clean();
}

Test(flow, flow1_lbreq_and_lsreq_alone_are_ignored)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER, 0, 3));
	tb_periph_request(p, TB_LBREQ | TB_LSREQ, 20);
	run_to(100);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 0);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4, "only the prefetch");
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(p->served, 0);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	assert_clean();
}

Test(flow, flow1_transfer_size_ends_the_item_and_later_requests_are_not_served)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(6, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER, 0, 3));
	requests(p, BREQ5, 3, 20);
	run_to(200);

	assert_per_request(3, PA(3), TB_WRITE, (const unsigned[]){ 4, 2 }, 2);
	cr_assert_eq(tc_rise(3, 0), clr_rise(3, 1));
	cr_assert_eq(p->served, 2, "the third BREQ is left waiting");
	cr_assert_eq(p->pins, TB_BREQ);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 6);
	assert_captured_source(p, SRC, 24);
	assert_clean();
}

/* ---- FlowCntrl 2: peripheral to memory, DMAC flow ----------------------------------------- */

Test(flow, flow2_17_words_burst_4_takes_four_bursts_and_a_fifth_breq_for_the_last_word)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(17, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM, 3, 0));
	requests(p, BREQ5, 5, 10);
	run_done(400);

	assert_per_request(3, PA(3), TB_READ, (const unsigned[]){ 4, 4, 4, 4, 1 }, 5);
	cr_assert_eq(t->rises[TB_EV_TC], 1);
	cr_assert_eq(tc_rise(3, 0), clr_rise(3, 4), "DMACTC with the fifth CLR only");
	assert_mem_stream(DST, 68, STREAM);
	cr_assert_eq(tb_rd32(t, 0, DST + 68), 0);
	cr_assert_eq(ts_of(0), 0);
	assert_clean();
}

Test(flow, flow2_sreq_alone_reads_one_transfer)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM, 3, 0));
	tb_periph_request(p, TB_SREQ, 10);
	run_to(60);

	cr_assert_eq(beats_at(PA(3), TB_READ), 1);
	cr_assert_eq(rd(0)->cycle, 12);
	cr_assert_eq(clr_rise(3, 0), 14);
	cr_assert_eq(t->rises[TB_EV_CLR], 1);
	cr_assert_eq(t->rises[TB_EV_TC], 0);
	cr_assert_eq(ts_of(0), 7);
	assert_mem_stream(DST, 4, STREAM);
	assert_clean();
}

Test(flow, flow2_channel_with_only_lbreq_raised_does_nothing)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM, 3, 0));
	tb_periph_request(p, TB_LBREQ, 10);
	run_to(100);

	cr_assert_eq(tb_beat_count(t), 0);
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(p->served, 0);
	cr_assert_eq(ts_of(0), 8);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	assert_clean();
}

Test(flow, flow2_channel_with_only_lsreq_raised_does_nothing)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM, 3, 0));
	tb_periph_request(p, TB_LSREQ, 10);
	run_to(100);

	cr_assert_eq(tb_beat_count(t), 0);
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(ts_of(0), 8);
	assert_clean();
}

Test(flow, flow2_breq_moves_only_the_three_remaining_of_a_burst_of_4)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(3, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM, 3, 0));
	tb_periph_request(p, TB_BREQ, 10);
	run_done(100);

	/* three one-beat INCR reads 12..14 (fixed address), done 15 */
	cr_assert_eq(beats_at(PA(3), TB_READ), 3);
	cr_assert_eq(rd(2)->cycle, 14);
	cr_assert_eq(rd(2)->hburst, PL08X_HBURST_INCR);
	cr_assert_eq(clr_rise(3, 0), 16);
	cr_assert_eq(tc_rise(3, 0), 16);
	cr_assert_eq(t->rises[TB_EV_CLR], 1);
	assert_mem_stream(DST, 12, STREAM);
	cr_assert_eq(tb_rd32(t, 0, DST + 12), 0);
	assert_clean();
}

Test(flow, flow2_transfer_size_0_ends_the_item_without_serving_a_request)
{
	tb_periph *p = periph(3);

	tb_periph_request(p, TB_SREQ, 5);
	run_to(10);
	program(0, PA(3), DST, 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM, 3, 0));
	run_to(40);

	cr_assert_eq(tb_beat_count(t), 0);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 11);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(t->rises[TB_EV_TC], 0);
	assert_clean();
}

/* ---- FlowCntrl 3: peripheral to peripheral, DMAC flow ------------------------------------- */

Test(flow, flow3_moves_transfer_size_between_peripherals_with_tc_to_both)
{
	tb_periph *s = periph(1), *d = periph(2);

	program(0, PA(1), PA(2), 0, ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, false, false, true),
		ccfg(PL08X_FLOW_SRC2DST, 1, 2));
	requests(s, BREQ5, 2, 10);
	requests(d, BREQ5, 3, 10);
	run_to(200);

	assert_per_request(1, PA(1), TB_READ, (const unsigned[]){ 4, 4 }, 2);
	assert_per_request(2, PA(2), TB_WRITE, (const unsigned[]){ 4, 4 }, 2);
	cr_assert_eq(tc_rise(1, 0), clr_rise(1, 1));
	cr_assert_eq(tc_rise(2, 0), clr_rise(2, 1));
	cr_assert_eq(t->rises[TB_EV_TC], 2);
	cr_assert_eq(d->cap_len, 32);
	assert_stream(d->cap, 32, STREAM);
	cr_assert_eq(d->served, 2, "third destination BREQ after the end is not served");
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	assert_clean();
}

/* ---- FlowCntrl 4: peripheral to peripheral, destination controls -------------------------- */

Test(flow, flow4_destination_lbreq_ends_the_item)
{
	tb_periph *s = periph(1), *d = periph(2);

	program(0, PA(1), PA(2), 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, false, true),
		ccfg(PL08X_FLOW_SRC2DST_DST, 1, 2));
	requests(s, BREQ5, 2, 10);
	requests(d, (const unsigned[]){ TB_BREQ, TB_LBREQ }, 2, 10);
	run_done(300);

	assert_per_request(1, PA(1), TB_READ, (const unsigned[]){ 4, 4 }, 2);
	assert_per_request(2, PA(2), TB_WRITE, (const unsigned[]){ 4, 4 }, 2);
	cr_assert_eq(d->cap_len, 32);
	assert_stream(d->cap, 32, STREAM);
	cr_assert_eq(t->rises[TB_EV_TC], 0, "no DMACTC under peripheral flow control");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1);
	/* the item ends when the last write of the LBREQ ends: TC status there, INTTC next cycle */
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), wr(7)->done_cycle + 1);
	assert_clean();
}

/* ---- FlowCntrl 5: memory to peripheral, destination controls ------------------------------ */

Test(flow, flow5_reads_memory_only_after_the_destination_request)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER_PER, 0, 3));   /* enabled at cycle 0 */
	tb_periph_request(p, TB_BREQ, 20);
	run_to(80);

	cr_assert_eq(tb_event_cycle(t, TB_EV_BREQ, 3, true, 0), 20);
	cr_assert_eq(rd(0)->cycle, 22, "no source beat before the request");
	cr_assert_eq(rd(0)->hburst, PL08X_HBURST_INCR4);
	cr_assert_eq(wr(0)->cycle, 28);
	cr_assert_eq(wr(3)->done_cycle, 32);
	cr_assert_eq(clr_rise(3, 0), 33);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4, "nothing read ahead afterwards");
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 4);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	assert_captured_source(p, SRC, 16);
	assert_clean();
}

Test(flow, flow5_destination_lsreq_ends_the_item_after_nine_words)
{
	tb_periph *p = periph(3);

	program(0, SRC, PA(3), 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true),
		ccfg(PL08X_FLOW_MEM2PER_PER, 0, 3));
	requests(p, (const unsigned[]){ TB_BREQ, TB_BREQ, TB_LSREQ }, 3, 10);
	run_done(300);

	assert_per_request(3, PA(3), TB_WRITE, (const unsigned[]){ 4, 4, 1 }, 3);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 9);
	assert_captured_source(p, SRC, 36);
	cr_assert_eq(t->rises[TB_EV_TC], 0);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), wr(8)->done_cycle + 1);
	assert_clean();
}

Test(flow, flow5_lli_chain_continues_with_the_next_requests)
{
	tb_periph *p = periph(3);
	const pl08x_lli next = { .src = SRC + 0x100, .dst = PA(3), .lli = 0,
				 .ctl = ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, true) };
	uint8_t want[52];

	tb_write_lli(t, 0, LLI_AT, &next, 1);
	program(0, SRC, PA(3), LLI_AT, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, true, false, false),
		ccfg(PL08X_FLOW_MEM2PER_PER, 0, 3));
	requests(p, (const unsigned[]){ TB_BREQ, TB_LSREQ, TB_BREQ, TB_LBREQ }, 4, 10);
	run_done(400);

	tb_mem_read(t, 0, SRC, want, 20);
	tb_mem_read(t, 0, SRC + 0x100, want + 20, 32);
	cr_assert_eq(p->cap_len, 52);
	for (size_t i = 0; i < 52; i++)
		cr_assert_eq(p->cap[i], want[i], "captured byte %zu", i);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 5 + 4 + 8, "item 1, LLI, item 2");
	cr_assert_eq(t->rises[TB_EV_INTTC], 1, "only item 2 has I=1");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1);
	assert_clean();
}

/* ---- FlowCntrl 6: peripheral to memory, source controls ----------------------------------- */

Test(flow, flow6_three_bursts_then_lsreq_move_13_words_then_e_clears)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM_PER, 3, 0));
	requests(p, (const unsigned[]){ TB_BREQ, TB_BREQ, TB_BREQ, TB_LSREQ }, 4, 10);
	run_done(300);

	assert_per_request(3, PA(3), TB_READ, (const unsigned[]){ 4, 4, 4, 1 }, 4);
	assert_mem_stream(DST, 52, STREAM);
	cr_assert_eq(tb_rd32(t, 0, DST + 52), 0);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 13);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(t->rises[TB_EV_TC], 0, "no DMACTC under peripheral flow control");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1);
	/* the FIFO is flushed first: TC status when the last write ends */
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), wr(12)->done_cycle + 1);
	assert_clean();
}

Test(flow, flow6_transfer_size_is_not_used)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(2, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true),
		ccfg(PL08X_FLOW_PER2MEM_PER, 3, 0));
	requests(p, (const unsigned[]){ TB_BREQ, TB_BREQ, TB_BREQ, TB_LSREQ }, 4, 10);
	run_done(300);

	cr_assert_eq(beats_at(PA(3), TB_READ), 13);
	assert_mem_stream(DST, 52, STREAM);
	cr_assert_eq(p->served, 4);
	assert_clean();
}

Test(flow, flow6_item_with_i_0_ends_without_tc_status)
{
	tb_periph *p = periph(3);

	program(0, PA(3), DST, 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, false),
		ccfg(PL08X_FLOW_PER2MEM_PER, 3, 0));
	requests(p, (const unsigned[]){ TB_BREQ, TB_LBREQ }, 2, 10);
	run_done(300);

	assert_mem_stream(DST, 32, STREAM);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	assert_clean();
}

Test(flow, flow6_lli_chain_loads_the_next_item_after_lsreq)
{
	tb_periph *p = periph(3);
	const pl08x_lli next = { .src = PA(3), .dst = DST + 0x100, .lli = 0,
				 .ctl = ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, true) };

	tb_write_lli(t, 0, LLI_AT, &next, 1);
	program(0, PA(3), DST, LLI_AT, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, true, false),
		ccfg(PL08X_FLOW_PER2MEM_PER, 3, 0));
	requests(p, (const unsigned[]){ TB_BREQ, TB_LSREQ, TB_BREQ, TB_LBREQ }, 4, 10);
	run_done(400);

	assert_per_request(3, PA(3), TB_READ, (const unsigned[]){ 4, 1, 4, 4 }, 4);
	assert_mem_stream(DST, 20, STREAM);
	cr_assert_eq(tb_rd32(t, 0, DST + 20), 0);
	assert_mem_stream(DST + 0x100, 32, (uint8_t)(STREAM + 20));
	cr_assert_eq(beats_at(LLI_AT + 12, TB_READ), 1);
	/* The request for item 2 is already pending when the item is loaded (step e = LLI word 3
	 * done), but requests are latched in phase 2 of a step and items loaded in phase 4: the
	 * request is latched and the read arbitrated in step e+1, IDLE e+2, NONSEQ e+3. */
	const tb_beat *lli3 = NULL, *first2 = NULL;
	for (size_t i = 0; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];
		if (b->addr == LLI_AT + 12)
			lli3 = b;
		else if (lli3 && !first2 && b->addr == PA(3))
			first2 = b;
	}
	cr_assert_not_null(first2);
	cr_assert_eq(first2->cycle, lli3->done_cycle + 3);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	assert_clean();
}

/* ---- FlowCntrl 7: peripheral to peripheral, source controls ------------------------------- */

Test(flow, flow7_source_lbreq_ends_the_item_after_the_fifo_is_flushed)
{
	tb_periph *s = periph(1), *d = periph(2);

	program(0, PA(1), PA(2), 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, false, true),
		ccfg(PL08X_FLOW_SRC2DST_SRC, 1, 2));
	requests(s, (const unsigned[]){ TB_BREQ, TB_LBREQ }, 2, 10);
	requests(d, BREQ5, 2, 10);
	run_done(300);

	assert_per_request(1, PA(1), TB_READ, (const unsigned[]){ 4, 4 }, 2);
	assert_per_request(2, PA(2), TB_WRITE, (const unsigned[]){ 4, 4 }, 2);
	cr_assert_eq(d->cap_len, 32);
	assert_stream(d->cap, 32, STREAM);
	cr_assert_eq(t->rises[TB_EV_TC], 0);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), wr(7)->done_cycle + 1);
	assert_clean();
}

Test(flow, flow7_item_waits_for_the_destination_to_drain_the_fifo)
{
	tb_periph *s = periph(1), *d = periph(2);

	program(0, PA(1), PA(2), 0, ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, false, false, true),
		ccfg(PL08X_FLOW_SRC2DST_SRC, 1, 2));
	tb_periph_request(s, TB_LSREQ, 10);
	run_to(60);
	/* the last single was read but the destination has not asked: the item is not over */
	cr_assert_eq(beats_at(PA(1), TB_READ), 1);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_A), 1);
	tb_periph_request(d, TB_SREQ, 60);
	run_to(100);

	cr_assert_eq(beats_at(PA(2), TB_WRITE), 1);
	cr_assert_eq(wr(0)->cycle, 62);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 64);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	assert_stream(d->cap, 4, STREAM);
	assert_clean();
}
