/* The co-verification system: virtual time, one thread, no wall clock.
 *
 * A sim owns the cycle count and, per cycle c (= hx_sim_cycle()), steps the bus fabric, the
 * peripherals, the model, the AHB protocol checkers and the trace, in this order:
 *   1. hx_bus_cycle(): slaves answer the data phases of the current cycle, address phases are
 *      accepted (fills pins_in.hready/hresp/hrdata);
 *   2. the AHB checkers look at the current cycle's master pins and the slaves' answers;
 *   3. hx_periph_cycle(p, c, outputs of cycle c): request pins of cycle c, which step c samples;
 *      the trace logs the inputs of cycle c (request edges at c);
 *   4. pl08x_step(); the trace logs the outputs of cycle c + 1 (their edges at c + 1); the
 *      interrupt controller samples DMACINTR of cycle c + 1.
 * A register access made while hx_sim_cycle() == t is acted on by step t, so its effect shows
 * in the outputs of cycle t + 1 (docs/timing-model.md, section 1).
 *
 * Fast-forward: when the model is at rest for the inputs of cycle c
 * (pl08x_quiet_cycles() == PL08X_NEVER), the bus is idle, the inputs and the outputs are
 * those of cycle c - 1 too, no interrupt re-check is due, and no peripheral changes before
 * cycle X = min hx_periph_next_change(p, c + 1), the sim moves to min(X, the caller's limit) in
 * one pl08x_skip(), so an idle DMAC waiting on a slow peripheral costs nothing. A skipped
 * stretch has no event and no pin change, so the trace, its hash and every cycle are the same
 * as with @no_fast_forward.
 *
 * CPU contexts. Software (register-level stimulus now, the driver core later) runs as plain C
 * calls in one of three contexts: HX_SIM_CTX_THREAD, HX_SIM_CTX_DEFERRED (work queued with
 * hx_sim_queue_work()) and HX_SIM_CTX_HARDIRQ (the handler set with hx_sim_set_irq_handler()).
 * Time passes only when software touches the device or waits:
 * - hx_sim_mmio_read()/hx_sim_mmio_write() cost @mmio_cycles (+ 0..@mmio_jitter from the seed)
 *   cycles: the sim runs that many cycles, then makes the access at the cycle boundary;
 * - hx_sim_cpu_delay() lets cycles pass (software computing);
 * - hx_sim_wait_until() idles the CPU (like WFI) until a condition holds.
 * The interrupt: DMACINTR is level-sensitive. When it rises (first seen high in the outputs of
 * cycle r), the sim draws a latency L in [@irq_latency_min, @irq_latency_max] from the seed;
 * the interrupt becomes takeable at cycle r + L, and is withdrawn if the line drops first. It is
 * taken (the handler runs nested, as a C call, in HX_SIM_CTX_HARDIRQ, interrupts masked) at the
 * next interrupt point of a context with interrupts enabled: after an MMIO access, at
 * hx_sim_irq_restore() that re-enables interrupts, at the end of hx_sim_cpu_delay(), or at the
 * exact takeable cycle while waiting (hx_sim_wait_until()). Hard IRQ handlers do not nest.
 * When the handler returns and the interrupted context is HX_SIM_CTX_THREAD, queued deferred
 * work runs (in HX_SIM_CTX_DEFERRED, interrupts enabled, so it can itself be interrupted) before
 * the thread resumes; work queued outside a hard IRQ runs at the thread's next interrupt point.
 * Level-triggered: a handler returning at cycle t leaves the line to be looked at again in the
 * outputs of cycle t + 1 (a clearing write at t shows there); still high, it is taken again
 * after a new latency drawn from t + 1. @irq_storm_limit consecutive entries without the line
 * dropping stop the run with an error: the handler runs at most that many times in a row, the
 * next entry is hx_sim_fail() instead.
 * The seed also chooses preemption points: with @preempt_percent > 0, each MMIO access in
 * thread context is followed, with that probability, by a seeded delay of
 * 1..max(@mmio_cycles, @mmio_jitter) cycles (a "thread-preempt" note, then an interrupt point),
 * so interrupts land between different accesses for different seeds.
 * One seed is one exact interleaving: the same seed gives the same run, bit for bit. The sim
 * draws from its own splitmix64 stream; the bus gets a seed derived from @seed for its waits.
 *
 * Trace: the sim feeds its hx_trace every beat, every register access (hx_trace_reg() with
 * pl08x_reg_name()), the pins of every stepped cycle, and notes "hardirq-enter",
 * "hardirq-leave", "deferred-enter", "deferred-leave", "thread-preempt" and "fail".
 *
 * Errors of the run (a timeout, an interrupt storm, a bad register access) are recorded with
 * hx_sim_fail(); once failed, waits and delays return at once (MMIO accesses still happen and
 * cost their cycles) and no interrupt is taken, so software unwinds. The sim itself fails a run
 * only on a wait timeout, a storm, or deferred work returning with interrupts masked; the
 * status of each access is in the trace and in hx_sim_last_access().
 */
