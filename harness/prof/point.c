/* One point: a PL080 on hx_sim with the point's memories and peripherals, programmed through
 * the model's register port (pl08x_write, no CPU cost: the profiler measures the DMAC, not the
 * software), run to the end and measured from the bus's beats and statistics.
 *
 * Address map (each region its own slave, so source, destination and LLI memories have their
 * own wait states even on one master; channel n at base + n * stride):
 *   0x10000000 source memory       (m2m, m2p) on smaster, swaits
 *   0x20000000 destination memory  (m2m, p2m) on dmaster, dwaits
 *   0x30000000 LLI items, 16 bytes each, on lmaster, lwaits
 *   0x40000000 + 0x100 n  FIFO peripheral of channel n on request line n, on the master and with
 *              the wait states of its side
 * Time: the controller is enabled at cycle 0, the channels are programmed and enabled together at
 * t = 1 (timing-model.md's setup: the controller already on); the run ends when every channel has
 * cleared its E bit, i.e. at the DMACINTTC rise of the last one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/periph.h"
#include "harness/sim.h"
#include "pl08x/regs.h"
#include "prof.h"

#define HX_PT_SRC_BASE 0x10000000u
#define HX_PT_DST_BASE 0x20000000u
#define HX_PT_LLI_BASE 0x30000000u
#define HX_PT_PER_BASE 0x40000000u
#define HX_PT_PER_STRIDE 0x100u
#define HX_PT_REGION   0x10000000u
#define HX_PT_CHANNELS 8

enum hx_pt_role { HX_PT_NONE, HX_PT_DATA, HX_PT_LLI };

/* What one channel did, from its beats */
typedef struct hx_pt_chan {
	uint64_t first_beat;     /* address phase of its first data beat, or of its first peripheral beat */
	uint64_t first_req;      /* first cycle its peripheral's request pins were up */
	uint64_t done;           /* first cycle with its E bit clear */
	uint64_t last_data_done; /* data end of its latest data beat */
	uint64_t gap_start;      /* last_data_done when its current LLI load began */
	unsigned lli_words;      /* words of the current LLI load seen */
	uint64_t gap_sum;
	unsigned loads;
} hx_pt_chan;

/** hx_pt_run - a point being run: the sim, the layout and what the beats showed */
typedef struct hx_pt_run {
	const hx_prof_point *p;
	hx_sim *s;
	pl08x_dev *dev;
	hx_periph *per[HX_PT_CHANNELS];
	unsigned channels, items;
	uint32_t stride, lli_stride;
	uint64_t t, last_cycle;
	uint8_t running;
	hx_pt_chan ch[HX_PT_CHANNELS];
} hx_pt_run;

static unsigned hx_pt_code(unsigned burst)
{
	static const unsigned sizes[] = { 1, 4, 8, 16, 32, 64, 128, 256 };

	for (unsigned i = 0; i < 8; i++)
		if (sizes[i] == burst)
			return i;
	return 0;
}

static unsigned hx_pt_width_code(unsigned bits)
{
	return bits == 8 ? PL08X_WIDTH_8 : bits == 16 ? PL08X_WIDTH_16 : PL08X_WIDTH_32;
}

static bool hx_pt_is_periph_side(const hx_prof_point *p, bool src)
{
	return p->v[HX_PD_CASE] == (src ? HX_PROF_P2M : HX_PROF_M2P);
}

/* Which channel and role a beat's address belongs to */
static enum hx_pt_role hx_pt_classify(const hx_pt_run *r, uint32_t addr, unsigned *chan, bool *periph)
{
	uint32_t region = addr & ~(HX_PT_REGION - 1), off = addr - region;

	*periph = false;
	switch (region) {
	case HX_PT_SRC_BASE:
	case HX_PT_DST_BASE:
		*chan = off / r->stride;
		return HX_PT_DATA;
	case HX_PT_LLI_BASE:
		*chan = off / r->lli_stride;
		return HX_PT_LLI;
	case HX_PT_PER_BASE:
		*chan = off / HX_PT_PER_STRIDE;
		*periph = true;
		return HX_PT_DATA;
	default:
		return HX_PT_NONE;
	}
}

