/* Interrupt outputs (TRM 3.7) and the integration-test override of the outputs (TRM 4).
 * Levels are never stored: they are worked out from the raw status and the per-channel
 * masks each time the outputs are produced.
 */
#include "internal.h"

uint32_t pl08x_irq_tc_masked(const pl08x_dev *dev)
{
	uint32_t mask = 0;
	for (unsigned n = 0; n < dev->nchan; n++)
		if (PL08X_GET(dev->ch[n].cfg, PL08X_CCFG_ITC))
			mask |= 1u << n;
	return dev->raw_tc & mask;
}

uint32_t pl08x_irq_err_masked(const pl08x_dev *dev)
{
	uint32_t mask = 0;
	for (unsigned n = 0; n < dev->nchan; n++)
		if (PL08X_GET(dev->ch[n].cfg, PL08X_CCFG_IE))
			mask |= 1u << n;
	return dev->raw_err & mask;
}

void pl08x_irq_outputs(const pl08x_dev *dev, pl08x_pins_out *out)
{
	if (dev->itcr & 1u) {
		out->clr = (uint16_t)dev->itop1;
		out->tc = (uint16_t)dev->itop2;
		out->interr = PL08X_GET(dev->itop3, PL08X_ITOP3_INTERR);
		out->inttc = PL08X_GET(dev->itop3, PL08X_ITOP3_INTTC);
		out->intr = PL08X_GET(dev->itop3, PL08X_ITOP3_INTR);
		return;
	}
	out->clr = dev->clr;
	out->tc = dev->tc;
	out->inttc = pl08x_irq_tc_masked(dev) != 0;
	out->interr = pl08x_irq_err_masked(dev) != 0;
	out->intr = out->inttc || out->interr;
}
