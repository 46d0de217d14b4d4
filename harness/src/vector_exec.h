/* The state of one vector run, shared by vector_run.c (the run, register steps and checks) and
 * vector_drv.c (driver-level steps and checks). Private to the harness library.
 */
#ifndef HX_VECTOR_EXEC_H
#define HX_VECTOR_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/sim.h"
#include "vector_internal.h"

struct hx_vdrun;

/** hx_vedge - a rising edge of an interrupt output, first seen high in cycle @cycle */
typedef struct hx_vedge {
	enum hx_virq_line line;
	uint64_t cycle;
} hx_vedge;

/**
 * hx_vrun - one run
 * @edges, @nedges, @cap: every rising edge of intr, tc and err, in order
 * @level: the outputs' levels at the last step
 * @seen, @waited: edges per line so far, and edges consumed by wait_irq
 * @snap: per expect.memory item, the source bytes of a copy_of taken before the stimulus
 * @irq_entries: hard-IRQ entries so far (for messages from the handler's steps)
 * @oom: an allocation failed while running
 * @drv: the driver run of a driver-level vector, else NULL
 * @seed: the run's seed
 * @beats, @nbeats, @beats_cap: every bus beat, when expect.beats is given (vector_beats.c)
 * @pedges, @npedges, @pedges_cap: rising edges of DMACCLR/DMACTC lines, when expect.edges is given
 * @pin_level: DMACCLR, DMACTC at the last step
 */
typedef struct hx_vrun {
	const hx_vec *v;
	hx_sim *s;
	hx_vec_result *res;
	size_t len;
	hx_vedge *edges;
	size_t nedges, cap;
	bool level[HX_VIRQ_LINES];
	unsigned long seen[HX_VIRQ_LINES], waited[HX_VIRQ_LINES];
	uint8_t **snap;
	unsigned long irq_entries;
	bool oom;
	struct hx_vdrun *drv;
	uint64_t seed;
	hx_bus_beat *beats;
	size_t nbeats, beats_cap;
	struct hx_vpedge *pedges;
	size_t npedges, pedges_cap;
	uint16_t pin_level[2];
} hx_vrun;

/** hx_vpedge - a rising edge of DMACCLR or DMACTC (@pin, enum hx_vpin) [@line], first high in @cycle */
typedef struct hx_vpedge {
	uint8_t pin, line;
	uint64_t cycle;
} hx_vpedge;

/** hx_vrun_say - append a line to the run's message (and fail it) */
void hx_vrun_say(hx_vrun *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * hx_vedge_row - one edge of an ordered edge-list comparison: @key names the signal (see
 * hx_vrun_compare_edges), @min..@max the cycle (an edge seen has @min == @max)
 */
typedef struct hx_vedge_row {
	unsigned key;
	uint64_t min, max;
} hx_vedge_row;

/**
 * hx_vrun_compare_edges - compare the edges seen, @act, with the expected ones, @exp, in order
 * (same count, same signal, cycle within bounds); on a difference add to the message a line
 * "@what: N edges expected, M seen; first difference at #K" and the two lists side by side
 * around it, each row named by @name(@key) (expect.interrupts and expect.edges)
 */
void hx_vrun_compare_edges(hx_vrun *r, const char *what, const hx_vedge_row *exp, size_t nexp,
			   const hx_vedge_row *act, size_t nact,
			   void (*name)(char *buf, size_t len, unsigned key));

/* ---- expect.beats and expect.edges (vector_beats.c) ---- */
/** hx_vbeats_setup - start recording what expect.beats / expect.edges need; -1 with @err */
int hx_vbeats_setup(hx_vrun *r, char *err, size_t err_len);
/** hx_vbeats_pins - record the request-line edges of the outputs of @cycle (from the pin hook) */
void hx_vbeats_pins(hx_vrun *r, uint64_t cycle, const pl08x_pins_out *out);
/** hx_vbeats_check - the expect.edges, then the expect.beats checks */
void hx_vbeats_check(hx_vrun *r);
void hx_vbeats_free(hx_vrun *r);

/* ---- driver-level runs (vector_drv.c) ---- */
/** hx_vdrv_setup - the driver on the built system (port, dmac_init, interrupt); -1 with @err */
int hx_vdrv_setup(hx_vrun *r, char *err, size_t err_len);
/** hx_vdrv_step - run a driver step of the stimulus; @where names it for messages */
void hx_vdrv_step(hx_vrun *r, const hx_vstep *st, const char *where);
/** hx_vdrv_check - the driver expectations (status, callbacks), then the clean-up (release
 * every channel, unmap the client's buffers) and the checkers' verdicts */
void hx_vdrv_check(hx_vrun *r);
void hx_vdrv_free(hx_vrun *r);

#endif
