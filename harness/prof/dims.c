/* The profiler's dimensions and metrics (names, defaults, ranges, help) and the rules a
 * combination must meet to run. The tables are constant: the only data shared by threads.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl08x/regs.h"
#include "prof.h"

/* Bytes of memory a channel may use per region; keeps every point's memory small */
#define HX_PROF_SIZE_MAX (1u << 20)

const char *const hx_prof_case_names[HX_PROF_CASES] = { "m2m", "m2p", "p2m" };

const hx_prof_dim_info hx_prof_dims[HX_PD_COUNT] = {
	[HX_PD_CASE] = { "case", HX_PROF_M2M, 0, HX_PROF_CASES - 1, false, false,
			 "transfer: m2m (memory to memory), m2p (memory to a FIFO peripheral), p2m (FIFO peripheral to memory)" },
	[HX_PD_BURST] = { "burst", 4, 1, 256, true, false,
			  "SBSize and DBSize, in transfers: 1, 4, 8, 16, 32, 64, 128 or 256" },
	[HX_PD_SWIDTH] = { "swidth", 32, 8, 32, false, true, "source width in bits: 8, 16 or 32" },
	[HX_PD_DWIDTH] = { "dwidth", 32, 8, 32, false, true, "destination width in bits: 8, 16 or 32" },
	[HX_PD_SWAITS] = { "swaits", 0, 0, 16, false, false, "wait states of the source slave (memory or peripheral), 0..16" },
	[HX_PD_DWAITS] = { "dwaits", 0, 0, 16, false, false, "wait states of the destination slave, 0..16" },
	[HX_PD_LWAITS] = { "lwaits", 0, 0, 16, false, false, "wait states of the memory holding the LLI items, 0..16" },
	[HX_PD_CHANNELS] = { "channels", 1, 1, 8, false, false,
			     "active channels 0..N-1, each the same transfer on its own memory (and peripheral), all enabled in one cycle" },
	[HX_PD_SMASTER] = { "smaster", 1, 1, 2, false, false, "AHB master of the source: 1 or 2" },
	[HX_PD_DMASTER] = { "dmaster", 1, 1, 2, false, false, "AHB master of the destination: 1 or 2" },
	[HX_PD_LMASTER] = { "lmaster", 1, 1, 2, false, false, "AHB master that loads the LLI items (LM): 1 or 2" },
	[HX_PD_SIZE] = { "size", 1024, 1, HX_PROF_SIZE_MAX, false, false,
			 "bytes per channel, a multiple of both widths, at most 1048576" },
	[HX_PD_LLI] = { "lli", 0, 0, HX_PROF_SIZE_MAX, false, false,
			"bytes per LLI item (0: one item); the last item takes the rest" },
	[HX_PD_SYNC] = { "sync", 0, 0, 1, false, false,
			 "request synchroniser of the peripheral lines: 0 bypassed (DMACSync bit 1), 1 in use" },
	[HX_PD_PRATE] = { "prate", 1, 1, 1000000, false, false,
			  "cycles per element of a FIFO peripheral (it produces or consumes one element every PRATE cycles)" },
	[HX_PD_PDEPTH] = { "pdepth", 16, 1, 4096, false, false,
			   "FIFO depth of a peripheral in elements (raised to the burst when smaller); its watermark is the burst" },
};

const hx_prof_alias hx_prof_aliases[] = {
	{ "width", (1u << HX_PD_SWIDTH) | (1u << HX_PD_DWIDTH), "swidth and dwidth together" },
	{ "waits", (1u << HX_PD_SWAITS) | (1u << HX_PD_DWAITS) | (1u << HX_PD_LWAITS), "swaits, dwaits and lwaits together" },
	{ NULL, 0, NULL },
};

const hx_prof_metric_info hx_prof_metrics[HX_PM_COUNT] = {
	[HX_PM_CYCLES] = { "cycles", true, "cycles",
			   "cycles from the enabling write (t) to the DMACINTTC rise of the last channel to finish" },
	[HX_PM_BYTES] = { "bytes", true, "bytes", "bytes moved, all channels" },
	[HX_PM_BPC] = { "bytes_per_cycle", false, "bytes per cycle", "bytes / cycles" },
	[HX_PM_UTIL1] = { "util_ahb1", false, "AHB1 utilisation",
			  "cycles with a data phase in progress on AHB1 (wait states included) / cycles" },
	[HX_PM_UTIL2] = { "util_ahb2", false, "AHB2 utilisation", "the same for AHB2" },
	[HX_PM_BEATS1] = { "beats_ahb1", true, "AHB1 beats", "transfers on AHB1 (data and LLI words)" },
	[HX_PM_BEATS2] = { "beats_ahb2", true, "AHB2 beats", "transfers on AHB2" },
	[HX_PM_LATENCY] = { "latency", true, "latency (cycles)",
			    "channel 0: cycles from its enable (m2m) or from its first request, not before the enable (m2p, p2m), to the address phase of its first beat (m2m) or first peripheral beat" },
	[HX_PM_LATENCY_MAX] = { "latency_max", true, "worst latency (cycles)", "the largest latency over the channels" },
	[HX_PM_ITEMS] = { "lli_items", true, "items", "LLI items per channel" },
	[HX_PM_LLI_GAP] = { "lli_gap", false, "cycles",
			    "mean cycles from the data end of an item's last write to the address phase of the next item's first data beat (chains only)" },
	[HX_PM_LLI_OVERHEAD] = { "lli_overhead", false, "cycles per item",
				 "(cycles - cycles of the same transfer as one item) / (items - 1); empty when one item cannot hold the transfer (over 4095 transfers)" },
	[HX_PM_BOUND] = { "ahb_bound", true, "cycles",
			  "the AHB bound: the most beats one master must carry (one beat per cycle per master)" },
	[HX_PM_RATIO] = { "ahb_ratio", false, "ratio to the AHB bound", "ahb_bound / cycles (1 = the bus limit)" },
};

