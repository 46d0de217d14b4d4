/* Tests of the harness trace: the hash, the JSON lines and the VCD (harness/trace.h). */
#define _POSIX_C_SOURCE 200809L

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/trace.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/hx_trace_test.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

/* Remove the directory and what the tests left in it (files and empty directories) */
static void teardown(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[400];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (unlink(p) != 0)
			rmdir(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

TestSuite(hx_trace, .init = setup, .fini = teardown, .timeout = 10);

static char *path_in(const char *name)
{
	static char p[4][256];
	static unsigned i;
	char *r = p[i++ % 4];

	snprintf(r, 256, "%s/%s", dir, name);
	return r;
}

/* Names in the test directory, sorted, joined by spaces */
static void dir_listing(char *buf, size_t len)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
			if (buf[0])
				strncat(buf, " ", len - strlen(buf) - 1);
			strncat(buf, list[i]->d_name, len - strlen(buf) - 1);
		}
		free(list[i]);
	}
	free(list);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *s;

	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Line @n (0-based) of @text, copied into @buf */
static const char *line_of(const char *text, unsigned n, char *buf, size_t len)
{
	while (n-- && text)
		text = strchr(text, '\n') ? strchr(text, '\n') + 1 : NULL;
	cr_assert_not_null(text);
	size_t k = strcspn(text, "\n");
	cr_assert_lt(k, len);
	memcpy(buf, text, k);
	buf[k] = '\0';
	return buf;
}

