/* Loading a vector's steps (stimulus, irq_handler) and its expectations, with the register
 * names and the field mappings of control and configuration values.
 * See docs/vector-format.md, sections "Steps" and "expect".
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vector_drv.h"
#include "vector_parse.h"

#define TIMEOUT_MAX (1ull << 40)
#define DEFAULT_TIMEOUT 100000u

/* ---- registers ---- */

static const char *const chan_regs[] = { "SrcAddr", "DestAddr", "LLI", "Control", "Configuration", NULL };

const char *hx_vec_irq_line_name(enum hx_virq_line l)
{
	static const char *const names[] = { "intr", "tc", "err" };
	return l < HX_VIRQ_LINES ? names[l] : "?";
}

void hx_vec_reg_label(const pl08x_dev *dev, uint32_t offset, char *buf, size_t len)
{
	const char *name = pl08x_reg_name(dev, offset);

	if (name && !strncmp(name, "DMACCx", 6)) {
		unsigned n = (offset - PL08X_CH_BASE(0)) / 0x20u;
		snprintf(buf, len, "C%u%s", n, name + 6);
	} else if (name) {
		snprintf(buf, len, "%s", name);
	} else {
		snprintf(buf, len, "0x%03" PRIx32, offset);
	}
}

/* A register: a TRM name (DMAC prefix optional), C<n><Reg> / DMACC<n><Reg>, or a byte offset */
static bool ld_reg(hx_ld *ld, struct fy_node *n, const char *field, uint32_t *off)
{
	const char *s, *name;

	if (hx_ld_is_number(n)) {
		if (!hx_ld_u32(ld, n, field, 0, 0xFFC, off))
			return false;
		if (*off % 4)
			return hx_ld_err(ld, n, field, "offset 0x%" PRIx32 " is not word-aligned", *off);
		return true;
	}
	if (!hx_ld_str(ld, n, field, &name))
		return false;
	s = name;
	if (!strncasecmp(s, "DMAC", 4))
		s += 4;
	if ((s[0] == 'C' || s[0] == 'c') && isdigit((unsigned char)s[1])) {
		char *end;
		unsigned long ch = strtoul(s + 1, &end, 10);
		for (unsigned r = 0; chan_regs[r]; r++) {
			if (strcasecmp(end, chan_regs[r]))
				continue;
			if (ch >= ld->channels)
				return hx_ld_err(ld, n, field, "channel %lu does not exist on the %s (channels 0..%u)", ch,
						 ld->v->variant == PL08X_VARIANT_PL081 ? "pl081" : "pl080", ld->channels - 1);
			*off = PL08X_CH_BASE(ch) + 4u * r;
			return true;
		}
		return hx_ld_err(ld, n, field, "unknown channel register \"%s\" (C<n> then one of SrcAddr, DestAddr, "
				 "LLI, Control, Configuration)", name);
	}
	for (uint32_t o = 0; o <= 0xFFC; o += 4) {
		const char *trm = pl08x_reg_name(ld->dev, o);
		if (!trm || !strncmp(trm, "DMACCx", 6))
			continue;
		if (!strcasecmp(trm, name) || !strcasecmp(trm + 4, name)) {
			*off = o;
			return true;
		}
	}
	return hx_ld_err(ld, n, field, "unknown register \"%s\"", name);
}

/* ---- control and configuration values ---- */

/* How a field of a control or configuration mapping is written */
enum hx_ldf_kind {
	HX_LDF_UINT,   /* 0..@max */
	HX_LDF_BOOL,   /* true / false */
	HX_LDF_BSIZE,  /* 1, 4, 8 .. 256 transfers -> encoding 0..7 */
	HX_LDF_WIDTH,  /* 8, 16, 32 bits -> encoding 0..2 */
	HX_LDF_MASTER, /* 1 | 2 -> 0 | 1 */
	HX_LDF_FLOW,   /* a FlowCntrl name or 0..7 */
};

/** hx_ldf - one field of a register value: its key, its bits (shift, width) and its kind */
struct hx_ldf {
	const char *key;
	unsigned shift, width;
	enum hx_ldf_kind kind;
	unsigned max;
};

