/* One HCLK cycle of the whole block. The order below is the order of events inside a
 * cycle, and docs/timing-model.md derives every latency from it:
 *   1. request lines: synchronisers shift, handshakes whose request dropped end;
 *   2. channels latch new peripheral requests;
 *   3. each master completes its data phase (or holds on a wait state);
 *   4. channels finish items: TC status, next LLI item, or disable;
 *   5. each master drives the next address phase of its operation; then each master that
 *      has no operation arbitrates (the cycle after an arbitration is IDLE);
 *   6. outputs are worked out from the new state.
 */
#include <stddef.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

void pl08x_refresh_outputs(pl08x_dev *dev)
{
	pl08x_irq_outputs(dev, &dev->irq_pins);
	dev->irq_outs_stale = false;
}

/* pl08x_irq_pins has the layout of those pins in pl08x_pins_out: one small block copy. (Its
 * wide loads wait for the narrow stores that wrote the pins only in the rare step that
 * worked them out again.) */
_Static_assert(offsetof(pl08x_irq_pins, clr) == 0 &&
	       offsetof(pl08x_pins_out, tc) - offsetof(pl08x_pins_out, clr) == offsetof(pl08x_irq_pins, tc) &&
	       offsetof(pl08x_pins_out, intr) - offsetof(pl08x_pins_out, clr) == offsetof(pl08x_irq_pins, intr) &&
	       offsetof(pl08x_pins_out, inttc) - offsetof(pl08x_pins_out, clr) == offsetof(pl08x_irq_pins, inttc) &&
	       offsetof(pl08x_pins_out, interr) - offsetof(pl08x_pins_out, clr) == offsetof(pl08x_irq_pins, interr),
	       "pl08x_irq_pins does not match pl08x_pins_out");
#define IRQ_PINS_BYTES (offsetof(pl08x_irq_pins, interr) + sizeof(bool))

void pl08x_copy_irq_pins(const pl08x_irq_pins *pins, pl08x_pins_out *out)
{
	memcpy((unsigned char *)out + offsetof(pl08x_pins_out, clr), pins, IRQ_PINS_BYTES);
}

#if defined(__SSE2__)
/* Both masters' bus pins at once. pl08x_pins_out keeps each pin of the two masters side by
 * side, and the first 6 bytes of a beat are those pins in the order of pl08x_pins_out:
 * interleaving the two beats' first 8 bytes gives them in place, stored in three moves
 * rather than 12 byte loads and stores. Only 8 bytes of each beat are loaded: a beat issued
 * off the per-op path is a 16-byte copy followed by narrow stores to lli_word and addr,
 * which a wide load over them would have to wait for (store-to-load forwarding). */
_Static_assert(offsetof(pl08x_beat, hwrite) == 0 && offsetof(pl08x_beat, hsize) == 1 &&
	       offsetof(pl08x_beat, hburst) == 2 && offsetof(pl08x_beat, hprot) == 3 &&
	       offsetof(pl08x_beat, hlock) == 4 && offsetof(pl08x_beat, htrans) == 5,
	       "pl08x_beat: the pins first, in the order of pl08x_pins_out");
_Static_assert(offsetof(pl08x_pins_out, hsize) == offsetof(pl08x_pins_out, hwrite) + 2 &&
	       offsetof(pl08x_pins_out, hburst) == offsetof(pl08x_pins_out, hwrite) + 4 &&
	       offsetof(pl08x_pins_out, hprot) == offsetof(pl08x_pins_out, hwrite) + 6 &&
	       offsetof(pl08x_pins_out, hlock) == offsetof(pl08x_pins_out, hwrite) + 8 &&
	       sizeof(bool) == 1 && PL08X_MASTERS == 2,
	       "pl08x_pins_out: two-byte pins from hwrite to hlock");
