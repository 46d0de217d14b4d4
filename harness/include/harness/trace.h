/* Traces of a run: every event with its cycle, written as JSON lines and as a VCD, and a
 * 64-bit hash of the run that does not depend on whether files are written.
 *
 * Events: a bus beat (every transfer, at its address-phase cycle, with its data and
 * response), a register access through the slave port (offset, value, read or write, status),
 * a request pin edge (BREQ/SREQ/LBREQ/LSREQ per line), a response edge (CLR/TC per line), an
 * interrupt output edge (INTR/INTTC/INTERR) and free-form events of the layers above (CPU
 * context switches, driver callbacks: a kind string and a text).
 *
 * JSON lines: one object per line, always with "cycle" and "ev", e.g.
 *   {"cycle":12,"ev":"beat","m":1,"addr":"0x00001000","write":false,"size":2,"burst":3,
 *    "trans":2,"prot":1,"lock":false,"data":"0x03020100","resp":"okay","slave":"sram"}
 *   {"cycle":3,"ev":"reg","op":"write","off":"0x030","name":"DMACConfiguration","value":"0x00000001"}
 *   {"cycle":40,"ev":"req","pin":"breq","line":3,"level":1}
 *   {"cycle":41,"ev":"resp","pin":"clr","line":3,"level":1}
 *   {"cycle":90,"ev":"irq","pin":"inttc","level":1}
 *   {"cycle":95,"ev":"ctx","kind":"hardirq-enter","text":""}
 * VCD: timescale 1 ns per cycle (one cycle = 1 unit), one scope per master with HTRANS, HADDR,
 * HWRITE, HSIZE, HBURST, HPROT, HLOCK, HWDATA, HRDATA, HREADY, HRESP, and a scope "dmac" with
 * the 16-bit BREQ/SREQ/LBREQ/LSREQ/CLR/TC vectors and INTR/INTTC/INTERR; only changes are
 * written. Opens in GTKWave.
 *
 * The hash is FNV-1a 64 over a fixed binary encoding of every event (not over the text), so
 * it is the same with and without files and on every host.
 */
#ifndef HX_TRACE_H
#define HX_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "harness/bus.h"
#include "pl08x/pins.h"

typedef struct hx_trace hx_trace;

/** hx_trace_create - a trace that only hashes; NULL when out of memory */
hx_trace *hx_trace_create(void);
/** hx_trace_destroy - close the files and free (NULL accepted) */
void hx_trace_destroy(hx_trace *t);
/**
 * hx_trace_open - also write @stem.jsonl and @stem.vcd (either path may be NULL to skip it);
 * @masters: 1 or 2 scopes in the VCD. Return 0, or -1 with errno set (nothing is left open).
 */
int hx_trace_open(hx_trace *t, const char *jsonl_path, const char *vcd_path, unsigned masters);

void hx_trace_beat(hx_trace *t, const hx_bus_beat *b, const char *slave_name);
void hx_trace_reg(hx_trace *t, uint64_t cycle, bool write, uint32_t offset, const char *name,
	       uint32_t value, int status);
/** hx_trace_pins - the pins of cycle @cycle: logs the edges against the previous call, feeds the VCD */
void hx_trace_pins(hx_trace *t, uint64_t cycle, const pl08x_pins_out *out, const pl08x_pins_in *in,
		unsigned masters);
void hx_trace_note(hx_trace *t, uint64_t cycle, const char *kind, const char *text);

/** hx_trace_hash - the hash of every event so far */
uint64_t hx_trace_hash(const hx_trace *t);
/** hx_trace_events - number of events so far */
uint64_t hx_trace_events(const hx_trace *t);
/** hx_trace_close - flush and close the files; returns 0 or -1 if a write failed */
int hx_trace_close(hx_trace *t);

#endif