static const struct hx_ldf ctl_fields[] = {
	{ "ts", PL08X_CCTL_TS, HX_LDF_UINT, PL08X_TS_MAX },
	{ "sbsize", PL08X_CCTL_SBSIZE, HX_LDF_BSIZE, 0 },
	{ "dbsize", PL08X_CCTL_DBSIZE, HX_LDF_BSIZE, 0 },
	{ "swidth", PL08X_CCTL_SWIDTH, HX_LDF_WIDTH, 0 },
	{ "dwidth", PL08X_CCTL_DWIDTH, HX_LDF_WIDTH, 0 },
	{ "si", PL08X_CCTL_SI, HX_LDF_BOOL, 0 },
	{ "di", PL08X_CCTL_DI, HX_LDF_BOOL, 0 },
	{ "s", PL08X_CCTL_S, HX_LDF_MASTER, 0 },
	{ "d", PL08X_CCTL_D, HX_LDF_MASTER, 0 },
	{ "prot", PL08X_CCTL_PROT, HX_LDF_UINT, 7 },
	{ "i", PL08X_CCTL_I, HX_LDF_BOOL, 0 },
	{ NULL, 0, 0, HX_LDF_UINT, 0 },
};

static const struct hx_ldf cfg_fields[] = {
	{ "e", PL08X_CCFG_E, HX_LDF_BOOL, 0 },
	{ "src_periph", PL08X_CCFG_SRC_PERIPH, HX_LDF_UINT, PL08X_REQ_LINES - 1 },
	{ "dst_periph", PL08X_CCFG_DEST_PERIPH, HX_LDF_UINT, PL08X_REQ_LINES - 1 },
	{ "flow", PL08X_CCFG_FLOW, HX_LDF_FLOW, 7 },
	{ "ie", PL08X_CCFG_IE, HX_LDF_BOOL, 0 },
	{ "itc", PL08X_CCFG_ITC, HX_LDF_BOOL, 0 },
	{ "l", PL08X_CCFG_L, HX_LDF_BOOL, 0 },
	{ "h", PL08X_CCFG_H, HX_LDF_BOOL, 0 },
	{ NULL, 0, 0, HX_LDF_UINT, 0 },
};

static const char *const flow_names[] = { "m2m", "m2p", "p2m", "p2p", "p2p_dst", "m2p_per", "p2m_per", "p2p_src",
					  NULL };

/* The encoded value of one field */
static bool ld_field_value(hx_ld *ld, struct fy_node *n, const char *f, const struct hx_ldf *d, unsigned *x)
{
	bool b;

	switch (d->kind) {
	case HX_LDF_UINT:
		return hx_ld_uint(ld, n, f, 0, d->max, x);
	case HX_LDF_BOOL:
		if (!hx_ld_bool(ld, n, f, &b))
			return false;
		*x = b;
		return true;
	case HX_LDF_BSIZE:
		if (!hx_ld_uint(ld, n, f, 1, 256, x))
			return false;
		for (unsigned enc = 0; enc < 8; enc++)
			if ((enc ? 2u << enc : 1u) == *x) {
				*x = enc;
				return true;
			}
		return hx_ld_err(ld, n, f, "expected 1, 4, 8, 16, 32, 64, 128 or 256 (transfers), got %u", *x);
	case HX_LDF_WIDTH:
		if (!hx_ld_uint(ld, n, f, 0, 32, x))
			return false;
		if (*x != 8 && *x != 16 && *x != 32)
			return hx_ld_err(ld, n, f, "expected 8, 16 or 32 (bits), got %u", *x);
		*x = *x == 8 ? PL08X_WIDTH_8 : *x == 16 ? PL08X_WIDTH_16 : PL08X_WIDTH_32;
		return true;
	case HX_LDF_MASTER:
		if (!hx_ld_master(ld, n, f, x))
			return false;
		*x -= 1;
		return true;
	case HX_LDF_FLOW:
		return hx_ld_is_number(n) ? hx_ld_uint(ld, n, f, 0, d->max, x) : hx_ld_enum(ld, n, f, flow_names, x);
	}
	return false;
}