static inline void pl08x_bus_outputs_sse2(const pl08x_dev *dev, pl08x_pins_out *out)
{
	const pl08x_beat *a0 = &dev->m[0].addr_phase, *a1 = &dev->m[1].addr_phase;
	__m128i pins = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(const void *)a0),
					 _mm_loadl_epi64((const __m128i *)(const void *)a1));
	unsigned char *o = (unsigned char *)out;
	uint16_t pair;

	_mm_storel_epi64((__m128i *)(void *)(o + offsetof(pl08x_pins_out, hwrite)), pins);
	pair = (uint16_t)_mm_extract_epi16(pins, 4);
	memcpy(o + offsetof(pl08x_pins_out, hlock), &pair, sizeof(pair));
	pair = (uint16_t)_mm_extract_epi16(pins, 5);
	memcpy(o + offsetof(pl08x_pins_out, htrans), &pair, sizeof(pair));
	out->haddr[0] = a0->addr;
	out->haddr[1] = a1->addr;
	out->hwdata[0] = dev->m[0].data_phase.wdata;
	out->hwdata[1] = dev->m[1].data_phase.wdata;
}
#endif

/* Written out rather than looped: the compiler keeps the loop, which costs a step more than
 * its body. (A PL081 drives its absent AHB2 from an all-zero beat.) */
static inline void bus_outputs(const pl08x_dev *dev, pl08x_pins_out *out)
{
	_Static_assert(PL08X_MASTERS == 2, "one pl08x_ahb_outputs() call per master");
#if defined(__SSE2__)
	pl08x_bus_outputs_sse2(dev, out);
#else
	pl08x_ahb_outputs(dev, 0, out);
	pl08x_ahb_outputs(dev, 1, out);
#endif
}

#if defined(__GNUC__)
#define PL08X_NOINLINE __attribute__((noinline))
#define PL08X_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define PL08X_NOINLINE
#define PL08X_LIKELY(x) (x)
#endif

/* Both masters' HREADY high and neither HRESP an ERROR: one test of the four bytes that
 * pl08x_pins_in starts with. */
static inline bool bus_clean(const pl08x_pins_in *in)
{
	_Static_assert(offsetof(pl08x_pins_in, hready) == 0 && offsetof(pl08x_pins_in, hresp) == 2 &&
		       sizeof(bool) == 1 && PL08X_HRESP_OKAY == 0 && PL08X_MASTERS == 2,
		       "pl08x_pins_in: hready, hresp first");
	static const uint8_t clean_bus[4] = { 1, 1, PL08X_HRESP_OKAY, PL08X_HRESP_OKAY };

	return memcmp(in, clean_bus, sizeof(clean_bus)) == 0;
}