int hx_prof_dim_find(const char *name)
{
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if (!strcmp(hx_prof_dims[d].name, name))
			return (int)d;
	return -1;
}

uint32_t hx_prof_key_dims(const char *name)
{
	int d = hx_prof_dim_find(name);

	if (d >= 0)
		return 1u << d;
	for (const hx_prof_alias *a = hx_prof_aliases; a->name; a++)
		if (!strcmp(a->name, name))
			return a->dims;
	return 0;
}

int hx_prof_metric_find(const char *name)
{
	for (unsigned m = 0; m < HX_PM_COUNT; m++)
		if (!strcmp(hx_prof_metrics[m].name, name))
			return (int)m;
	return -1;
}

bool hx_prof_check_value(unsigned dim, unsigned v, char *err, size_t err_len)
{
	const hx_prof_dim_info *d = &hx_prof_dims[dim];

	if (d->burst && v != 1 && (v < 4 || v > 256 || (v & (v - 1)))) {
		snprintf(err, err_len, "%u is not a burst size (1, 4, 8, 16, 32, 64, 128, 256)", v);
		return false;
	}
	if (d->width && v != 8 && v != 16 && v != 32) {
		snprintf(err, err_len, "%u is not a width (8, 16, 32 bits)", v);
		return false;
	}
	if (v < d->min || v > d->max) {
		snprintf(err, err_len, "%u is out of range (%u..%u)", v, d->min, d->max);
		return false;
	}
	return true;
}

bool hx_prof_parse_value(unsigned dim, const char *text, unsigned *out, char *err, size_t err_len)
{
	char *end;
	unsigned long v;

	if (dim == HX_PD_CASE) {
		for (unsigned c = 0; c < HX_PROF_CASES; c++)
			if (!strcmp(text, hx_prof_case_names[c])) {
				*out = c;
				return true;
			}
		snprintf(err, err_len, "'%s' is not a case (m2m, m2p, p2m)", text);
		return false;
	}
	if (!isdigit((unsigned char)text[0])) {
		snprintf(err, err_len, "'%s' is not a number", text);
		return false;
	}
	v = strtoul(text, &end, 0);
	if (*end || v > 0xFFFFFFFFul) {
		snprintf(err, err_len, "'%s' is not a number", text);
		return false;
	}
	*out = (unsigned)v;
	return hx_prof_check_value(dim, *out, err, err_len);
}

const char *hx_prof_format_value(unsigned dim, unsigned v, char *buf, size_t len)
{
	if (dim == HX_PD_CASE)
		snprintf(buf, len, "%s", v < HX_PROF_CASES ? hx_prof_case_names[v] : "?");
	else
		snprintf(buf, len, "%u", v);
	return buf;
}

unsigned hx_prof_items(const hx_prof_point *p)
{
	unsigned size = p->v[HX_PD_SIZE], lli = p->v[HX_PD_LLI];

	return lli == 0 || lli >= size ? 1 : (size + lli - 1) / lli;
}

unsigned hx_prof_item_bytes(const hx_prof_point *p, unsigned i)
{
	unsigned size = p->v[HX_PD_SIZE], lli = p->v[HX_PD_LLI], n = hx_prof_items(p);

	if (n == 1)
		return size;
	return i + 1 < n ? lli : size - lli * (n - 1);
}

bool hx_prof_point_valid(const hx_prof_point *p, char *err, size_t err_len)
{
	unsigned sw = p->v[HX_PD_SWIDTH] / 8, dw = p->v[HX_PD_DWIDTH] / 8, size = p->v[HX_PD_SIZE];
	unsigned lli = p->v[HX_PD_LLI], unit = sw > dw ? sw : dw, burst = p->v[HX_PD_BURST];
	unsigned items = hx_prof_items(p);

	if (size % unit) {
		snprintf(err, err_len, "size %u is not a multiple of the widths (%u bytes)", size, unit);
		return false;
	}
	if (items > 1 && lli % unit) {
		snprintf(err, err_len, "lli %u is not a multiple of the widths (%u bytes)", lli, unit);
		return false;
	}
	for (unsigned i = 0; i < items; i += items > 1 ? items - 1 : 1)
		if (hx_prof_item_bytes(p, i) / sw > PL08X_TS_MAX) {
			snprintf(err, err_len, "an item of %u bytes is over %u transfers of %u bits (use lli)",
				 hx_prof_item_bytes(p, i), PL08X_TS_MAX, sw * 8);
			return false;
		}
	if (p->v[HX_PD_CASE] == HX_PROF_P2M)
		for (unsigned i = 0; i < items; i += items > 1 ? items - 1 : 1)
			if ((hx_prof_item_bytes(p, i) / sw) % burst) {
				/* the FIFO asks only for whole bursts: a partial one would never be asked for */
				snprintf(err, err_len, "p2m: an item of %u transfers is not a multiple of the burst %u",
					 hx_prof_item_bytes(p, i) / sw, burst);
				return false;
			}
	return true;
}
