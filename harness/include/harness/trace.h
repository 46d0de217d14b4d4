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
 *    "trans":2,"prot":1,"lock":false,"data":"0x03020100","resp":"okay","slave":"sram","done":13}
 *   {"cycle":3,"ev":"reg","op":"write","off":"0x030","name":"DMACConfiguration","value":"0x00000001","status":"ok"}
 *   {"cycle":40,"ev":"req","pin":"breq","line":3,"level":1}
 *   {"cycle":41,"ev":"resp","pin":"clr","line":3,"level":1}
 *   {"cycle":90,"ev":"irq","pin":"inttc","level":1}
 *   {"cycle":95,"ev":"ctx","kind":"hardirq-enter","text":""}
 * A beat's "m" is the AHB number (1 = AHB1, 2 = AHB2, as in the vector format), "cycle" its
 * address-phase cycle and "done" the cycle its data phase ended; beats are written when their
 * data phase ends, so their "cycle" may be lower than that of the line before. "name" is null
 * for an offset with no register; "status" is ok, unmapped, read-only, write-only,
 * channel-busy (enum pl08x_access) or the number. Notes have "ev":"ctx" for kinds starting
 * with "hardirq", "deferred" or "thread", else "ev":"note".
 *
 * VCD: timescale 1 ns per cycle (one cycle = 1 unit), a scope "pl08x" holding one scope per
 * master ("ahb1", "ahb2") with HTRANS, HADDR, HWRITE, HSIZE, HBURST, HPROT, HLOCK, HWDATA,
 * HRDATA, HREADY, HRESP, and a scope "dmac" with the 16-bit BREQ/SREQ/LBREQ/LSREQ/CLR/TC
 * vectors and INTR/INTTC/INTERR; $dumpvars gives every value at the first timestamp (the last
 * cycle traced before hx_trace_open, 0 when none), then only changes are written, each under
 * its "#cycle"; hx_trace_close writes the last cycle traced as a final timestamp. Opens in
 * GTKWave.
 *
 * Files: both are written under temporary names (PATH.XXXXXX beside PATH) and renamed to PATH
 * only by a hx_trace_close() whose writes all succeeded, so a reader never sees a half-written
 * trace; a failed close or hx_trace_discard() removes them.
 *
 * The hash is FNV-1a 64 over a fixed binary encoding of every event (not over the text), so
 * it is the same with and without files and on every host: per event a kind byte, the cycle
 * (8 bytes, little-endian), then the event's fields in the order of the JSON above, integers
 * little-endian at their width in the C structs, booleans one byte, strings as a 4-byte length
 * and their bytes (NULL as length 0xFFFFFFFF). The beat's slave is hashed by index and name.
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
/** hx_trace_destroy - hx_trace_close() if files are still open, then free (NULL accepted) */
void hx_trace_destroy(hx_trace *t);
/**
 * hx_trace_open - also write the JSON lines to @jsonl_path and the VCD to @vcd_path
 * @jsonl_path, @vcd_path: either may be NULL to skip that file
 * @masters: 1 or 2 master scopes in the VCD
 * Events before the call are hashed but not written: open before the run starts.
 * Return: 0, or -1 with errno set (EINVAL: files already open or @masters not 1 or 2; else the
 * error of creating a temporary file); on failure nothing is left open and no file is left behind.
 */
int hx_trace_open(hx_trace *t, const char *jsonl_path, const char *vcd_path, unsigned masters);

/** hx_trace_beat - a transfer whose data phase has ended; @slave_name as hx_bus_slave_name() gives it */
void hx_trace_beat(hx_trace *t, const hx_bus_beat *b, const char *slave_name);
/**
 * hx_trace_reg - a register access made at cycle @cycle
 * @name: the register's name, NULL when none; @status: enum pl08x_access
 */
void hx_trace_reg(hx_trace *t, uint64_t cycle, bool write, uint32_t offset, const char *name,
	       uint32_t value, int status);
/**
 * hx_trace_pins - the pins of cycle @cycle: logs the edges against the previous call, feeds the VCD
 * @out: the model's outputs of cycle @cycle, or NULL when only @in is given
 * @in: the inputs of cycle @cycle, or NULL when only @out is given (the request edges come from
 *   @in, the response and interrupt edges from @out; the first values are compared with zeros)
 * @masters: how many masters' pins are meaningful (1 or 2)
 * Calls must not go back in time. Cheap when nothing changed.
 */
void hx_trace_pins(hx_trace *t, uint64_t cycle, const pl08x_pins_out *out, const pl08x_pins_in *in,
		unsigned masters);
/** hx_trace_note - a free-form event of the layers above; @text may be NULL (hashed as "") */
void hx_trace_note(hx_trace *t, uint64_t cycle, const char *kind, const char *text);

/** hx_trace_hash - the hash of every event so far */
uint64_t hx_trace_hash(const hx_trace *t);
/** hx_trace_events - number of events so far */
uint64_t hx_trace_events(const hx_trace *t);
/**
 * hx_trace_close - flush, close and rename the files into place; events after it are only hashed
 * Return: 0 (also when no file was open), or -1 with errno set when a write failed; the
 * temporary files are then removed and nothing is left at the paths.
 */
int hx_trace_close(hx_trace *t);
/** hx_trace_discard - close and remove the files without renaming (an aborted run) */
void hx_trace_discard(hx_trace *t);

#endif
