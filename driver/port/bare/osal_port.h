/* osal_port.h for a bare-metal Cortex-M target: one core, the DMAC interrupt masked with PRIMASK,
 * deferred work run by the main loop (osal_bare_run_work()), an LLI pool in a static array,
 * CPU addresses equal to bus addresses. The freestanding build check compiles the driver
 * core against this port (scripts/driver-arm.sh); docs/porting.md explains each choice.
 */
#ifndef OSAL_PORT_H
#define OSAL_PORT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t osal_dma_addr;
typedef uint32_t osal_irqflags;         /* PRIMASK as it was */

/* LLI pool: blocks of OSAL_BARE_LLI_ITEMS items (1 KB: a block never crosses a 1 KB page) */
#define OSAL_BARE_LLI_ITEMS  64u
#define OSAL_BARE_LLI_BLOCKS 16u

struct osal_work {
	void (*fn)(struct osal_work *w);
	struct osal_work *next;                 /* on the pending list */
	bool pending;
	bool running;
	struct osal_dev *od;
};

/* Single core: a lock is the interrupt mask; @held catches a recursive acquire in debug builds */
struct osal_lock {
	bool held;
};

struct osal_dev {
	volatile uint32_t *regs;                /* the DMAC's AHB slave port */
	struct osal_work *work_head, *work_tail;
	uint32_t lli_used;                      /* one bit per block */
	uint32_t lli[OSAL_BARE_LLI_BLOCKS][OSAL_BARE_LLI_ITEMS * 4u] __attribute__((aligned(1024)));
};

/** osal_bare_init - set up @od for the DMAC whose registers are at @regs */
void osal_bare_init(struct osal_dev *od, uintptr_t regs);
/** osal_bare_run_work - run the pending deferred work; call from the main loop */
void osal_bare_run_work(struct osal_dev *od);

#endif
