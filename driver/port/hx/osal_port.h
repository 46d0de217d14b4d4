/* osal_port.h for the co-verification harness: the types osal.h needs, with nothing of the
 * harness in them (struct osal_dev is defined in osal_hx.c and set up through osal_hx.h), so the
 * driver core compiled against this port still includes nothing from harness/ or model/.
 */
#ifndef OSAL_PORT_H
#define OSAL_PORT_H

#include <stdbool.h>
#include <stdint.h>

struct osal_dev;

typedef uint32_t osal_dma_addr;
typedef unsigned long osal_irqflags;    /* hx_sim_irq_save()'s value */

/**
 * struct osal_lock - a spinlock of the harness
 * @od: its instance; @name: its class for reports; @id: its number within @od (for checkers)
 * @held: taken (one simulated CPU: a second acquire is a deadlock on real hardware)
 */
struct osal_lock {
	struct osal_dev *od;
	const char *name;
	unsigned id;
	bool held;
};

/**
 * struct osal_work - a deferred-work item run by hx_sim_queue_work()
 * @od: its instance; @fn: the function
 * @queued: in the sim's work queue; @running: @fn is running
 */
struct osal_work {
	struct osal_dev *od;
	void (*fn)(struct osal_work *w);
	bool queued;
	bool running;
};

#endif