static void hx_pt_on_beat(void *ctx, const hx_bus_beat *b)
{
	hx_pt_run *r = ctx;
	unsigned n;
	bool periph;
	enum hx_pt_role role = hx_pt_classify(r, b->addr, &n, &periph);
	hx_pt_chan *c;

	if (role == HX_PT_NONE || n >= r->channels)
		return;
	c = &r->ch[n];
	if (role == HX_PT_LLI) {
		if (!c->lli_words++)
			c->gap_start = c->last_data_done;
		return;
	}
	/* the first beat that counts for the latency: any data beat (m2m), a peripheral beat otherwise */
	if ((periph || r->p->v[HX_PD_CASE] == HX_PROF_M2M) && b->cycle < c->first_beat)
		c->first_beat = b->cycle;
	if (c->lli_words >= 4) {
		/* the first data beat of the next item ends the LLI gap */
		c->gap_sum += b->cycle - c->gap_start;
		c->loads++;
		c->lli_words = 0;
	}
	if (b->done_cycle > c->last_data_done)
		c->last_data_done = b->done_cycle;
}

/* Called by hx_sim_wait_until() at each cycle boundary the sim stops at */
static bool hx_pt_pred(hx_sim *s, void *arg)
{
	hx_pt_run *r = arg;
	uint64_t c = hx_sim_cycle(s);
	uint8_t en;

	/* the pins read now were computed at the start of the last tick, in cycle r->last_cycle */
	for (unsigned n = 0; n < r->channels; n++)
		if (r->per[n] && r->ch[n].first_req == UINT64_MAX && hx_periph_pins(r->per[n]))
			r->ch[n].first_req = r->last_cycle;
	r->last_cycle = c;
	en = (uint8_t)pl08x_rd(r->dev, PL08X_ENBLD_CHNS);
	for (unsigned n = 0; n < r->channels; n++)
		if ((r->running & ~en) & (1u << n))
			r->ch[n].done = c;
	r->running &= en;
	return r->running == 0;
}

static uint32_t hx_pt_ctl(const hx_prof_point *p, unsigned item_bytes, bool last)
{
	uint32_t ctl = 0;
	unsigned code = hx_pt_code(p->v[HX_PD_BURST]);

	ctl = PL08X_SET(ctl, PL08X_CCTL_TS, item_bytes / (p->v[HX_PD_SWIDTH] / 8));
	ctl = PL08X_SET(ctl, PL08X_CCTL_SBSIZE, code);
	ctl = PL08X_SET(ctl, PL08X_CCTL_DBSIZE, code);
	ctl = PL08X_SET(ctl, PL08X_CCTL_SWIDTH, hx_pt_width_code(p->v[HX_PD_SWIDTH]));
	ctl = PL08X_SET(ctl, PL08X_CCTL_DWIDTH, hx_pt_width_code(p->v[HX_PD_DWIDTH]));
	ctl = PL08X_SET(ctl, PL08X_CCTL_S, p->v[HX_PD_SMASTER] - 1);
	ctl = PL08X_SET(ctl, PL08X_CCTL_D, p->v[HX_PD_DMASTER] - 1);
	ctl = PL08X_SET(ctl, PL08X_CCTL_SI, !hx_pt_is_periph_side(p, true));
	ctl = PL08X_SET(ctl, PL08X_CCTL_DI, !hx_pt_is_periph_side(p, false));
	return PL08X_SET(ctl, PL08X_CCTL_I, last);
}

