/* Instance life cycle and simulation services: reset, save/restore, idle fast-forward. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

pl08x_dev *pl08x_create(enum pl08x_variant variant)
{
	pl08x_dev *dev = malloc(sizeof(*dev));
	if (!dev)
		return NULL;
	/* Zeroed whole, padding included, so that state comparisons by memcmp are exact. */
	memset(dev, 0, sizeof(*dev));
	dev->variant = (uint8_t)variant;
	pl08x_reset(dev);
	return dev;
}

void pl08x_destroy(pl08x_dev *dev)
{
	free(dev);
}

void pl08x_reset(pl08x_dev *dev)
{
	uint8_t variant = dev->variant;

	memset(dev, 0, sizeof(*dev));
	dev->variant = variant;
	dev->nchan = variant == PL08X_VARIANT_PL081 ? 2 : 8;
	dev->nmasters = variant == PL08X_VARIANT_PL081 ? 1 : 2;
	for (unsigned n = 0; n < PL08X_MAX_CHANNELS; n++)
		dev->ch[n].op_master = PL08X_NO_MASTER;
	dev->burst_owner = PL08X_NO_OWNER;
	pl08x_req_update_idle(dev);
	pl08x_refresh_outputs(dev);
}

enum pl08x_variant pl08x_variant_of(const pl08x_dev *dev) { return (enum pl08x_variant)dev->variant; }
unsigned pl08x_channels(const pl08x_dev *dev) { return dev->nchan; }
unsigned pl08x_masters(const pl08x_dev *dev) { return dev->nmasters; }
uint64_t pl08x_cycle(const pl08x_dev *dev) { return dev->cycle; }

size_t pl08x_state_size(void)
{
	return sizeof(pl08x_dev);
}

void pl08x_save(const pl08x_dev *dev, void *buf)
{
	memcpy(buf, dev, sizeof(*dev));
}

void pl08x_restore(pl08x_dev *dev, const void *buf)
{
	memcpy(dev, buf, sizeof(*dev));
}

/* The model is at rest when one more step with the same inputs leaves every bit of the
 * state and of the outputs as it is: by determinism, so will every later step. Trying the
 * step on a copy keeps this exact without a second description of "nothing to do". */
uint64_t pl08x_quiet_cycles(const pl08x_dev *dev, const pl08x_pins_in *in)
{
	pl08x_dev trial;
	pl08x_pins_out out;

	memcpy(&trial, dev, sizeof(trial));
	pl08x_step(&trial, in, &out);
	trial.cycle = dev->cycle;
	trial.irq_outs_stale = dev->irq_outs_stale; /* cache flags: not a change of state */
	trial.quick = dev->quick;
	return memcmp(&trial, dev, sizeof(trial)) == 0 ? PL08X_NEVER : 0;
}

void pl08x_skip(pl08x_dev *dev, uint64_t cycles)
{
	dev->cycle += cycles;
}