static unsigned count_lines(const char *text)
{
	unsigned n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static const hx_bus_beat base_beat = {
	.cycle = 12, .done_cycle = 13, .master = 0, .htrans = PL08X_HTRANS_NONSEQ, .hburst = PL08X_HBURST_INCR4,
	.hsize = PL08X_HSIZE_32, .hprot = 1, .hwrite = false, .hlock = false, .addr = 0x1000, .data = 0x03020100,
	.resp = PL08X_HRESP_OKAY, .slave = 0,
};

/* A fixed run of every kind of event */
static void feed(hx_trace *t)
{
	pl08x_pins_out out = { 0 };
	pl08x_pins_in in = pl08x_pins_in_idle();

	hx_trace_pins(t, 0, &out, NULL, 2);
	hx_trace_pins(t, 0, NULL, &in, 2);
	hx_trace_reg(t, 3, true, 0x030, "DMACConfiguration", 1, 0);
	in.breq = 1u << 3;
	hx_trace_pins(t, 4, NULL, &in, 2);
	out.htrans[0] = PL08X_HTRANS_NONSEQ;
	out.haddr[0] = 0x1000;
	out.clr = 1u << 3;
	hx_trace_pins(t, 5, &out, NULL, 2);
	hx_trace_beat(t, &base_beat, "sram");
	out.inttc = out.intr = true;
	hx_trace_pins(t, 20, &out, NULL, 2);
	hx_trace_note(t, 21, "hardirq-enter", NULL);
	hx_trace_reg(t, 25, false, 0x004, "DMACIntTCStatus", 1, 0);
	hx_trace_note(t, 25, "callback", "desc \"1\"\n");
}

Test(hx_trace, hash_is_the_same_with_and_without_files)
{
	hx_trace *a = hx_trace_create(), *b = hx_trace_create();

	cr_assert_eq(hx_trace_open(b, path_in("t.jsonl"), path_in("t.vcd"), 2), 0);
	feed(a);
	feed(b);
	cr_assert_eq(hx_trace_close(b), 0);
	cr_assert_eq(hx_trace_hash(a), hx_trace_hash(b));
	cr_assert_eq(hx_trace_events(a), hx_trace_events(b));
	/* pins 0: no edge; breq 3 up; clr 3 up; intr + inttc up: 4 edges, 2 regs, a beat, 2 notes */
	cr_assert_eq(hx_trace_events(a), 9);
	hx_trace_destroy(a);
	hx_trace_destroy(b);
}

/* The encoding of sim.h written out by hand: a reg event is kind 2, cycle, write, offset,
 * name (length + bytes), value, status, every integer little-endian */
Test(hx_trace, hash_is_fnv1a_64_of_the_documented_encoding)
{
	uint8_t enc[64];
	size_t n = 0;
	uint64_t h = 0xcbf29ce484222325ull;
	const char *name = "DMACConfiguration";
	hx_trace *t = hx_trace_create();

	enc[n++] = 2;
	for (unsigned i = 0; i < 8; i++)
		enc[n++] = (uint8_t)(0x0123456789ull >> (8 * i));
	enc[n++] = 1;
	for (unsigned i = 0; i < 4; i++)
		enc[n++] = (uint8_t)(0x030u >> (8 * i));
	for (unsigned i = 0; i < 4; i++)
		enc[n++] = (uint8_t)(strlen(name) >> (8 * i));
	memcpy(enc + n, name, strlen(name));
	n += strlen(name);
	for (unsigned i = 0; i < 4; i++)
		enc[n++] = (uint8_t)(0xA5000001u >> (8 * i));
	for (unsigned i = 0; i < 4; i++)
		enc[n++] = (uint8_t)(4u >> (8 * i));
	for (size_t i = 0; i < n; i++)
		h = (h ^ enc[i]) * 0x100000001b3ull;
	hx_trace_reg(t, 0x0123456789ull, true, 0x030, name, 0xA5000001u, 4);
	cr_assert_eq(hx_trace_hash(t), h, "hash %016llx, expected %016llx",
		     (unsigned long long)hx_trace_hash(t), (unsigned long long)h);
	hx_trace_destroy(t);
}

static uint64_t beat_hash(const hx_bus_beat *b, const char *slave)
{
	hx_trace *t = hx_trace_create();
	uint64_t h;

	hx_trace_beat(t, b, slave);
	h = hx_trace_hash(t);
	hx_trace_destroy(t);
	return h;
}

Test(hx_trace, hash_changes_when_any_beat_field_changes)
{
	hx_bus_beat v[14];
	uint64_t h[15];

	for (unsigned i = 0; i < 14; i++)
		v[i] = base_beat;
	v[0].cycle++;
	v[1].done_cycle++;
	v[2].master = 1;
	v[3].htrans = PL08X_HTRANS_SEQ;
	v[4].hburst = PL08X_HBURST_INCR8;
	v[5].hsize = PL08X_HSIZE_16;
	v[6].hprot = 3;
	v[7].hwrite = true;
	v[8].hlock = true;
	v[9].addr = 0x1004;
	v[10].data = 0x03020101;
	v[11].resp = PL08X_HRESP_ERROR;
	v[12].slave = 1;
	v[13].slave = -1;
	for (unsigned i = 0; i < 14; i++)
		h[i] = beat_hash(&v[i], "sram");
	h[14] = beat_hash(&base_beat, "sran");
	for (unsigned i = 0; i < 15; i++) {
		cr_assert_neq(h[i], beat_hash(&base_beat, "sram"), "variant %u hashes as the base beat", i);
		for (unsigned j = 0; j < i; j++)
			cr_assert_neq(h[i], h[j], "variants %u and %u hash alike", i, j);
	}
}

static uint64_t reg_hash(uint64_t cycle, bool write, uint32_t off, const char *name, uint32_t v, int st)
{
	hx_trace *t = hx_trace_create();
	uint64_t h;

	hx_trace_reg(t, cycle, write, off, name, v, st);
	h = hx_trace_hash(t);
	hx_trace_destroy(t);
	return h;
}

Test(hx_trace, hash_changes_when_any_reg_or_note_field_changes)
{
	uint64_t base = reg_hash(3, true, 0x30, "DMACConfiguration", 1, 0);
	uint64_t h[] = {
		reg_hash(4, true, 0x30, "DMACConfiguration", 1, 0),
		reg_hash(3, false, 0x30, "DMACConfiguration", 1, 0),
		reg_hash(3, true, 0x34, "DMACConfiguration", 1, 0),
		reg_hash(3, true, 0x30, "DMACSync", 1, 0),
		reg_hash(3, true, 0x30, NULL, 1, 0),
		reg_hash(3, true, 0x30, "", 1, 0),
		reg_hash(3, true, 0x30, "DMACConfiguration", 3, 0),
		reg_hash(3, true, 0x30, "DMACConfiguration", 1, 2),
	};

	for (unsigned i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		cr_assert_neq(h[i], base, "variant %u", i);
		for (unsigned j = 0; j < i; j++)
			cr_assert_neq(h[i], h[j], "variants %u and %u", i, j);
	}

	/* notes: kind, text and cycle count; the text is not confused with the kind */
	uint64_t n[4];
	const char *k[4][2] = { { "ab", "c" }, { "a", "bc" }, { "ab", "d" }, { "ab", "c" } };

	for (unsigned i = 0; i < 4; i++) {
		hx_trace *t = hx_trace_create();

		hx_trace_note(t, i == 3 ? 8 : 7, k[i][0], k[i][1]);
		n[i] = hx_trace_hash(t);
		hx_trace_destroy(t);
	}
	for (unsigned i = 0; i < 4; i++)
		for (unsigned j = 0; j < i; j++)
			cr_assert_neq(n[i], n[j], "notes %u and %u", i, j);
}

static uint64_t edge_hash(uint64_t cycle, uint16_t breq, uint16_t sreq, uint16_t clr, bool inttc)
{
	hx_trace *t = hx_trace_create();
	pl08x_pins_out out = { .clr = clr, .inttc = inttc };
	pl08x_pins_in in = { .breq = breq, .sreq = sreq };
	uint64_t h;

	hx_trace_pins(t, cycle, &out, &in, 2);
	h = hx_trace_hash(t);
	hx_trace_destroy(t);
	return h;
}

Test(hx_trace, edges_are_events_and_their_pin_line_level_and_cycle_count)
{
	hx_trace *t = hx_trace_create();
	pl08x_pins_out out = { 0 };
	pl08x_pins_in in = pl08x_pins_in_idle();
	uint64_t h0;

	hx_trace_pins(t, 0, &out, &in, 2);
	cr_assert_eq(hx_trace_events(t), 0, "HREADY is a wire, not an event");
	h0 = hx_trace_hash(t);
	out.haddr[0] = 0x40;
	hx_trace_pins(t, 1, &out, &in, 2);
	cr_assert_eq(hx_trace_hash(t), h0, "address pins are not events");
	in.breq = 0x0009;                         /* lines 0 and 3 */
	hx_trace_pins(t, 2, NULL, &in, 2);
	cr_assert_eq(hx_trace_events(t), 2);
	hx_trace_pins(t, 3, NULL, &in, 2);
	cr_assert_eq(hx_trace_events(t), 2, "no edge when nothing changed");
	out.intr = true;
	hx_trace_pins(t, 4, &out, NULL, 2);
	cr_assert_eq(hx_trace_events(t), 3);
	hx_trace_destroy(t);

	uint64_t base = edge_hash(5, 1, 0, 0, false);
	uint64_t h[] = {
		edge_hash(6, 1, 0, 0, false), edge_hash(5, 2, 0, 0, false), edge_hash(5, 0, 1, 0, false),
		edge_hash(5, 0, 0, 1, false), edge_hash(5, 1, 0, 0, true),
	};
	for (unsigned i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		cr_assert_neq(h[i], base, "variant %u", i);
		for (unsigned j = 0; j < i; j++)
			cr_assert_neq(h[i], h[j], "variants %u and %u", i, j);
	}
}

Test(hx_trace, json_lines_are_one_object_per_event)
{
	hx_trace *t = hx_trace_create();
	char buf[512];
	char *text;

	cr_assert_eq(hx_trace_open(t, path_in("t.jsonl"), NULL, 2), 0);
	feed(t);
	cr_assert_eq(hx_trace_close(t), 0);
	text = slurp(path_in("t.jsonl"));
	cr_assert_eq(count_lines(text), 9);
	cr_assert_str_eq(line_of(text, 0, buf, sizeof(buf)),
			 "{\"cycle\":3,\"ev\":\"reg\",\"op\":\"write\",\"off\":\"0x030\",\"name\":\"DMACConfiguration\","
			 "\"value\":\"0x00000001\",\"status\":\"ok\"}");
	cr_assert_str_eq(line_of(text, 1, buf, sizeof(buf)), "{\"cycle\":4,\"ev\":\"req\",\"pin\":\"breq\",\"line\":3,\"level\":1}");
	cr_assert_str_eq(line_of(text, 2, buf, sizeof(buf)), "{\"cycle\":5,\"ev\":\"resp\",\"pin\":\"clr\",\"line\":3,\"level\":1}");
	cr_assert_str_eq(line_of(text, 3, buf, sizeof(buf)),
			 "{\"cycle\":12,\"ev\":\"beat\",\"m\":1,\"addr\":\"0x00001000\",\"write\":false,\"size\":2,"
			 "\"burst\":3,\"trans\":2,\"prot\":1,\"lock\":false,\"data\":\"0x03020100\",\"resp\":\"okay\","
			 "\"slave\":\"sram\",\"done\":13}");
	cr_assert_str_eq(line_of(text, 4, buf, sizeof(buf)), "{\"cycle\":20,\"ev\":\"irq\",\"pin\":\"intr\",\"level\":1}");
	cr_assert_str_eq(line_of(text, 5, buf, sizeof(buf)), "{\"cycle\":20,\"ev\":\"irq\",\"pin\":\"inttc\",\"level\":1}");
	cr_assert_str_eq(line_of(text, 6, buf, sizeof(buf)), "{\"cycle\":21,\"ev\":\"ctx\",\"kind\":\"hardirq-enter\",\"text\":\"\"}");
	cr_assert_str_eq(line_of(text, 8, buf, sizeof(buf)),
			 "{\"cycle\":25,\"ev\":\"note\",\"kind\":\"callback\",\"text\":\"desc \\\"1\\\"\\u000a\"}");
	free(text);
	hx_trace_destroy(t);
}

Test(hx_trace, json_reg_without_name_or_with_an_unknown_status)
{
	hx_trace *t = hx_trace_create();
	char buf[256];
	char *text;

	cr_assert_eq(hx_trace_open(t, path_in("t.jsonl"), NULL, 1), 0);
	hx_trace_reg(t, 7, false, 0x0fe0, NULL, 0, 1);
	hx_trace_reg(t, 8, true, 0x100, "DMACC0SrcAddr", 0x1000, 4);
	hx_trace_reg(t, 9, true, 0x100, "DMACC0SrcAddr", 0x1000, 42);
	hx_trace_close(t);
	text = slurp(path_in("t.jsonl"));
	cr_assert_str_eq(line_of(text, 0, buf, sizeof(buf)),
			 "{\"cycle\":7,\"ev\":\"reg\",\"op\":\"read\",\"off\":\"0xfe0\",\"name\":null,\"value\":\"0x00000000\",\"status\":\"unmapped\"}");
	cr_assert(strstr(line_of(text, 1, buf, sizeof(buf)), "\"status\":\"channel-busy\"}"));
	cr_assert(strstr(line_of(text, 2, buf, sizeof(buf)), "\"status\":42}"));
	free(text);
	hx_trace_destroy(t);
}

Test(hx_trace, vcd_header_declares_every_signal_of_each_master_and_the_dmac)
{
	hx_trace *t = hx_trace_create();
	char *v;

	cr_assert_eq(hx_trace_open(t, NULL, path_in("t.vcd"), 2), 0);
	cr_assert_eq(hx_trace_close(t), 0);
	v = slurp(path_in("t.vcd"));
	cr_assert(strstr(v, "$timescale 1ns $end\n"));
	cr_assert(strstr(v, "$scope module ahb1 $end\n$var wire 2 a HTRANS [1:0] $end\n$var wire 32 b HADDR [31:0] $end\n"
			    "$var wire 1 c HWRITE $end\n$var wire 3 d HSIZE [2:0] $end\n$var wire 3 e HBURST [2:0] $end\n"
			    "$var wire 4 f HPROT [3:0] $end\n$var wire 1 g HLOCK $end\n$var wire 32 h HWDATA [31:0] $end\n"
			    "$var wire 32 i HRDATA [31:0] $end\n$var wire 1 j HREADY $end\n$var wire 2 k HRESP [1:0] $end\n"
			    "$upscope $end\n$scope module ahb2 $end\n$var wire 2 l HTRANS [1:0] $end\n"), "%s", v);
	cr_assert(strstr(v, "$scope module dmac $end\n$var wire 16 w BREQ [15:0] $end\n$var wire 16 x SREQ [15:0] $end\n"
			    "$var wire 16 y LBREQ [15:0] $end\n$var wire 16 z LSREQ [15:0] $end\n$var wire 16 A CLR [15:0] $end\n"
			    "$var wire 16 B TC [15:0] $end\n$var wire 1 C INTR $end\n$var wire 1 D INTTC $end\n"
			    "$var wire 1 E INTERR $end\n$upscope $end\n$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n"), "%s", v);
	cr_assert(strstr(v, "$dumpvars\nb0 a\n"));
	cr_assert(strstr(v, "0E\n$end\n"));
	/* $scope and $upscope balance */
	unsigned sc = 0, up = 0;
	for (const char *p = v; (p = strstr(p, "$scope")); p++)
		sc++;
	for (const char *p = v; (p = strstr(p, "$upscope")); p++)
		up++;
	cr_assert_eq(sc, 4);
	cr_assert_eq(up, 4);
	free(v);
	hx_trace_destroy(t);

	/* one master: no ahb2 scope */
	t = hx_trace_create();
	cr_assert_eq(hx_trace_open(t, NULL, path_in("one.vcd"), 1), 0);
	cr_assert_eq(hx_trace_close(t), 0);
	v = slurp(path_in("one.vcd"));
	cr_assert_null(strstr(v, "ahb2"));
	cr_assert_null(strstr(v, " l HTRANS"));
	free(v);
	hx_trace_destroy(t);
}

Test(hx_trace, vcd_writes_values_only_when_they_change)
{
	hx_trace *t = hx_trace_create();
	pl08x_pins_out out = { 0 };
	pl08x_pins_in in = pl08x_pins_in_idle();
	char *v, *body;

	cr_assert_eq(hx_trace_open(t, NULL, path_in("t.vcd"), 2), 0);
	for (uint64_t c = 0; c < 6; c++) {
		hx_trace_pins(t, c, NULL, &in, 2);
		hx_trace_pins(t, c + 1, &out, NULL, 2);
	}
	out.htrans[1] = PL08X_HTRANS_NONSEQ;
	out.haddr[1] = 0x30000010;
	out.clr = 0x8001;
	hx_trace_pins(t, 7, &out, NULL, 2);
	for (uint64_t c = 7; c < 10; c++) {
		hx_trace_pins(t, c, NULL, &in, 2);
		hx_trace_pins(t, c + 1, &out, NULL, 2);
	}
	out.intr = true;
	hx_trace_pins(t, 12, &out, NULL, 2);
	hx_trace_pins(t, 15, &out, NULL, 2);
	cr_assert_eq(hx_trace_close(t), 0);
	v = slurp(path_in("t.vcd"));
	body = strstr(v, "$dumpvars");
	cr_assert_not_null(body);
	body = strstr(body, "$end\n") + 5;
	/* HREADY rises in the first cycle; then only cycles 7 and 12 change; 15 closes the waveform */
	cr_assert_str_eq(body, "1j\n1u\n#7\nb10 l\nb110000000000000000000000010000 m\nb1000000000000001 A\n#12\n1C\n#15\n");
	free(v);
	hx_trace_destroy(t);
}

Test(hx_trace, files_appear_only_at_close)
{
	hx_trace *t = hx_trace_create();
	char ls[512];

	cr_assert_eq(hx_trace_open(t, path_in("run.jsonl"), path_in("run.vcd"), 2), 0);
	feed(t);
	cr_assert_eq(access(path_in("run.jsonl"), F_OK), -1);
	cr_assert_eq(access(path_in("run.vcd"), F_OK), -1);
	cr_assert_eq(hx_trace_close(t), 0);
	dir_listing(ls, sizeof(ls));
	cr_assert_str_eq(ls, "run.jsonl run.vcd");
	/* events after close are only hashed, and a second close is harmless */
	uint64_t before = hx_trace_events(t);
	hx_trace_note(t, 40, "late", NULL);
	cr_assert_eq(hx_trace_events(t), before + 1);
	cr_assert_eq(hx_trace_close(t), 0);
	hx_trace_destroy(t);
}

Test(hx_trace, nothing_is_left_behind_when_opening_fails)
{
	hx_trace *t = hx_trace_create();
	char ls[512];

	/* the JSON file can be made, the VCD's directory does not exist */
	errno = 0;
	cr_assert_eq(hx_trace_open(t, path_in("run.jsonl"), path_in("no/such/run.vcd"), 2), -1);
	cr_assert_eq(errno, ENOENT);
	dir_listing(ls, sizeof(ls));
	cr_assert_str_eq(ls, "");
	/* the trace still hashes and can be opened again */
	cr_assert_eq(hx_trace_open(t, path_in("run.jsonl"), NULL, 2), 0);
	cr_assert_eq(hx_trace_open(t, path_in("x.jsonl"), NULL, 2), -1, "already open");
	cr_assert_eq(errno, EINVAL);
	hx_trace_discard(t);
	dir_listing(ls, sizeof(ls));
	cr_assert_str_eq(ls, "");
	cr_assert_eq(hx_trace_open(t, NULL, path_in("x.vcd"), 3), -1);
	cr_assert_eq(errno, EINVAL);
	hx_trace_destroy(t);
}

Test(hx_trace, a_failed_close_removes_both_files)
{
	hx_trace *t = hx_trace_create();
	char ls[512];

	cr_assert_eq(hx_trace_open(t, path_in("run.jsonl"), path_in("run.vcd"), 2), 0);
	feed(t);
	cr_assert_eq(mkdir(path_in("run.vcd"), 0755), 0);   /* the VCD cannot be renamed over it */
	cr_assert_eq(hx_trace_close(t), -1);
	dir_listing(ls, sizeof(ls));
	cr_assert_str_eq(ls, "run.vcd", "left: %s", ls);      /* only the directory made above */
	hx_trace_destroy(t);
}

Test(hx_trace, destroy_closes_open_files)
{
	hx_trace *t = hx_trace_create();
	char ls[512];
	char *text;

	cr_assert_eq(hx_trace_open(t, path_in("run.jsonl"), NULL, 2), 0);
	feed(t);
	hx_trace_destroy(t);
	dir_listing(ls, sizeof(ls));
	cr_assert_str_eq(ls, "run.jsonl");
	text = slurp(path_in("run.jsonl"));
	cr_assert_eq(count_lines(text), 9);
	free(text);
}