/* Memories, peripherals and source data; false with the reason in @why */
static bool hx_pt_build(hx_pt_run *r, char *why, size_t len)
{
	const hx_prof_point *p = r->p;
	hx_bus *bus = hx_sim_bus(r->s);
	uint32_t span = r->stride * r->channels;
	bool src_mem = !hx_pt_is_periph_side(p, true), dst_mem = !hx_pt_is_periph_side(p, false);

	if ((src_mem && hx_bus_add_mem(bus, "src", p->v[HX_PD_SMASTER] - 1, HX_PT_SRC_BASE, span, false,
				       hx_bus_waits_fixed(p->v[HX_PD_SWAITS])) < 0) ||
	    (dst_mem && hx_bus_add_mem(bus, "dst", p->v[HX_PD_DMASTER] - 1, HX_PT_DST_BASE, span, false,
				       hx_bus_waits_fixed(p->v[HX_PD_DWAITS])) < 0) ||
	    (r->items > 1 && hx_bus_add_mem(bus, "lli", p->v[HX_PD_LMASTER] - 1, HX_PT_LLI_BASE,
					    r->lli_stride * r->channels, false,
					    hx_bus_waits_fixed(p->v[HX_PD_LWAITS])) < 0)) {
		snprintf(why, len, "bus: %s", hx_bus_error(bus));
		return false;
	}
	for (unsigned n = 0; n < r->channels; n++) {
		if (src_mem) {
			uint8_t *m = hx_bus_mem_bytes(bus, p->v[HX_PD_SMASTER] - 1, HX_PT_SRC_BASE + n * r->stride,
						      p->v[HX_PD_SIZE]);

			for (unsigned i = 0; i < p->v[HX_PD_SIZE]; i++)
				m[i] = hx_pattern_byte(n + 1, i);
		}
		if (p->v[HX_PD_CASE] == HX_PROF_M2M)
			continue;
		bool to_mem = p->v[HX_PD_CASE] == HX_PROF_P2M;
		unsigned burst = p->v[HX_PD_BURST], width = p->v[to_mem ? HX_PD_SWIDTH : HX_PD_DWIDTH] / 8;
		char name[16];
		hx_periph_config pc = {
			.name = name,
			.kind = HX_PERIPH_FIFO,
			.line = n,
			.master = p->v[to_mem ? HX_PD_SMASTER : HX_PD_DMASTER] - 1,
			.base = HX_PT_PER_BASE + n * HX_PT_PER_STRIDE,
			.waits = hx_bus_waits_fixed(p->v[to_mem ? HX_PD_SWAITS : HX_PD_DWAITS]),
			.dir = to_mem ? HX_PERIPH_TO_MEMORY : HX_PERIPH_FROM_MEMORY,
			.width = width,
			.depth = p->v[HX_PD_PDEPTH] > burst ? p->v[HX_PD_PDEPTH] : burst,
			.rate = p->v[HX_PD_PRATE],
			.watermark = burst,
			.count = p->v[HX_PD_SIZE] / width,
			.data_seed = n + 1,
			.start = r->t,
		};
		char err[120];

		snprintf(name, sizeof(name), "fifo%u", n);
		r->per[n] = hx_periph_create(&pc, bus, err, sizeof(err));
		if (!r->per[n] || hx_sim_add_periph(r->s, r->per[n]) < 0) {
			hx_periph_destroy(r->per[n]);
			r->per[n] = NULL;
			snprintf(why, len, "peripheral: %s", err);
			return false;
		}
	}
	return true;
}

/* Channel registers and LLI items of every channel, written at the current cycle */
static void hx_pt_program(hx_pt_run *r)
{
	const hx_prof_point *p = r->p;
	hx_bus *bus = hx_sim_bus(r->s);
	uint32_t lm = p->v[HX_PD_LMASTER] - 1;
	unsigned flow = p->v[HX_PD_CASE] == HX_PROF_M2M ? PL08X_FLOW_MEM2MEM
			: p->v[HX_PD_CASE] == HX_PROF_M2P ? PL08X_FLOW_MEM2PER : PL08X_FLOW_PER2MEM;

	for (unsigned n = 0; n < r->channels; n++) {
		uint32_t base = PL08X_CH_BASE(n), src = HX_PT_SRC_BASE + n * r->stride, dst = HX_PT_DST_BASE + n * r->stride;
		uint32_t lli = HX_PT_LLI_BASE + n * r->lli_stride, cfg = 0;
		uint32_t src_step = hx_pt_is_periph_side(p, true) ? 0 : 1, dst_step = hx_pt_is_periph_side(p, false) ? 0 : 1;

		if (!src_step)
			src = HX_PT_PER_BASE + n * HX_PT_PER_STRIDE;
		if (!dst_step)
			dst = HX_PT_PER_BASE + n * HX_PT_PER_STRIDE;
		/* item 0 in the registers, items 1.. in LLI memory, each pointing at the next */
		for (unsigned i = 0, off = 0; i < r->items; off += hx_prof_item_bytes(p, i), i++) {
			bool last = i + 1 == r->items;
			uint32_t next = last ? 0 : (lli + 16 * i) | lm;
			uint32_t words[4] = { src + off * src_step, dst + off * dst_step, next,
					      hx_pt_ctl(p, hx_prof_item_bytes(p, i), last) };

			if (i == 0) {
				pl08x_write(r->dev, base + PL08X_CH_SRC_ADDR, words[0]);
				pl08x_write(r->dev, base + PL08X_CH_DEST_ADDR, words[1]);
				pl08x_write(r->dev, base + PL08X_CH_LLI, words[2]);
				pl08x_write(r->dev, base + PL08X_CH_CONTROL, words[3]);
			} else {
				hx_bus_mem_write(bus, lm, lli + 16 * (i - 1), words, sizeof(words));
			}
		}
		cfg = PL08X_SET(cfg, PL08X_CCFG_SRC_PERIPH, n);
		cfg = PL08X_SET(cfg, PL08X_CCFG_DEST_PERIPH, n);
		cfg = PL08X_SET(cfg, PL08X_CCFG_FLOW, flow);
		cfg = PL08X_SET(cfg, PL08X_CCFG_ITC, 1);
		cfg = PL08X_SET(cfg, PL08X_CCFG_IE, 1);
		r->running |= (uint8_t)(1u << n);
		r->ch[n].first_beat = r->ch[n].first_req = UINT64_MAX;
		/* no time passes between these writes: every channel is enabled in cycle t */
		pl08x_write(r->dev, base + PL08X_CH_CONFIG, PL08X_SET(cfg, PL08X_CCFG_E, 1));
	}
}