#ifndef HX_SIM_H
#define HX_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/ahb_check.h"
#include "harness/bus.h"
#include "harness/periph.h"
#include "harness/trace.h"
#include "pl08x/model.h"

#define HX_SIM_MAX_PERIPHS 16
/* Deferred work items queued and not yet run, at most */
#define HX_SIM_WORK_MAX    64
/* Beat observers hx_sim_add_beat_observer() accepts */
#define HX_SIM_MAX_BEAT_OBSERVERS 4

enum hx_sim_ctx { HX_SIM_CTX_THREAD, HX_SIM_CTX_DEFERRED, HX_SIM_CTX_HARDIRQ };

/**
 * hx_sim_config - a system (zero fields take the defaults given)
 * @variant: PL080 or PL081
 * @seed: the interleaving and the random wait states
 * @mmio_cycles: cycles per register access (default 4)
 * @mmio_jitter: extra cycles per access drawn from the seed, 0..@mmio_jitter (default 0)
 * @preempt_percent: probability of a seeded delay after a thread-context access (default 0)
 * @irq_latency_min, @irq_latency_max: cycles from DMACINTR high to takeable (default 8..16;
 *   set both to the same value for a fixed latency; @irq_latency_fixed selects it when 0 is wanted)
 *   (without @irq_latency_fixed, 0..0 means the default and a @max below @min is @min)
 * @irq_latency_fixed: take @irq_latency_min and @irq_latency_max as given, zeros included
 * @irq_storm_limit: see above (default 1000)
 * @no_fast_forward: step every cycle (for checking that fast-forward changes nothing)
 */
typedef struct hx_sim_config {
	enum pl08x_variant variant;
	uint64_t seed;
	unsigned mmio_cycles, mmio_jitter, preempt_percent;
	unsigned irq_latency_min, irq_latency_max;
	bool irq_latency_fixed;
	unsigned irq_storm_limit;
	bool no_fast_forward;
} hx_sim_config;

typedef struct hx_sim hx_sim;

/** hx_sim_create - the system in reset, with an empty bus; NULL when out of memory */
hx_sim *hx_sim_create(const hx_sim_config *cfg);
/** hx_sim_destroy - free the system, its bus, peripherals and trace (NULL accepted) */
void hx_sim_destroy(hx_sim *s);

pl08x_dev *hx_sim_dev(hx_sim *s);
hx_bus *hx_sim_bus(hx_sim *s);
hx_trace *hx_sim_trace(hx_sim *s);
/** hx_sim_add_periph - hand a peripheral (created on hx_sim_bus()) to the sim, which frees it; -1 if full */
int hx_sim_add_periph(hx_sim *s, hx_periph *p);
hx_periph *hx_sim_periph(hx_sim *s, unsigned idx);
unsigned hx_sim_periph_count(const hx_sim *s);
/** hx_sim_check - the AHB checker of @master */
const hx_ahb_check *hx_sim_check(const hx_sim *s, unsigned master);

/** hx_sim_cycle - the current cycle (pl08x_cycle() of the model) */
uint64_t hx_sim_cycle(const hx_sim *s);
/** hx_sim_outputs - the model's pins of the current cycle */
const pl08x_pins_out *hx_sim_outputs(const hx_sim *s);