/* A register value: a number, or a mapping of the @fields (missing ones are 0) */
static bool ld_fields(hx_ld *ld, struct fy_node *n, const char *field, const struct hx_ldf *fields, uint32_t *out)
{
	const char *keys[16];
	struct fy_node *val[16];
	char f[192];
	unsigned k;
	uint32_t v = 0;

	if (!fy_node_is_mapping(n))
		return hx_ld_u32(ld, n, field, 0, UINT32_MAX, out);
	for (k = 0; fields[k].key; k++)
		keys[k] = fields[k].key;
	keys[k] = NULL;
	if (!hx_ld_map(ld, n, field, keys, val, NULL))
		return false;
	for (k = 0; fields[k].key; k++) {
		unsigned x;
		if (!val[k])
			continue;
		if (!ld_field_value(ld, val[k], hx_ld_field(f, sizeof(f), field, fields[k].key), &fields[k], &x))
			return false;
		v = PL08X_SET(v, fields[k].shift, fields[k].width, x);
	}
	*out = v;
	return true;
}

static bool ld_ctl(hx_ld *ld, struct fy_node *n, const char *field, uint32_t *out)
{
	return ld_fields(ld, n, field, ctl_fields, out);
}

static bool ld_cfg(hx_ld *ld, struct fy_node *n, const char *field, uint32_t *out)
{
	return ld_fields(ld, n, field, cfg_fields, out);
}

/* An LLI word: an address (word-aligned) and the master that loads from it (LM bit) */
static bool ld_lli_word(hx_ld *ld, struct fy_node *an, struct fy_node *mn, const char *path, const char *akey,
			const char *mkey, uint32_t *out)
{
	char f[192];
	unsigned m = 1;

	*out = 0;
	if (an) {
		if (!hx_ld_u32(ld, an, hx_ld_field(f, sizeof(f), path, akey), 0, UINT32_MAX, out))
			return false;
		if (*out % 4)
			return hx_ld_err(ld, an, f, "0x%08" PRIx32 " is not word-aligned (give %s for the LM bit)", *out,
					 mkey);
	}
	if (mn && !hx_ld_master(ld, mn, hx_ld_field(f, sizeof(f), path, mkey), &m))
		return false;
	*out |= PL08X_VAL(PL08X_LLI_LM, m - 1);
	return true;
}

/* ---- steps ---- */

static const char *const step_names[] = { "write", "read", "poll", "wait_irq", "wait", "delay", "wait_idle",
					  "program", "lli", "mem", NULL };
static const char *const irq_names[] = { "intr", "tc", "err", NULL };

static bool ld_timeout(hx_ld *ld, struct fy_node *n, const char *path, uint64_t *out)
{
	char f[192];
	*out = DEFAULT_TIMEOUT;
	return !n || hx_ld_u64(ld, n, hx_ld_field(f, sizeof(f), path, "timeout"), 1, TIMEOUT_MAX, out);
}

static bool ld_lli_items(hx_ld *ld, struct fy_node *n, const char *path, hx_vstep *s)
{
	static const char *const keys[] = { "master", "at", "items", NULL };
	static const char *const ikeys[] = { "src", "dst", "next", "next_master", "control", NULL };
	struct fy_node *val[3], *iv[5];
	char f[192], p[192];
	size_t count;

	if (!hx_ld_map(ld, n, path, keys, val, NULL))
		return false;
	for (unsigned k = 0; keys[k]; k++)
		if (!hx_ld_need(ld, n, val[k], path, keys[k]))
			return false;
	if (!hx_ld_master(ld, val[0], hx_ld_field(f, sizeof(f), path, "master"), &s->range.master) ||
	    !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), path, "at"), 0, UINT32_MAX, &s->range.at))
		return false;
	if (s->range.at % 4)
		return hx_ld_err(ld, val[1], f, "0x%08" PRIx32 " is not word-aligned", s->range.at);
	if (!hx_ld_seq(ld, val[2], hx_ld_field(f, sizeof(f), path, "items"), 1, 100000, &count))
		return false;
	s->items = hx_ld_alloc(ld, count * sizeof(*s->items));
	if (!s->items)
		return false;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(val[2], i);
		pl08x_lli *l = &s->items[i];
		snprintf(p, sizeof(p), "%s.items[%zu]", path, i);
		if (!hx_ld_map(ld, it, p, ikeys, iv, NULL))
			return false;
		if (iv[0] && !hx_ld_u32(ld, iv[0], hx_ld_field(f, sizeof(f), p, "src"), 0, UINT32_MAX, &l->src))
			return false;
		if (iv[1] && !hx_ld_u32(ld, iv[1], hx_ld_field(f, sizeof(f), p, "dst"), 0, UINT32_MAX, &l->dst))
			return false;
		if (!ld_lli_word(ld, iv[2], iv[3], p, "next", "next_master", &l->lli))
			return false;
		if (iv[4] && !ld_ctl(ld, iv[4], hx_ld_field(f, sizeof(f), p, "control"), &l->ctl))
			return false;
	}
	s->nitems = count;
	s->range.periph = -1;
	return hx_ld_inside(ld, n, path, s->range.master, s->range.at, 16u * count);
}