/* The data each channel moved is what it should have moved */
static bool hx_pt_verify(hx_pt_run *r, char *why, size_t len)
{
	const hx_prof_point *p = r->p;
	hx_bus *bus = hx_sim_bus(r->s);
	unsigned size = p->v[HX_PD_SIZE];

	for (unsigned n = 0; n < r->channels; n++) {
		const uint8_t *got, *src = NULL;
		size_t got_len = size;
		hx_periph_stats st = { 0 };

		if (r->per[n])
			hx_periph_get_stats(r->per[n], &st);
		if (st.underruns || st.overruns) {
			snprintf(why, len, "channel %u: FIFO %lu underruns, %lu overruns", n, st.underruns, st.overruns);
			return false;
		}
		if (p->v[HX_PD_CASE] != HX_PROF_P2M)
			src = hx_bus_mem_bytes(bus, p->v[HX_PD_SMASTER] - 1, HX_PT_SRC_BASE + n * r->stride, size);
		if (p->v[HX_PD_CASE] == HX_PROF_M2P)
			got = hx_periph_captured(r->per[n], &got_len);
		else
			got = hx_bus_mem_bytes(bus, p->v[HX_PD_DMASTER] - 1, HX_PT_DST_BASE + n * r->stride, size);
		if (got_len != size) {
			snprintf(why, len, "channel %u: %zu bytes moved, not %u", n, got_len, size);
			return false;
		}
		for (unsigned i = 0; i < size; i++)
			if (got[i] != (src ? src[i] : hx_pattern_byte(n + 1, i))) {
				snprintf(why, len, "channel %u: byte %u is wrong", n, i);
				return false;
			}
	}
	return true;
}

static void hx_pt_set(hx_prof_result *res, unsigned m, double v)
{
	res->m[m] = v;
	res->has[m] = true;
}

/* Metrics from the run (all but the LLI overhead, which needs the reference point) */
static void hx_pt_measure(hx_pt_run *r, hx_prof_result *res)
{
	const hx_prof_point *p = r->p;
	hx_bus_stats st;
	uint64_t end = 0, beats[2] = { 0, 0 }, bound;
	unsigned size = p->v[HX_PD_SIZE], sw = p->v[HX_PD_SWIDTH] / 8, dw = p->v[HX_PD_DWIDTH] / 8;
	double cycles, lat_max = 0, gap = 0;
	unsigned loads = 0;

	hx_bus_get_stats(hx_sim_bus(r->s), &st);
	for (unsigned n = 0; n < r->channels; n++) {
		hx_pt_chan *c = &r->ch[n];
		uint64_t from = c->first_req != UINT64_MAX && c->first_req > r->t ? c->first_req : r->t;
		double lat = c->first_beat == UINT64_MAX ? 0 : (double)(c->first_beat - from);

		if (c->done > end)
			end = c->done;
		if (n == 0)
			hx_pt_set(res, HX_PM_LATENCY, lat);
		if (lat > lat_max)
			lat_max = lat;
		gap += (double)c->gap_sum;
		loads += c->loads;
	}
	cycles = (double)(end - r->t);
	hx_pt_set(res, HX_PM_CYCLES, cycles);
	hx_pt_set(res, HX_PM_BYTES, (double)size * r->channels);
	hx_pt_set(res, HX_PM_BPC, (double)size * r->channels / cycles);
	hx_pt_set(res, HX_PM_UTIL1, (double)st.busy_cycles[0] / cycles);
	hx_pt_set(res, HX_PM_UTIL2, (double)st.busy_cycles[1] / cycles);
	hx_pt_set(res, HX_PM_BEATS1, (double)st.beats[0]);
	hx_pt_set(res, HX_PM_BEATS2, (double)st.beats[1]);
	hx_pt_set(res, HX_PM_LATENCY_MAX, lat_max);
	hx_pt_set(res, HX_PM_ITEMS, r->items);
	if (loads)
		hx_pt_set(res, HX_PM_LLI_GAP, gap / loads);
	/* the AHB bound: every beat the transfer needs, one per cycle on its master */
	beats[p->v[HX_PD_SMASTER] - 1] += (uint64_t)(size / sw) * r->channels;
	beats[p->v[HX_PD_DMASTER] - 1] += (uint64_t)(size / dw) * r->channels;
	beats[p->v[HX_PD_LMASTER] - 1] += 4ull * (r->items - 1) * r->channels;
	bound = beats[0] > beats[1] ? beats[0] : beats[1];
	hx_pt_set(res, HX_PM_BOUND, (double)bound);
	hx_pt_set(res, HX_PM_RATIO, (double)bound / cycles);
}

