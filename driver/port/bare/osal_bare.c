/* osal_bare.c - the bare-metal Cortex-M port of osal.h (see osal_port.h beside it). */
#include "osal.h"

static uint32_t osal_bare_irq_save(void)
{
	uint32_t primask;

	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
	return primask;
}

static void osal_bare_irq_restore(uint32_t primask)
{
	__asm__ volatile("msr primask, %0" : : "r"(primask) : "memory");
}

void osal_bare_init(struct osal_dev *od, uintptr_t regs)
{
	od->regs = (volatile uint32_t *)regs;
	od->work_head = od->work_tail = 0;
	od->lli_used = 0;
}

uint32_t osal_mmio_read32(struct osal_dev *od, uint32_t offset)
{
	return od->regs[offset / 4u];
}

void osal_mmio_write32(struct osal_dev *od, uint32_t offset, uint32_t value)
{
	od->regs[offset / 4u] = value;
}

void osal_wmb(struct osal_dev *od)
{
	(void)od;
	__asm__ volatile("dsb" : : : "memory");
}

void osal_rmb(struct osal_dev *od)
{
	(void)od;
	__asm__ volatile("dsb" : : : "memory");
}

void osal_lock_init(struct osal_dev *od, struct osal_lock *l, const char *name)
{
	(void)od;
	(void)name;
	l->held = false;
}

void osal_lock_irqsave(struct osal_lock *l, osal_irqflags *flags)
{
	*flags = osal_bare_irq_save();
	if (l->held)
		__asm__ volatile("bkpt #1");    /* recursive acquire: a deadlock on an SMP system */
	l->held = true;
}

void osal_unlock_irqrestore(struct osal_lock *l, osal_irqflags flags)
{
	l->held = false;
	osal_bare_irq_restore(flags);
}

void osal_work_init(struct osal_dev *od, struct osal_work *w, void (*fn)(struct osal_work *w))
{
	w->fn = fn;
	w->next = 0;
	w->pending = false;
	w->running = false;
	w->od = od;
}

void osal_work_schedule(struct osal_work *w)
{
	struct osal_dev *od = w->od;
	uint32_t m = osal_bare_irq_save();

	if (!w->pending) {
		w->pending = true;
		w->next = 0;
		if (od->work_tail)
			od->work_tail->next = w;
		else
			od->work_head = w;
		od->work_tail = w;
	}
	osal_bare_irq_restore(m);
}

void osal_bare_run_work(struct osal_dev *od)
{
	for (;;) {
		uint32_t m = osal_bare_irq_save();
		struct osal_work *w = od->work_head;

		if (w) {
			od->work_head = w->next;
			if (!od->work_head)
				od->work_tail = 0;
			w->pending = false;
			w->running = true;
		}
		osal_bare_irq_restore(m);
		if (!w)
			return;
		w->fn(w);
		w->running = false;
	}
}

void osal_work_sync(struct osal_work *w)
{
	/* One core, work runs from the main loop: run it here if it is pending */
	while (w->pending)
		osal_bare_run_work(w->od);
}

unsigned osal_lli_block_items(struct osal_dev *od)
{
	(void)od;
	return OSAL_BARE_LLI_ITEMS;
}

void *osal_lli_alloc(struct osal_dev *od, osal_dma_addr *bus)
{
	uint32_t m = osal_bare_irq_save();
	void *cpu = 0;

	for (unsigned i = 0; i < OSAL_BARE_LLI_BLOCKS; i++) {
		if (!(od->lli_used & (1u << i))) {
			od->lli_used |= 1u << i;
			cpu = od->lli[i];
			*bus = (osal_dma_addr)(uintptr_t)cpu;
			break;
		}
	}
	osal_bare_irq_restore(m);
	return cpu;
}

void osal_lli_free(struct osal_dev *od, void *cpu, osal_dma_addr bus)
{
	uint32_t m = osal_bare_irq_save();
	unsigned i = (unsigned)(((uintptr_t)cpu - (uintptr_t)od->lli[0]) / sizeof(od->lli[0]));

	(void)bus;
	od->lli_used &= ~(1u << i);
	osal_bare_irq_restore(m);
}

bool osal_dma_map(struct osal_dev *od, uintptr_t cpu, size_t len, enum osal_dma_dir dir,
		  osal_dma_addr *bus)
{
	/* No cache on the target (Cortex-M3): mapping is the identity */
	(void)od;
	(void)len;
	(void)dir;
	*bus = (osal_dma_addr)cpu;
	return true;
}

void osal_dma_unmap(struct osal_dev *od, osal_dma_addr bus, size_t len, enum osal_dma_dir dir)
{
	(void)od;
	(void)bus;
	(void)len;
	(void)dir;
}

void osal_dma_sync_for_cpu(struct osal_dev *od, osal_dma_addr bus, size_t len,
			   enum osal_dma_dir dir)
{
	/* No cache: the CPU sees the device's writes as they land */
	(void)od;
	(void)bus;
	(void)len;
	(void)dir;
}

void osal_dma_sync_for_device(struct osal_dev *od, osal_dma_addr bus, size_t len,
			      enum osal_dma_dir dir)
{
	(void)od;
	(void)bus;
	(void)len;
	(void)dir;
}

void osal_might_sleep(struct osal_dev *od, const char *what)
{
	(void)od;
	(void)what;
}

void osal_callback_begin(struct osal_dev *od, const void *chan)
{
	(void)od;
	(void)chan;
}

void osal_callback_end(struct osal_dev *od, const void *chan)
{
	(void)od;
	(void)chan;
}