static bool ld_program(hx_ld *ld, struct fy_node *n, const char *path, hx_vstep *s)
{
	static const char *const keys[] = { "channel", "src", "dst", "lli", "lli_master", "control", "config", NULL };
	struct fy_node *val[7];
	char f[192];

	if (!hx_ld_map(ld, n, path, keys, val, NULL) || !hx_ld_need(ld, n, val[0], path, "channel") ||
	    !hx_ld_uint(ld, val[0], hx_ld_field(f, sizeof(f), path, "channel"), 0, ld->channels - 1, &s->channel))
		return false;
	if (val[1] && !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), path, "src"), 0, UINT32_MAX, &s->src))
		return false;
	if (val[2] && !hx_ld_u32(ld, val[2], hx_ld_field(f, sizeof(f), path, "dst"), 0, UINT32_MAX, &s->dst))
		return false;
	if (!ld_lli_word(ld, val[3], val[4], path, "lli", "lli_master", &s->lli))
		return false;
	if (val[5] && !ld_ctl(ld, val[5], hx_ld_field(f, sizeof(f), path, "control"), &s->control))
		return false;
	return !val[6] || ld_cfg(ld, val[6], hx_ld_field(f, sizeof(f), path, "config"), &s->config);
}

/* write, read, poll */
static bool ld_access(hx_ld *ld, struct fy_node *n, const char *path, hx_vstep *s)
{
	static const char *const wkeys[] = { "reg", "value", NULL };
	static const char *const rkeys[] = { "reg", "expect", "mask", NULL };
	static const char *const pkeys[] = { "reg", "mask", "equals", "timeout", NULL };
	const char *const *keys = s->kind == HX_VS_WRITE ? wkeys : s->kind == HX_VS_READ ? rkeys : pkeys;
	struct fy_node *val[4];
	char f[192];

	if (!hx_ld_map(ld, n, path, keys, val, NULL) || !hx_ld_need(ld, n, val[0], path, "reg") ||
	    !ld_reg(ld, val[0], hx_ld_field(f, sizeof(f), path, "reg"), &s->reg))
		return false;
	s->mask = UINT32_MAX;
	switch (s->kind) {
	case HX_VS_WRITE: {
		/* CnControl and CnConfiguration also take their fields by name, as in `program` */
		bool chan = s->reg >= PL08X_CH_BASE(0) && s->reg < PL08X_CH_BASE(8);
		uint32_t r = (s->reg - PL08X_CH_BASE(0)) % (PL08X_CH_BASE(1) - PL08X_CH_BASE(0));

		hx_ld_field(f, sizeof(f), path, "value");
		if (!hx_ld_need(ld, n, val[1], path, "value"))
			return false;
		if (chan && r == PL08X_CH_CONTROL)
			return ld_ctl(ld, val[1], f, &s->value);
		if (chan && r == PL08X_CH_CONFIG)
			return ld_cfg(ld, val[1], f, &s->value);
		return hx_ld_u32(ld, val[1], f, 0, UINT32_MAX, &s->value);
	}
	case HX_VS_READ:
		if (val[2] && !val[1])
			return hx_ld_err(ld, val[2], hx_ld_field(f, sizeof(f), path, "mask"), "mask without expect");
		s->has_expect = val[1] != NULL;
		if (val[1] && !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), path, "expect"), 0, UINT32_MAX, &s->value))
			return false;
		return !val[2] || hx_ld_u32(ld, val[2], hx_ld_field(f, sizeof(f), path, "mask"), 0, UINT32_MAX, &s->mask);
	default:
		if (!hx_ld_need(ld, n, val[2], path, "equals") ||
		    (val[1] && !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), path, "mask"), 0, UINT32_MAX, &s->mask)) ||
		    !hx_ld_u32(ld, val[2], hx_ld_field(f, sizeof(f), path, "equals"), 0, UINT32_MAX, &s->value))
			return false;
		if (s->value & ~s->mask)
			return hx_ld_err(ld, val[2], f, "0x%08" PRIx32 " has bits outside the mask 0x%08" PRIx32
					 " (the poll could never end)", s->value, s->mask);
		return ld_timeout(ld, val[3], path, &s->cycles);
	}
}