/* The step in full: everything but the quick step of pl08x_step(). */
PL08X_FLATTEN PL08X_NOINLINE static void full_step(pl08x_dev *dev, const pl08x_pins_in *in,
						   pl08x_pins_out *out)
{
	unsigned masters = dev->nmasters;

	pl08x_req_sample(dev, in);
	if (dev->req_any)
		for (unsigned n = 0; n < dev->nchan; n++)
			pl08x_req_latch(dev, n);
	/* Constant master numbers let the compiler specialise each port's code. When both
	 * masters' HREADY is high with no ERROR (the common case, one test of the four bytes
	 * that pl08x_pins_in starts with), pl08x_chan_fast_beat() captures, and the common beat
	 * of a memory-to-memory op is completed and its next beat issued there at once (fast:
	 * 1 captured only, 2 issued too or no op, 3 when that was the op's last beat, which ends
	 * at the issue). An ERROR on the other master could drop the op before its issue slot.
	 * A PL081's absent AHB2 is an all-zero port, on which a capture and an issue change
	 * nothing: they run without a test of the master count (its arbitration may not, as
	 * the arbiter works on the shared cache). */
	bool clean = bus_clean(in);
	bool streaming0 = false, streaming1 = false;
	unsigned fast0 = clean ? pl08x_chan_fast_beat(dev, 0, in, &streaming0) : 0u;
	if (!fast0)
		pl08x_ahb_capture(dev, 0, in);
	unsigned fast1 = clean ? pl08x_chan_fast_beat(dev, 1, in, &streaming1) : 0u;
	if (!fast1)
		pl08x_ahb_capture(dev, 1, in);
	/* Stored now, so that nothing is kept across the rest of the step: nothing after the
	 * fast beats changes a streaming master's op (it has an address phase: no issue, no
	 * arbitration), and a later change of the request state clears it
	 * (pl08x_req_update_idle). */
	dev->quick = streaming0 & streaming1 & dev->req_idle & !dev->req_any;
	/* Only channels with news can have finished an item (not those in the high byte). */
	unsigned touched = (uint8_t)dev->touched;
	dev->touched = 0;
	for (; touched; touched &= touched - 1u)
		pl08x_chan_update(dev, pl08x_lowest_bit(touched));
	/* 2, a fast beat that was not the op's last, first: the common case in one test */
	if (fast0 != 2) {
		if (fast0 == 3)
			pl08x_chan_end_op(dev, 0);
		else
			pl08x_ahb_issue(dev, 0);
	}
	if (fast1 != 2) {
		if (fast1 == 3)
			pl08x_chan_end_op(dev, 1);
		else
			pl08x_ahb_issue(dev, 1);
	}
	/* Settled after both masters issued, lowest channel first, so that master order does
	 * not decide which of two simultaneous bursts owns. */
	if (dev->owner_bids) {
		unsigned n = 0;
		while (!(dev->owner_bids & (1u << n)))
			n++;
		if (dev->burst_owner == PL08X_NO_OWNER)
			dev->burst_owner = (uint8_t)n;
		dev->owner_bids = 0;
	}
	pl08x_ahb_arbitrate(dev, 0);
	if (masters > 1)
		pl08x_ahb_arbitrate(dev, 1);
	dev->cycle++;
	bus_outputs(dev, out);
	/* The interrupt and CLR/TC pins only change when what they are worked out from does. */
	if (dev->irq_outs_stale)
		pl08x_refresh_outputs(dev);
	pl08x_copy_irq_pins(&dev->irq_pins, out);
}

/* The quick step: both masters stream beats of their ops, no request is up or on its way
 * (pl08x_dev.quick), the bus is clean and no channel is touched. Then full_step() would do
 * no more than each master's stream beat (pl08x_chan_stream_beat), the end of an op whose
 * last beat that was, the clearing of touched and the outputs: no item checks, no issue or
 * arbitration (both masters have just issued), no owner bid (deferring ops make none), no
 * request (req_any stays false), no interrupt outputs to work out (stale only after a
 * register write, which clears the flag). */
PL08X_FLATTEN void pl08x_step(pl08x_dev *dev, const pl08x_pins_in *in, pl08x_pins_out *out)
{
	/* Tested alone first, and the rest loaded after it: most steps are full ones, which
	 * then cost a load, a test and a jump here. */
	if (PL08X_LIKELY(!dev->quick)) {
		full_step(dev, in, out);
		return;
	}
	if (!bus_clean(in) || !pl08x_req_pins_low(in) || (uint8_t)dev->touched) {
		full_step(dev, in, out);
		return;
	}
	PL08X_ASSERT(!dev->owner_bids && !dev->irq_outs_stale && dev->nmasters == 2 &&
		     dev->req_idle && !dev->req_any);
	/* Each op ends straight after its last beat, where full_step() ends both after both
	 * beats: the two ops are of different channels, and a stream beat reads nothing that
	 * the end of the other master's op changes (that op's channel, epoch, touched, the
	 * arbiter's stale channels). Fewer values live across the second beat: fewer spills. */
	dev->touched = 0;
	bool last0 = pl08x_chan_stream_beat(dev, 0, in);
	if (last0)
		pl08x_chan_end_op(dev, 0);
	bool last1 = pl08x_chan_stream_beat(dev, 1, in);
	if (last1)
		pl08x_chan_end_op(dev, 1);
	if (last0 | last1)
		dev->quick = false;
	dev->cycle++;
	bus_outputs(dev, out);
	pl08x_copy_irq_pins(&dev->irq_pins, out);
}

void pl08x_outputs(const pl08x_dev *dev, pl08x_pins_out *out)
{
	pl08x_ahb_outputs(dev, 0, out);
	pl08x_ahb_outputs(dev, 1, out);
	pl08x_copy_irq_pins(&dev->irq_pins, out);
}
