/* The PL080/PL081 cycle model: creation, the per-cycle step, the register port and the
 * simulation services (idle fast-forward, save and restore).
 *
 * Time: pl08x_cycle() counts steps. The outputs written by a step are those of cycle
 * pl08x_cycle() after the step returns. A register access is made between two steps and is
 * seen by the next step. An instance has no global state, and the step does not allocate.
 * Timing rules are in docs/timing-model.md.
 */
#ifndef PL08X_MODEL_H
#define PL08X_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "pl08x/pins.h"
#include "pl08x/regs.h"

enum pl08x_variant {
	PL08X_VARIANT_PL080, /* 8 channels, 2 AHB masters */
	PL08X_VARIANT_PL081, /* 2 channels, 1 AHB master */
};

/* What a register access did, beside its value. Software misuse is not fatal. */
enum pl08x_access {
	PL08X_ACCESS_OK,
	PL08X_ACCESS_UNMAPPED,      /* no register there: reads 0, writes ignored */
	PL08X_ACCESS_READ_ONLY,     /* write to a read-only register: ignored */
	PL08X_ACCESS_WRITE_ONLY,    /* read of a write-only register: reads 0 */
	PL08X_ACCESS_CHANNEL_BUSY,  /* write to SrcAddr/DestAddr/LLI/Control of an enabled channel: ignored */
};

#define PL08X_NEVER UINT64_MAX

typedef struct pl08x_dev pl08x_dev;

/** pl08x_create - a new instance in its reset state, or NULL when out of memory */
pl08x_dev *pl08x_create(enum pl08x_variant variant);
/** pl08x_destroy - free an instance (NULL is accepted) */
void pl08x_destroy(pl08x_dev *dev);
/** pl08x_reset - HRESETn: every register to its reset value, cycle count to 0 */
void pl08x_reset(pl08x_dev *dev);

enum pl08x_variant pl08x_variant_of(const pl08x_dev *dev);
/** pl08x_channels - 8 on the PL080, 2 on the PL081 */
unsigned pl08x_channels(const pl08x_dev *dev);
/** pl08x_masters - 2 on the PL080, 1 on the PL081 */
unsigned pl08x_masters(const pl08x_dev *dev);
/** pl08x_cycle - steps taken since reset (plus skipped cycles) */
uint64_t pl08x_cycle(const pl08x_dev *dev);

/**
 * pl08x_step - advance one HCLK cycle
 * @in: pins sampled at the rising edge that ends the current cycle
 * @out: filled with the pins driven in the next cycle
 */
void pl08x_step(pl08x_dev *dev, const pl08x_pins_in *in, pl08x_pins_out *out);

/** pl08x_outputs - the pins driven in the current cycle (as the last step wrote them) */
void pl08x_outputs(const pl08x_dev *dev, pl08x_pins_out *out);

/**
 * pl08x_read - a 32-bit read on the AHB slave port, between two steps
 * @offset: byte offset from the block's base; the low two bits are ignored
 * @value: receives the read data
 * Return: how the access was taken (the value is always written)
 */
enum pl08x_access pl08x_read(pl08x_dev *dev, uint32_t offset, uint32_t *value);
/** pl08x_write - a 32-bit write on the AHB slave port, between two steps */
enum pl08x_access pl08x_write(pl08x_dev *dev, uint32_t offset, uint32_t value);
/** pl08x_rd - pl08x_read that returns the value (for tests and tools) */
uint32_t pl08x_rd(pl08x_dev *dev, uint32_t offset);

/**
 * pl08x_quiet_cycles - how many cycles may pass before the state or an output changes,
 * if the inputs stay @in: 0 when the next step may change something, PL08X_NEVER when the
 * model is at rest for these inputs.
 */
uint64_t pl08x_quiet_cycles(const pl08x_dev *dev, const pl08x_pins_in *in);
/**
 * pl08x_skip - let @cycles cycles pass with the inputs last given, without stepping.
 * Only valid when pl08x_quiet_cycles() returned PL08X_NEVER for those inputs.
 */
void pl08x_skip(pl08x_dev *dev, uint64_t cycles);

/** pl08x_state_size - bytes needed by pl08x_save() */
size_t pl08x_state_size(void);
/** pl08x_save - copy the whole state (registers, engines, pins, cycle) to @buf */
void pl08x_save(const pl08x_dev *dev, void *buf);
/** pl08x_restore - load a state written by pl08x_save() of the same build */
void pl08x_restore(pl08x_dev *dev, const void *buf);

/** pl08x_reg_name - TRM name of the register at @offset, or NULL */
const char *pl08x_reg_name(const pl08x_dev *dev, uint32_t offset);

#endif