/* A generous limit: every beat at its wait states, 16 cycles of slack each, and the peripheral's pace */
static uint64_t hx_pt_timeout(const hx_prof_point *p, unsigned items)
{
	uint64_t beats = (uint64_t)p->v[HX_PD_SIZE] * 2 + 4ull * items;
	uint64_t waits = p->v[HX_PD_SWAITS] + p->v[HX_PD_DWAITS] + p->v[HX_PD_LWAITS];

	return 10000 + beats * (waits + 16) * p->v[HX_PD_CHANNELS] +
	       (uint64_t)p->v[HX_PD_SIZE] * p->v[HX_PD_PRATE] * 2 * p->v[HX_PD_CHANNELS];
}

void hx_prof_run_point(const hx_prof_point *p, hx_prof_result *res)
{
	hx_sim_config cfg = { .variant = PL08X_VARIANT_PL080, .seed = 1 };
	hx_pt_run r = { .p = p };
	char why[160] = "";

	memset(res, 0, sizeof(*res));
	r.channels = p->v[HX_PD_CHANNELS];
	r.items = hx_prof_items(p);
	r.stride = (p->v[HX_PD_SIZE] + 0xFFFu) & ~0xFFFu;
	r.lli_stride = ((r.items * 16u) + 0xFFu) & ~0xFFu;
	r.t = 1;
	r.s = hx_sim_create(&cfg);
	if (!r.s) {
		snprintf(res->status, sizeof(res->status), "out of memory");
		return;
	}
	r.dev = hx_sim_dev(r.s);
	if (!hx_pt_build(&r, why, sizeof(why)))
		goto out;
	/* the profiler takes the bus's beat hook: beats are measured, not traced */
	hx_bus_on_beat(hx_sim_bus(r.s), hx_pt_on_beat, &r);
	pl08x_write(r.dev, PL08X_CONFIG, PL08X_SET(0u, PL08X_CONFIG_E, 1));
	pl08x_write(r.dev, PL08X_SYNC, p->v[HX_PD_SYNC] ? 0u : 0xFFFFu);
	hx_sim_run_to(r.s, r.t);
	r.last_cycle = r.t - 1;
	hx_pt_program(&r);
	if (!hx_sim_wait_until(r.s, hx_pt_pred, &r, hx_pt_timeout(p, r.items), "transfer")) {
		snprintf(why, sizeof(why), "%s", hx_sim_failure(r.s));
		goto out;
	}
	for (unsigned m = 0; m < 2; m++)
		if (hx_sim_check(r.s, m)->total) {
			snprintf(why, sizeof(why), "AHB%u: %lu protocol violations", m + 1, hx_sim_check(r.s, m)->total);
			goto out;
		}
	if (!hx_pt_verify(&r, why, sizeof(why)))
		goto out;
	hx_pt_measure(&r, res);
	res->ok = true;
	snprintf(why, sizeof(why), "ok");
out:
	res->sim_cycles = hx_sim_cycle(r.s);
	snprintf(res->status, sizeof(res->status), "%s", why);
	hx_sim_destroy(r.s);
}

void hx_prof_finish(const hx_prof_points *pts, hx_prof_result *res)
{
	for (size_t i = 0; i < pts->n; i++) {
		long ref = pts->ref[i];
		unsigned items = hx_prof_items(&pts->pts[i]);

		if (ref < 0 || !res[i].ok || !res[ref].ok || items < 2)
			continue;
		hx_pt_set(&res[i], HX_PM_LLI_OVERHEAD, (res[i].m[HX_PM_CYCLES] - res[ref].m[HX_PM_CYCLES]) / (items - 1));
	}
}