static bool ld_step(hx_ld *ld, struct fy_node *n, const char *path, bool irq, hx_vstep *s)
{
	struct fy_node_pair *p;
	struct fy_node *body;
	void *it = NULL;
	char g[64], f[192];
	unsigned kind;

	s->line = hx_ld_line(n);
	if (!n || !fy_node_is_mapping(n) || fy_node_mapping_item_count(n) != 1)
		return hx_ld_err(ld, n, path, "expected a step: a mapping of one key (write, read, poll, wait_irq, "
				 "wait, delay, wait_idle, program, lli, mem)%s",
				 n && fy_node_is_mapping(n) ? ", got several keys" : "");
	p = fy_node_mapping_iterate(n, &it);
	struct fy_node *key = fy_node_pair_key(p);
	body = fy_node_pair_value(p);
	{
		const char *k = key && fy_node_is_scalar(key) ? fy_node_get_scalar0(key) : NULL;
		unsigned i;
		for (i = 0; k && step_names[i]; i++)
			if (!strcmp(k, step_names[i]))
				break;
		if (k && !step_names[i] && !irq) {
			for (unsigned j = 0; hx_ld_drv_step_names[j]; j++)
				if (!strcmp(k, hx_ld_drv_step_names[j])) {
					s->kind = (enum hx_vstep_kind)(HX_VS_FIRST_DRV + j);
					return hx_ld_drv_step(ld, key, body, path, false, s);
				}
		}
		if (!k || !step_names[i]) {
			snprintf(g, sizeof(g), "%s", k ? k : "?");
			return hx_ld_err(ld, key, path, "unknown step \"%s\" (expected one of write, read, poll, "
					 "wait_irq, wait, delay, wait_idle, program, lli, mem%s)", g,
					 ld->v->drv ? ", or a driver step" : "");
		}
		kind = i;
	}
	s->kind = (enum hx_vstep_kind)kind;
	hx_ld_field(f, sizeof(f), path, step_names[kind]);
	if (irq && (s->kind == HX_VS_WAIT_IRQ || s->kind == HX_VS_WAIT || s->kind == HX_VS_WAIT_IDLE))
		return hx_ld_err(ld, key, f, "not allowed in irq_handler (hard-IRQ context cannot wait; use delay)");
	if (hx_ld_is_null(body) && s->kind != HX_VS_WAIT_IDLE)
		return hx_ld_err(ld, body && !fy_node_is_null(body) ? body : key, f, "no value");
	switch (s->kind) {
	case HX_VS_WRITE:
	case HX_VS_READ:
	case HX_VS_POLL:
		return ld_access(ld, body, f, s);
	case HX_VS_WAIT_IRQ: {
		static const char *const keys[] = { "line", "timeout", NULL };
		struct fy_node *val[2];
		char lf[200];
		unsigned l;
		if (!hx_ld_map(ld, body, f, keys, val, NULL) || !hx_ld_need(ld, body, val[0], f, "line") ||
		    !hx_ld_enum(ld, val[0], hx_ld_field(lf, sizeof(lf), f, "line"), irq_names, &l))
			return false;
		s->irq = (enum hx_virq_line)l;
		return ld_timeout(ld, val[1], f, &s->cycles);
	}
	case HX_VS_WAIT:
	case HX_VS_DELAY:
		return hx_ld_u64(ld, body, f, 0, TIMEOUT_MAX, &s->cycles);
	case HX_VS_WAIT_IDLE: {
		static const char *const keys[] = { "timeout", NULL };
		struct fy_node *val[1];
		s->cycles = DEFAULT_TIMEOUT;
		if (hx_ld_is_null(body))
			return true;
		return hx_ld_map(ld, body, f, keys, val, NULL) && ld_timeout(ld, val[0], f, &s->cycles);
	}
	case HX_VS_PROGRAM:
		return ld_program(ld, body, f, s);
	case HX_VS_LLI:
		return ld_lli_items(ld, body, f, s);
	case HX_VS_MEM:
		return hx_ld_range(ld, body, f, HX_LDR_MEM, NULL, &s->range);
	default:        /* driver steps: dispatched above */
		break;
	}
	return false;
}

