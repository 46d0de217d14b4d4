/* The DMA request interface (TRM Appendix B; ARM knowledge article on burst requests).
 *
 * Each of the 16 lines has four request kinds. Unless the Sync register bypasses it, a line
 * goes through two flip-flops, so a level is seen two cycles after it is sampled. Software
 * requests (Soft*Req) join after the synchroniser. A served request is answered with DMACCLR
 * (and DMACTC for the last transfer of a DMAC-controlled item), held until every request
 * kind of that line is seen low; a line is not served again while its CLR is high.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

static uint16_t line_bit(unsigned line) { return (uint16_t)(1u << line); }

/* Nothing in the synchronisers or from software, and no handshake open. Worked out again
 * after each change of these (sample, handshake end, Soft*Req write, reset) into req_idle,
 * so that the step reads one flag. Each array is read as one word. */
void pl08x_req_update_idle(pl08x_dev *dev)
{
	uint64_t s1, s2, hw, soft;

	memcpy(&s1, dev->sync1, sizeof(s1));
	memcpy(&s2, dev->sync2, sizeof(s2));
	memcpy(&hw, dev->req_hw, sizeof(hw));
	memcpy(&soft, dev->soft, sizeof(soft));
	dev->req_idle = !(s1 | s2 | hw | soft | dev->clr);
	dev->quick = false; /* a request may be up: the next step is a full one */
}

/* Nothing on the pins either: then a sample changes nothing but req_any, which is false. */
static bool all_quiet(const pl08x_dev *dev, const pl08x_pins_in *in)
{
	return dev->req_idle && pl08x_req_pins_low(in);
}

void pl08x_req_sample(pl08x_dev *dev, const pl08x_pins_in *in)
{
	if (all_quiet(dev, in)) {
		dev->req_any = false;
		return;
	}

	const uint16_t raw[4] = { in->breq, in->sreq, in->lbreq, in->lsreq };
	uint16_t bypass = (uint16_t)dev->sync;
	uint16_t any = 0;

	for (unsigned k = 0; k < 4; k++) {
		uint16_t synced = dev->sync2[k];
		dev->sync2[k] = dev->sync1[k];
		dev->sync1[k] = raw[k];
		dev->req_hw[k] = (uint16_t)((synced & ~bypass) | (raw[k] & bypass));
		any |= dev->req_hw[k] | dev->soft[k];
	}
	dev->req_any = any != 0;
	/* The peripheral has dropped its request: end the handshake. */
	uint16_t released = (uint16_t)(dev->clr & ~any);
	dev->clr &= (uint16_t)~released;
	dev->tc &= (uint16_t)~released;
	dev->irq_outs_stale = true;
	pl08x_req_update_idle(dev);
}

uint16_t pl08x_req_pending(const pl08x_dev *dev, unsigned kind)
{
	return (uint16_t)(dev->req_hw[kind] | dev->soft[kind]);
}

/* Latch a request on one side of channel n, if its line asks and is free. */
static void latch_side(pl08x_dev *dev, pl08x_chan *ch, pl08x_preq *req, unsigned line,
		       bool controller, unsigned remaining, unsigned bsize)
{
	uint16_t bit = line_bit(line);
	bool b = pl08x_req_pending(dev, PL08X_REQ_B) & bit, s = pl08x_req_pending(dev, PL08X_REQ_S) & bit;
	bool lb = pl08x_req_pending(dev, PL08X_REQ_LB) & bit, ls = pl08x_req_pending(dev, PL08X_REQ_LS) & bit;
	bool dmac_flow = pl08x_flow_dmac(pl08x_ch_flow(ch));
	bool burst, last = false;

	if (req->active || (dev->clr & bit))
		return;
	if (dmac_flow || !controller) {
		/* As seen on hardware: with the DMAC in control either BREQ or SREQ starts a
		 * transfer and the last-request lines are ignored. */
		if (!b && !s && !(!dmac_flow && (lb || ls)))
			return;
		burst = b || (!dmac_flow && lb);
	} else {
		if (!b && !s && !lb && !ls)
			return;
		burst = b || lb;
		last = burst ? lb : ls;
	}
	unsigned count = burst ? bsize : 1;
	if (dmac_flow) {
		if (remaining == 0)
			return;
		if (count > remaining)
			count = remaining;
	}
	req->active = true;
	req->last = last;
	req->final = dmac_flow && count == remaining;
	req->to_issue = req->to_done = req->total = (uint16_t)count;
	pl08x_bump_chan(dev, (unsigned)(ch - dev->ch));
}

PL08X_COLD void pl08x_req_latch(pl08x_dev *dev, unsigned n)
{
	pl08x_chan *ch = &dev->ch[n];
	unsigned flow = pl08x_ch_flow(ch);

	if (!pl08x_ch_enabled(ch) || ch->state != PL08X_CHS_RUN)
		return;
	if (pl08x_flow_src_periph(flow) && !ch->src_last_done)
		latch_side(dev, ch, &ch->sreq, PL08X_GET(ch->cfg, PL08X_CCFG_SRC_PERIPH),
			   !pl08x_flow_dst_ctrl(flow), ch->src_to_issue,
			   pl08x_bsize_transfers(PL08X_GET(ch->ctl, PL08X_CCTL_SBSIZE)));
	if (pl08x_flow_dst_periph(flow) && !ch->dst_last_done) {
		unsigned dw = pl08x_ch_dw(ch);
		latch_side(dev, ch, &ch->dreq, PL08X_GET(ch->cfg, PL08X_CCFG_DEST_PERIPH),
			   !pl08x_flow_src_ctrl(flow), (ch->dst_to_issue + dw - 1) / dw,
			   pl08x_bsize_transfers(PL08X_GET(ch->ctl, PL08X_CCTL_DBSIZE)));
	}
}

PL08X_COLD void pl08x_req_done(pl08x_dev *dev, unsigned line, bool tc)
{
	uint16_t bit = line_bit(line);

	dev->clr |= bit;
	if (tc)
		dev->tc |= bit;
	dev->irq_outs_stale = true;
	for (unsigned k = 0; k < 4; k++)
		dev->soft[k] &= (uint16_t)~bit;
	pl08x_req_update_idle(dev);
	pl08x_bump(dev);
}
