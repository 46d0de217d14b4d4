/* Traces of a run: the hash, the JSON lines writer and the VCD writer (see harness/trace.h). */
#define _POSIX_C_SOURCE 200809L

#include "harness/trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HX_FNV_OFFSET 0xcbf29ce484222325ull
#define HX_FNV_PRIME  0x100000001b3ull
#define HX_TRACE_BUF  (64u * 1024u)

/* Event kinds, as hashed (never renumber: the hashes of stored runs depend on them) */
enum hx_trace_kind { HX_TK_BEAT = 1, HX_TK_REG, HX_TK_REQ, HX_TK_RESP, HX_TK_IRQ, HX_TK_NOTE };

/* VCD signals: HX_TS_PER_MASTER per master, then the DMAC's; their index is their bit in a mask */
enum hx_trace_sig {
	HX_TS_HTRANS, HX_TS_HADDR, HX_TS_HWRITE, HX_TS_HSIZE, HX_TS_HBURST, HX_TS_HPROT, HX_TS_HLOCK,
	HX_TS_HWDATA, HX_TS_HRDATA, HX_TS_HREADY, HX_TS_HRESP, HX_TS_PER_MASTER
};
enum hx_trace_dsig {
	HX_TD_BREQ, HX_TD_SREQ, HX_TD_LBREQ, HX_TD_LSREQ, HX_TD_CLR, HX_TD_TC, HX_TD_INTR, HX_TD_INTTC,
	HX_TD_INTERR, HX_TD_COUNT
};
#define HX_TD_BASE  (PL08X_MASTERS * HX_TS_PER_MASTER)
#define HX_TS_COUNT (HX_TD_BASE + HX_TD_COUNT)

static const char *const hx_ts_names[HX_TS_PER_MASTER] = {
	"HTRANS", "HADDR", "HWRITE", "HSIZE", "HBURST", "HPROT", "HLOCK", "HWDATA", "HRDATA", "HREADY", "HRESP",
};
static const uint8_t hx_ts_widths[HX_TS_PER_MASTER] = { 2, 32, 1, 3, 3, 4, 1, 32, 32, 1, 2 };
static const char *const hx_td_names[HX_TD_COUNT] = {
	"BREQ", "SREQ", "LBREQ", "LSREQ", "CLR", "TC", "INTR", "INTTC", "INTERR",
};
static const uint8_t hx_td_widths[HX_TD_COUNT] = { 16, 16, 16, 16, 16, 16, 1, 1, 1 };
/* Pin names of the edge events, in the order of enum hx_trace_dsig */
static const char *const hx_td_json[HX_TD_COUNT] = {
	"breq", "sreq", "lbreq", "lsreq", "clr", "tc", "intr", "inttc", "interr",
};

/**
 * hx_trace_file - one output file while it is written under its temporary name
 * @f: the stream, NULL when not open
 * @path: the final name; @tmp: the temporary name (both owned)
 */
struct hx_trace_file {
	FILE *f;
	char *path, *tmp;
};

struct hx_trace {
	uint64_t hash, events;
	/* current value of every VCD signal, kept with or without a VCD (for $dumpvars and edges) */
	uint32_t cur[HX_TS_COUNT];
	uint64_t last_cycle;            /* highest cycle given to hx_trace_pins */
	struct hx_trace_file json, vcd;
	unsigned vcd_masters;
	uint32_t emitted[HX_TS_COUNT];  /* value last written to the VCD */
	uint64_t vcd_time;              /* last "#" timestamp written */
};

/* ---- hash --------------------------------------------------------------------------------- */

static void hx_h_bytes(hx_trace *t, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = t->hash;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= HX_FNV_PRIME;
	}
	t->hash = h;
}