bool hx_ld_steps(hx_ld *ld, struct fy_node *n, const char *path, bool irq, hx_vstep **out, size_t *count)
{
	char f[160];

	if (!hx_ld_seq(ld, n, path, 0, 1000000, count))
		return false;
	*out = hx_ld_alloc(ld, (*count + 1) * sizeof(**out));
	if (!*out)
		return false;
	for (size_t i = 0; i < *count; i++) {
		snprintf(f, sizeof(f), "%s[%zu]", path, i);
		if (!ld_step(ld, hx_ld_item(n, i), f, irq, &(*out)[i]))
			return false;
	}
	return true;
}

/* ---- expect ---- */

bool hx_ld_bounds(hx_ld *ld, struct fy_node *n, const char *field, uint64_t max, uint64_t *min_out,
		  uint64_t *max_out)
{
	char f[192];
	size_t count;

	if (!fy_node_is_sequence(n)) {
		if (!hx_ld_u64(ld, n, field, 0, max, min_out))
			return false;
		*max_out = *min_out;
		return true;
	}
	if (!hx_ld_seq(ld, n, field, 2, 2, &count))
		return false;
	snprintf(f, sizeof(f), "%s[0]", field);
	if (!hx_ld_u64(ld, hx_ld_item(n, 0), f, 0, max, min_out))
		return false;
	snprintf(f, sizeof(f), "%s[1]", field);
	if (!hx_ld_u64(ld, hx_ld_item(n, 1), f, 0, max, max_out))
		return false;
	if (*max_out < *min_out)
		return hx_ld_err(ld, hx_ld_item(n, 1), f, "maximum %" PRIu64 " is below the minimum %" PRIu64, *max_out,
				 *min_out);
	return true;
}

static bool ld_expect_irqs(hx_ld *ld, struct fy_node *n, hx_vexpect *e)
{
	static const char *const keys[] = { "line", "cycle", NULL };
	struct fy_node *val[2];
	char p[64], f[96];
	size_t count;

	if (!hx_ld_seq(ld, n, "expect.interrupts", 0, 100000, &count))
		return false;
	e->has_irqs = true;
	e->irqs = hx_ld_alloc(ld, (count + 1) * sizeof(*e->irqs));
	if (!e->irqs)
		return false;
	e->lines_checked = count ? 0 : (1u << HX_VIRQ_LINES) - 1;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(n, i);
		hx_virq_edge *x = &e->irqs[i];
		unsigned l;
		snprintf(p, sizeof(p), "expect.interrupts[%zu]", i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "line") ||
		    !hx_ld_enum(ld, val[0], hx_ld_field(f, sizeof(f), p, "line"), irq_names, &l))
			return false;
		x->line = (enum hx_virq_line)l;
		x->item_line = hx_ld_line(it);
		e->lines_checked |= 1u << l;
		x->min = 0;
		x->max = UINT64_MAX;
		if (val[1] && !hx_ld_bounds(ld, val[1], hx_ld_field(f, sizeof(f), p, "cycle"), UINT64_MAX, &x->min, &x->max))
			return false;
	}
	e->nirqs = count;
	return true;
}