/* ---- time, from the scheduler's side (no interrupt is taken here) ---- */
/** hx_sim_step - exactly one cycle */
void hx_sim_step(hx_sim *s);
/** hx_sim_run_to - advance to cycle @cycle, skipping idle stretches; false if it has passed (no interrupt is taken) */
bool hx_sim_run_to(hx_sim *s, uint64_t cycle);
/** hx_sim_skipped - cycles fast-forwarded so far (not stepped) */
uint64_t hx_sim_skipped(const hx_sim *s);

/* ---- software: CPU contexts ---- */
enum hx_sim_ctx hx_sim_context(const hx_sim *s);
/** hx_sim_in_atomic - in hard IRQ, or interrupts masked */
bool hx_sim_in_atomic(const hx_sim *s);
uint32_t hx_sim_mmio_read(hx_sim *s, uint32_t offset);
void hx_sim_mmio_write(hx_sim *s, uint32_t offset, uint32_t value);
void hx_sim_cpu_delay(hx_sim *s, uint64_t cycles);
/**
 * hx_sim_wait_until - let time pass (taking interrupts) until @pred holds, checked at every cycle
 * boundary where something may have changed; false (and hx_sim_fail) after @timeout cycles
 * @pred: must depend on the system's state, not on the cycle count (fast-forward jumps over
 *   stretches where no state changes; use hx_sim_cpu_delay() to wait for a time)
 * @what: names the wait in the failure message ("WHAT: timeout after N cycles at cycle C")
 * Return: true as soon as @pred holds (at once if it holds on entry), false after @timeout
 * cycles or when the run has failed.
 */
bool hx_sim_wait_until(hx_sim *s, bool (*pred)(hx_sim *s, void *arg), void *arg, uint64_t timeout,
		    const char *what);
/** hx_sim_irq_save - mask the interrupt; returns the previous state for hx_sim_irq_restore() */
unsigned long hx_sim_irq_save(hx_sim *s);
/** hx_sim_irq_restore - restore; re-enabling takes a pending interrupt at once */
void hx_sim_irq_restore(hx_sim *s, unsigned long flags);
void hx_sim_set_irq_handler(hx_sim *s, void (*handler)(hx_sim *s, void *arg), void *arg);
/** hx_sim_queue_work - run @fn once in HX_SIM_CTX_DEFERRED (see the top of this file); -1 if the queue is full */
int hx_sim_queue_work(hx_sim *s, void (*fn)(hx_sim *s, void *arg), void *arg);
/**
 * hx_sim_on_pins - call @fn(@ctx, c, outputs of cycle c) after every step, c = the new
 * hx_sim_cycle() (NULL: off). Skipped stretches have no pin change, so no call is missed. For
 * layers that watch the outputs (the vector runner's interrupt edges); @fn must not touch the sim.
 */
void hx_sim_on_pins(hx_sim *s, void (*fn)(void *ctx, uint64_t cycle, const pl08x_pins_out *out), void *ctx);
/**
 * hx_sim_add_beat_observer - also call @fn(@ctx, beat) for every bus beat, when its data phase
 * ends, after the trace has logged it (the sim keeps hx_bus_on_beat() of its bus for itself).
 * For checkers that watch the DMAC's accesses; @fn must not touch the sim.
 * Return: 0, or -1 when HX_SIM_MAX_BEAT_OBSERVERS are there already.
 */
int hx_sim_add_beat_observer(hx_sim *s, void (*fn)(void *ctx, const hx_bus_beat *beat), void *ctx);
/** hx_sim_remove_beat_observer - stop calling the observer added with @fn and @ctx */
void hx_sim_remove_beat_observer(hx_sim *s, void (*fn)(void *ctx, const hx_bus_beat *beat), void *ctx);
/** hx_sim_irq_count - hard IRQ entries so far */
unsigned long hx_sim_irq_count(const hx_sim *s);
/** hx_sim_last_access - how the last hx_sim_mmio_read()/hx_sim_mmio_write() was taken */
enum pl08x_access hx_sim_last_access(const hx_sim *s);

/* ---- failure of the run ---- */
void hx_sim_fail(hx_sim *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool hx_sim_failed(const hx_sim *s);
/** hx_sim_failure - the first failure's message, "" if none */
const char *hx_sim_failure(const hx_sim *s);

#endif