/* Integers byte by byte, least significant first, so the encoding is that of every host */
static void hx_h_uint(hx_trace *t, uint64_t v, unsigned bytes)
{
	uint8_t b[8];

	for (unsigned i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	hx_h_bytes(t, b, bytes);
}

static void hx_h_str(hx_trace *t, const char *s)
{
	if (!s) {
		hx_h_uint(t, 0xFFFFFFFFu, 4);
		return;
	}
	size_t n = strlen(s);
	hx_h_uint(t, (uint32_t)n, 4);
	hx_h_bytes(t, s, n);
}

static void hx_h_event(hx_trace *t, enum hx_trace_kind kind, uint64_t cycle)
{
	t->events++;
	hx_h_uint(t, (uint8_t)kind, 1);
	hx_h_uint(t, cycle, 8);
}

/* ---- files -------------------------------------------------------------------------------- */

static void hx_file_drop(struct hx_trace_file *tf, bool keep)
{
	if (tf->f) {
		fclose(tf->f);
		if (!keep)
			unlink(tf->tmp);
	}
	free(tf->path);
	free(tf->tmp);
	tf->f = NULL;
	tf->path = tf->tmp = NULL;
}

/* Create PATH.XXXXXX beside @path; 0 or -1 with errno set and nothing left behind */
static int hx_file_open(struct hx_trace_file *tf, const char *path)
{
	size_t n = strlen(path);
	int fd, err;

	tf->path = strdup(path);
	tf->tmp = malloc(n + 8);
	if (!tf->path || !tf->tmp) {
		hx_file_drop(tf, false);
		errno = ENOMEM;
		return -1;
	}
	memcpy(tf->tmp, path, n);
	memcpy(tf->tmp + n, ".XXXXXX", 8);
	fd = mkstemp(tf->tmp);
	if (fd < 0) {
		err = errno;
		hx_file_drop(tf, false);
		errno = err;
		return -1;
	}
	(void)fchmod(fd, 0644);        /* mkstemp makes 0600; a trace is for everyone to read */
	tf->f = fdopen(fd, "w");
	if (!tf->f) {
		err = errno;
		close(fd);
		unlink(tf->tmp);
		hx_file_drop(tf, false);
		errno = err;
		return -1;
	}
	setvbuf(tf->f, NULL, _IOFBF, HX_TRACE_BUF);
	return 0;
}

/* Flush and close the stream, keeping the temporary file; 0 or -1 with errno set */
static int hx_file_finish(struct hx_trace_file *tf)
{
	int rc = 0, err = 0;

	if (!tf->f)
		return 0;
	if (fflush(tf->f) != 0 || ferror(tf->f)) {
		rc = -1;
		err = errno ? errno : EIO;
	}
	if (fclose(tf->f) != 0 && !rc) {
		rc = -1;
		err = errno;
	}
	tf->f = NULL;
	errno = err;
	return rc;
}

/* ---- JSON lines ----------------------------------------------------------------------------- */

static void hx_json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

static const char *hx_access_name(int status)
{
	static const char *const names[] = { "ok", "unmapped", "read-only", "write-only", "channel-busy" };

	if (status >= 0 && (size_t)status < sizeof(names) / sizeof(names[0]))
		return names[status];
	return NULL;
}

/* ---- VCD ---------------------------------------------------------------------------------- */

static unsigned hx_sig_width(unsigned i)
{
	return i < HX_TD_BASE ? hx_ts_widths[i % HX_TS_PER_MASTER] : hx_td_widths[i - HX_TD_BASE];
}

/* Identifier code of signal @i: one letter, a..z then A..Z */
static char hx_sig_id(unsigned i)
{
	return (char)(i < 26 ? 'a' + i : 'A' + (i - 26));
}

static bool hx_sig_in_vcd(const hx_trace *t, unsigned i)
{
	return i >= HX_TD_BASE || i / HX_TS_PER_MASTER < t->vcd_masters;
}

static void hx_vcd_value(FILE *f, unsigned i, uint32_t v)
{
	unsigned w = hx_sig_width(i);

	if (w == 1) {
		fprintf(f, "%c%c\n", v ? '1' : '0', hx_sig_id(i));
		return;
	}
	char bits[33];
	unsigned n = 0;
	int top = 31;

	while (top > 0 && !((v >> top) & 1u))
		top--;
	for (int b = top; b >= 0; b--)
		bits[n++] = (char)('0' + ((v >> b) & 1u));
	bits[n] = '\0';
	fprintf(f, "b%s %c\n", bits, hx_sig_id(i));
}

static void hx_vcd_header(hx_trace *t)
{
	FILE *f = t->vcd.f;

	fputs("$version pl08x-cosim harness trace $end\n", f);
	fputs("$timescale 1ns $end\n", f);
	fputs("$scope module pl08x $end\n", f);
	for (unsigned m = 0; m < t->vcd_masters; m++) {
		fprintf(f, "$scope module ahb%u $end\n", m + 1);
		for (unsigned k = 0; k < HX_TS_PER_MASTER; k++) {
			unsigned i = m * HX_TS_PER_MASTER + k;
			unsigned w = hx_sig_width(i);

			if (w == 1)
				fprintf(f, "$var wire 1 %c %s $end\n", hx_sig_id(i), hx_ts_names[k]);
			else
				fprintf(f, "$var wire %u %c %s [%u:0] $end\n", w, hx_sig_id(i), hx_ts_names[k], w - 1);
		}
		fputs("$upscope $end\n", f);
	}
	fputs("$scope module dmac $end\n", f);
	for (unsigned k = 0; k < HX_TD_COUNT; k++) {
		unsigned i = HX_TD_BASE + k;
		unsigned w = hx_sig_width(i);

		if (w == 1)
			fprintf(f, "$var wire 1 %c %s $end\n", hx_sig_id(i), hx_td_names[k]);
		else
			fprintf(f, "$var wire %u %c %s [%u:0] $end\n", w, hx_sig_id(i), hx_td_names[k], w - 1);
	}
	fputs("$upscope $end\n$upscope $end\n$enddefinitions $end\n", f);
	t->vcd_time = t->last_cycle;
	fprintf(f, "#%" PRIu64 "\n$dumpvars\n", t->vcd_time);
	for (unsigned i = 0; i < HX_TS_COUNT; i++) {
		if (!hx_sig_in_vcd(t, i))
			continue;
		hx_vcd_value(f, i, t->cur[i]);
		t->emitted[i] = t->cur[i];
	}
	fputs("$end\n", f);
}

/* Write the signals in @dirty whose value differs from the one last written, at @cycle */
static void hx_vcd_changes(hx_trace *t, uint64_t cycle, uint32_t dirty)
{
	for (unsigned i = 0; dirty; i++, dirty >>= 1) {
		if (!(dirty & 1u) || t->cur[i] == t->emitted[i] || !hx_sig_in_vcd(t, i))
			continue;
		if (cycle != t->vcd_time) {
			fprintf(t->vcd.f, "#%" PRIu64 "\n", cycle);
			t->vcd_time = cycle;
		}
		hx_vcd_value(t->vcd.f, i, t->cur[i]);
		t->emitted[i] = t->cur[i];
	}
}

/* ---- life --------------------------------------------------------------------------------- */

hx_trace *hx_trace_create(void)
{
	hx_trace *t = calloc(1, sizeof(*t));

	if (t)
		t->hash = HX_FNV_OFFSET;
	return t;
}

void hx_trace_destroy(hx_trace *t)
{
	if (!t)
		return;
	(void)hx_trace_close(t);
	free(t);
}

int hx_trace_open(hx_trace *t, const char *jsonl_path, const char *vcd_path, unsigned masters)
{
	if (t->json.f || t->vcd.f || masters < 1 || masters > PL08X_MASTERS) {
		errno = EINVAL;
		return -1;
	}
	if (jsonl_path && hx_file_open(&t->json, jsonl_path) < 0)
		return -1;
	if (vcd_path && hx_file_open(&t->vcd, vcd_path) < 0) {
		int err = errno;

		hx_file_drop(&t->json, false);
		errno = err;
		return -1;
	}
	if (t->vcd.f) {
		t->vcd_masters = masters;
		hx_vcd_header(t);
	}
	return 0;
}

int hx_trace_close(hx_trace *t)
{
	bool json = t->json.tmp != NULL, vcd = t->vcd.tmp != NULL;
	int rc = 0, err = 0;

	if (t->vcd.f && t->last_cycle > t->vcd_time)
		fprintf(t->vcd.f, "#%" PRIu64 "\n", t->last_cycle);   /* the waveform reaches the end */
	/* both files complete before either is renamed: the pair is written whole or not at all */
	if (hx_file_finish(&t->json) < 0 || hx_file_finish(&t->vcd) < 0) {
		rc = -1;
		err = errno;
	}
	if (!rc && json && rename(t->json.tmp, t->json.path) != 0) {
		rc = -1;
		err = errno;
		json = false;
	}
	if (!rc && vcd && rename(t->vcd.tmp, t->vcd.path) != 0) {
		rc = -1;
		err = errno;
		if (json)
			unlink(t->json.path);
	}
	if (rc) {
		if (t->json.tmp)
			unlink(t->json.tmp);
		if (t->vcd.tmp)
			unlink(t->vcd.tmp);
	}
	hx_file_drop(&t->json, true);
	hx_file_drop(&t->vcd, true);
	if (rc)
		errno = err;
	return rc;
}

void hx_trace_discard(hx_trace *t)
{
	hx_file_drop(&t->json, false);
	hx_file_drop(&t->vcd, false);
}

uint64_t hx_trace_hash(const hx_trace *t)
{
	return t->hash;
}

uint64_t hx_trace_events(const hx_trace *t)
{
	return t->events;
}

/* ---- events ------------------------------------------------------------------------------- */

void hx_trace_beat(hx_trace *t, const hx_bus_beat *b, const char *slave_name)
{
	hx_h_event(t, HX_TK_BEAT, b->cycle);
	hx_h_uint(t, b->master, 1);
	hx_h_uint(t, b->addr, 4);
	hx_h_uint(t, b->hwrite, 1);
	hx_h_uint(t, b->hsize, 1);
	hx_h_uint(t, b->hburst, 1);
	hx_h_uint(t, b->htrans, 1);
	hx_h_uint(t, b->hprot, 1);
	hx_h_uint(t, b->hlock, 1);
	hx_h_uint(t, b->data, 4);
	hx_h_uint(t, b->resp, 1);
	hx_h_uint(t, (uint32_t)b->slave, 4);
	hx_h_str(t, slave_name);
	hx_h_uint(t, b->done_cycle, 8);
	if (!t->json.f)
		return;
	FILE *f = t->json.f;

	fprintf(f, "{\"cycle\":%" PRIu64 ",\"ev\":\"beat\",\"m\":%u,\"addr\":\"0x%08" PRIx32 "\",\"write\":%s,"
		"\"size\":%u,\"burst\":%u,\"trans\":%u,\"prot\":%u,\"lock\":%s,\"data\":\"0x%08" PRIx32 "\","
		"\"resp\":\"%s\",\"slave\":",
		b->cycle, b->master + 1u, b->addr, b->hwrite ? "true" : "false", b->hsize, b->hburst, b->htrans,
		b->hprot, b->hlock ? "true" : "false", b->data, b->resp == PL08X_HRESP_OKAY ? "okay" : "error");
	hx_json_str(f, slave_name);
	fprintf(f, ",\"done\":%" PRIu64 "}\n", b->done_cycle);
}

void hx_trace_reg(hx_trace *t, uint64_t cycle, bool write, uint32_t offset, const char *name,
	       uint32_t value, int status)
{
	hx_h_event(t, HX_TK_REG, cycle);
	hx_h_uint(t, write, 1);
	hx_h_uint(t, offset, 4);
	hx_h_str(t, name);
	hx_h_uint(t, value, 4);
	hx_h_uint(t, (uint32_t)status, 4);
	if (!t->json.f)
		return;
	FILE *f = t->json.f;
	const char *st = hx_access_name(status);

	fprintf(f, "{\"cycle\":%" PRIu64 ",\"ev\":\"reg\",\"op\":\"%s\",\"off\":\"0x%03" PRIx32 "\",\"name\":",
		cycle, write ? "write" : "read", offset);
	hx_json_str(f, name);
	fprintf(f, ",\"value\":\"0x%08" PRIx32 "\",\"status\":", value);
	if (st)
		fprintf(f, "\"%s\"}\n", st);
	else
		fprintf(f, "%d}\n", status);
}

/* One pin edge: @sig is enum hx_trace_dsig, @line the request line (ignored for interrupts) */
static void hx_trace_edge(hx_trace *t, uint64_t cycle, unsigned sig, unsigned line, bool level)
{
	enum hx_trace_kind kind = sig <= HX_TD_LSREQ ? HX_TK_REQ : sig <= HX_TD_TC ? HX_TK_RESP : HX_TK_IRQ;

	hx_h_event(t, kind, cycle);
	hx_h_uint(t, sig, 1);
	if (kind != HX_TK_IRQ)
		hx_h_uint(t, line, 1);
	hx_h_uint(t, level, 1);
	if (!t->json.f)
		return;
	static const char *const ev[] = { [HX_TK_REQ] = "req", [HX_TK_RESP] = "resp", [HX_TK_IRQ] = "irq" };

	fprintf(t->json.f, "{\"cycle\":%" PRIu64 ",\"ev\":\"%s\",\"pin\":\"%s\"", cycle, ev[kind], hx_td_json[sig]);
	if (kind != HX_TK_IRQ)
		fprintf(t->json.f, ",\"line\":%u", line);
	fprintf(t->json.f, ",\"level\":%d}\n", level ? 1 : 0);
}

/* Set signal @i to @v; returns its bit when it changed (for the dirty mask) */
static uint32_t hx_sig_set(hx_trace *t, unsigned i, uint32_t v)
{
	if (t->cur[i] == v)
		return 0;
	t->cur[i] = v;
	return 1u << i;
}

/* A DMAC signal: log the edges of each of its lines, then set it */
static uint32_t hx_dsig_set(hx_trace *t, uint64_t cycle, unsigned sig, uint32_t v)
{
	unsigned i = HX_TD_BASE + sig;
	uint32_t diff = t->cur[i] ^ v;

	if (!diff)
		return 0;
	if (hx_td_widths[sig] == 1) {
		hx_trace_edge(t, cycle, sig, 0, v != 0);
	} else {
		for (unsigned l = 0; l < PL08X_REQ_LINES; l++)
			if ((diff >> l) & 1u)
				hx_trace_edge(t, cycle, sig, l, (v >> l) & 1u);
	}
	return hx_sig_set(t, i, v);
}

void hx_trace_pins(hx_trace *t, uint64_t cycle, const pl08x_pins_out *out, const pl08x_pins_in *in,
		unsigned masters)
{
	uint32_t dirty = 0;

	if (masters > PL08X_MASTERS)
		masters = PL08X_MASTERS;
	if (cycle > t->last_cycle)
		t->last_cycle = cycle;
	if (out) {
		dirty |= hx_dsig_set(t, cycle, HX_TD_INTR, out->intr);
		dirty |= hx_dsig_set(t, cycle, HX_TD_INTTC, out->inttc);
		dirty |= hx_dsig_set(t, cycle, HX_TD_INTERR, out->interr);
		dirty |= hx_dsig_set(t, cycle, HX_TD_CLR, out->clr);
		dirty |= hx_dsig_set(t, cycle, HX_TD_TC, out->tc);
		for (unsigned m = 0; m < masters; m++) {
			unsigned b = m * HX_TS_PER_MASTER;

			dirty |= hx_sig_set(t, b + HX_TS_HTRANS, out->htrans[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HADDR, out->haddr[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HWRITE, out->hwrite[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HSIZE, out->hsize[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HBURST, out->hburst[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HPROT, out->hprot[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HLOCK, out->hlock[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HWDATA, out->hwdata[m]);
		}
	}
	if (in) {
		dirty |= hx_dsig_set(t, cycle, HX_TD_BREQ, in->breq);
		dirty |= hx_dsig_set(t, cycle, HX_TD_SREQ, in->sreq);
		dirty |= hx_dsig_set(t, cycle, HX_TD_LBREQ, in->lbreq);
		dirty |= hx_dsig_set(t, cycle, HX_TD_LSREQ, in->lsreq);
		for (unsigned m = 0; m < masters; m++) {
			unsigned b = m * HX_TS_PER_MASTER;

			dirty |= hx_sig_set(t, b + HX_TS_HRDATA, in->hrdata[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HREADY, in->hready[m]);
			dirty |= hx_sig_set(t, b + HX_TS_HRESP, in->hresp[m]);
		}
	}
	if (dirty && t->vcd.f)
		hx_vcd_changes(t, cycle, dirty);
}

void hx_trace_note(hx_trace *t, uint64_t cycle, const char *kind, const char *text)
{
	if (!text)
		text = "";
	hx_h_event(t, HX_TK_NOTE, cycle);
	hx_h_str(t, kind);
	hx_h_str(t, text);
	if (!t->json.f)
		return;
	bool ctx = kind && (!strncmp(kind, "hardirq", 7) || !strncmp(kind, "deferred", 8) || !strncmp(kind, "thread", 6));

	fprintf(t->json.f, "{\"cycle\":%" PRIu64 ",\"ev\":\"%s\",\"kind\":", cycle, ctx ? "ctx" : "note");
	hx_json_str(t->json.f, kind);
	fputs(",\"text\":", t->json.f);
	hx_json_str(t->json.f, text);
	fputs("}\n", t->json.f);
}