static bool ld_expect_regs(hx_ld *ld, struct fy_node *n, hx_vexpect *e)
{
	static const char *const keys[] = { "reg", "expect", "mask", NULL };
	struct fy_node *val[3];
	char p[64], f[96];
	size_t count;

	if (!hx_ld_seq(ld, n, "expect.registers", 0, 10000, &count))
		return false;
	e->regs = hx_ld_alloc(ld, (count + 1) * sizeof(*e->regs));
	if (!e->regs)
		return false;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(n, i);
		hx_vreg_check *r = &e->regs[i];
		snprintf(p, sizeof(p), "expect.registers[%zu]", i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "reg") ||
		    !hx_ld_need(ld, it, val[1], p, "expect") ||
		    !ld_reg(ld, val[0], hx_ld_field(f, sizeof(f), p, "reg"), &r->reg) ||
		    !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), p, "expect"), 0, UINT32_MAX, &r->value))
			return false;
		r->mask = UINT32_MAX;
		if (val[2] && !hx_ld_u32(ld, val[2], hx_ld_field(f, sizeof(f), p, "mask"), 0, UINT32_MAX, &r->mask))
			return false;
		r->line = hx_ld_line(it);
	}
	e->nregs = count;
	return true;
}

bool hx_ld_expect(hx_ld *ld, struct fy_node *n)
{
	static const char *const keys[] = { "memory", "interrupts", "registers", "bus_errors", "protocol_violations",
					    "stray_accesses", "end_cycle", "underruns", "callbacks", "status",
					    "checker_reports", "beats", "edges", NULL };
	enum { K_MEM, K_IRQ, K_REGS, K_BUSERR, K_PROTO, K_STRAY, K_END, K_UNDER, K_CBS, K_STATS, K_REPORTS, K_BEATS,
	       K_EDGES };
	struct fy_node *val[13];
	hx_vexpect *e = &ld->v->expect;
	char f[64];
	size_t count;
	uint64_t x;

	if (!n || hx_ld_is_null(n))
		return hx_ld_drv_expect(ld, NULL, NULL, NULL);
	if (!hx_ld_map(ld, n, "expect", keys, val, NULL))
		return false;
	if (!hx_ld_drv_expect(ld, val[K_CBS], val[K_STATS], val[K_REPORTS]))
		return false;
	if (val[K_MEM]) {
		if (!hx_ld_seq(ld, val[K_MEM], "expect.memory", 0, 100000, &count))
			return false;
		e->memory = hx_ld_alloc(ld, (count + 1) * sizeof(*e->memory));
		if (!e->memory)
			return false;
		for (size_t i = 0; i < count; i++) {
			snprintf(f, sizeof(f), "expect.memory[%zu]", i);
			if (!hx_ld_range(ld, hx_ld_item(val[K_MEM], i), f, HX_LDR_EXPECT, NULL, &e->memory[i]))
				return false;
		}
		e->nmemory = count;
	}
	if (val[K_IRQ] && !ld_expect_irqs(ld, val[K_IRQ], e))
		return false;
	if (val[K_REGS] && !ld_expect_regs(ld, val[K_REGS], e))
		return false;
	if (val[K_BEATS] && !hx_ld_expect_beats(ld, val[K_BEATS], e))
		return false;
	if (val[K_EDGES] && !hx_ld_expect_edges(ld, val[K_EDGES], e))
		return false;
	if (val[K_BUSERR]) {
		e->has_bus_errors = true;
		if (!hx_ld_u64(ld, val[K_BUSERR], "expect.bus_errors", 0, UINT32_MAX, &x))
			return false;
		e->bus_errors = (unsigned long)x;
	}
	if (val[K_PROTO]) {
		if (!hx_ld_u64(ld, val[K_PROTO], "expect.protocol_violations", 0, UINT32_MAX, &x))
			return false;
		e->protocol_violations = (unsigned long)x;
	}
	if (val[K_STRAY]) {
		if (!hx_ld_u64(ld, val[K_STRAY], "expect.stray_accesses", 0, UINT32_MAX, &x))
			return false;
		e->stray_accesses = (unsigned long)x;
	}
	if (val[K_END]) {
		e->has_end = true;
		if (!hx_ld_bounds(ld, val[K_END], "expect.end_cycle", UINT64_MAX, &e->end_min, &e->end_max))
			return false;
	}
	if (val[K_UNDER]) {
		e->has_underruns = true;
		if (!hx_ld_u64(ld, val[K_UNDER], "expect.underruns", 0, UINT32_MAX, &x))
			return false;
		e->underruns = (unsigned long)x;
	}
	return true;
}
