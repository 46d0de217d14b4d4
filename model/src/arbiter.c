/* Channel arbitration (TRM 3.2; ARM knowledge article on PL080 arbitration).
 *
 * One arbiter per master, run whenever the master has no operation left to issue. Fixed
 * priority, channel 0 highest. A channel 0..5 whose DMA burst needs more than one FIFO-sized
 * piece becomes the burst owner: until the burst ends every arbiter serves it first, and
 * the master(s) its burst runs on wait for it even while it has nothing ready (its read data
 * is still on the way, say). Channels 6 and 7 never own a burst, so a higher-priority
 * channel gets the master after at most one FIFO of theirs. Only one channel owns a burst
 * at a time, so two owners can never wait for each other's master.
 *
 * The answers of the channels (pl08x_chan_next_op) are cached in pl08x_arb, and only the
 * channels whose state changed since (stale) are asked again.
 */
#include <string.h>

#include "internal.h"

/* Bit of channel n on master m in pl08x_arb.want */
static uint32_t arb_bit(unsigned n, unsigned m)
{
	return 1u << (n + PL08X_MAX_CHANNELS * m);
}

/* Both bits of channel n in pl08x_arb.want: one shift */
static uint32_t arb_bits(unsigned n)
{
	_Static_assert(PL08X_MASTERS == 2 && PL08X_MAX_CHANNELS == 8, "want is two bytes of channel bits");
	return 0x101u << n;
}

/* Work out again the next op of every stale channel. */
static void refresh(pl08x_dev *dev)
{
	pl08x_arb *arb = &dev->arb;
	unsigned stale = arb->stale;

	if (!stale)
		return; /* often so with few channels: not even the masking below */
	/* Every stale channel's bits cleared at once, rather than each in its turn. */
	uint32_t want = arb->want & ~(stale * arb_bits(0));
	for (; stale; stale &= stale - 1u) {
		unsigned n = pl08x_lowest_bit(stale), master;

		if (pl08x_chan_next_op(dev, n, &arb->op[n], &master))
			want |= arb_bit(n, master);
	}
	arb->want = want;
	arb->stale = 0;
}

/* Whether channel n has a next op, on either master (after refresh). */
static bool has_op(const pl08x_dev *dev, unsigned n)
{
	return dev->arb.want & arb_bits(n);
}

#ifdef PL08X_DEBUG_ASSERT
/* The cache must give what asking every channel would give. */
static bool cache_ok(const pl08x_dev *dev)
{
	for (unsigned n = 0; n < dev->nchan; n++) {
		pl08x_op op;
		unsigned master;
		bool wants = pl08x_chan_next_op(dev, n, &op, &master);
		const pl08x_op *c = &dev->arb.op[n];

		for (unsigned m = 0; m < PL08X_MASTERS; m++)
			if (!(dev->arb.want & arb_bit(n, m)) != !(wants && master == m))
				return false;
		if (wants && (memcmp(&c->beat, &op.beat, sizeof(op.beat)) || c->beats_left != op.beats_left ||
			      !c->active || c->started))
			return false;
	}
	return true;
}
#endif

/* The owner keeps its claim while it is running its burst; once it waits for something
 * outside the DMAC (a request, a halt), the claim lapses and priorities apply again. */
static bool owner_keeps_claim(const pl08x_dev *dev, unsigned n)
{
	const pl08x_chan *ch = &dev->ch[n];

	if (!pl08x_ch_enabled(ch) || ch->state != PL08X_CHS_RUN || PL08X_GET(ch->cfg, PL08X_CCFG_H) ||
	    !pl08x_chan_burst_masters(dev, n))
		return false;
	return ch->op_master != PL08X_NO_MASTER || ch->reads_in_flight || ch->writes_in_flight ||
	       has_op(dev, n);
}

/* The op that master m should run next, in *op; false (and *op untouched) when none. */
bool pl08x_arbitrate(pl08x_dev *dev, unsigned m, pl08x_op *op)
{
	refresh(dev);
	PL08X_ASSERT(cache_ok(dev));
	/* Read after the refresh, so that it need not be kept across the evaluations. */
	unsigned owner = dev->burst_owner;
	if (owner != PL08X_NO_OWNER)
		pl08x_chan_settle(dev, owner); /* its DMA burst counts, if an op of it runs */
	if (owner != PL08X_NO_OWNER && !owner_keeps_claim(dev, owner))
		dev->burst_owner = (uint8_t)(owner = PL08X_NO_OWNER);
	/* The lowest channel with an op for m, unless the owner has one or keeps m waiting. */
	unsigned want = (dev->arb.want >> (PL08X_MAX_CHANNELS * m)) & 0xFFu;
	if (owner != PL08X_NO_OWNER) {
		if (want & (1u << owner))
			want = 1u << owner;
		else if (pl08x_chan_burst_masters(dev, owner) & (1u << m))
			return false; /* kept for the owner */
	}
	if (!want)
		return false;
	unsigned n = pl08x_lowest_bit(want);
	/* A block copy: a struct assignment got assembled byte by byte in registers. */
	memcpy(op, &dev->arb.op[n], sizeof(*op));
	/* Running it, the channel has no next op until it ends (pl08x_chan_next_op() says so
	 * while op_master is set): the cache is brought up to date here, not asked again. */
	dev->arb.want &= ~arb_bits(n);
	return true;
}
