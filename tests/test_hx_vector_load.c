/* Tests of the vector loader (harness/src/vector_load*.c): the sample and example vectors load
 * with their fields, and every malformed vector of the table is refused with its exact
 * "FILE:LINE:COLUMN: FIELD: problem" message (docs/vector-format.md, "Loading and errors").
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/vector.h"

#define DATA PL08X_SOURCE_DIR "/tests/data/vectors/"
#define EXAMPLES PL08X_SOURCE_DIR "/vectors/examples/"

/* Write @text to a fresh temporary file; its path goes to @path */
static void write_temp(const char *text, char *path, size_t len)
{
	snprintf(path, len, "/tmp/hx_vec_load_XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0, "mkstemp");
	size_t n = strlen(text);
	cr_assert_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
}

static hx_vec *load_ok(const char *path)
{
	char err[512];
	hx_vec *v = hx_vec_load(path, err, sizeof(err));
	cr_assert_not_null(v, "%s did not load: %s", path, err);
	cr_assert_str_empty(err);
	return v;
}

Test(vector_load, sample_m2m_loads_with_its_fields)
{
	hx_vec *v = load_ok(DATA "m2m_words.yaml");

	cr_expect_str_eq(hx_vec_name(v), "m2m_words");
	cr_expect_str_eq(hx_vec_description(v), "16 words, memory to memory on AHB1");
	cr_expect_str_eq(hx_vec_path(v), DATA "m2m_words.yaml");
	cr_expect_eq(hx_vec_seed(v), 3);
	cr_expect(hx_vec_has_tag(v, "m2m"));
	cr_expect(hx_vec_has_tag(v, "smoke"));
	cr_expect_not(hx_vec_has_tag(v, "m2"));
	hx_vec_free(v);
}

Test(vector_load, every_sample_and_example_loads)
{
	static const char *const files[] = {
		DATA "m2m_words.yaml", DATA "full_syntax.yaml", DATA "pl081.yaml",
		EXAMPLES "m2m_word_copy.yaml", EXAMPLES "lli_chain.yaml", EXAMPLES "p2m_fifo.yaml",
		EXAMPLES "error_region.yaml",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		hx_vec_free(load_ok(files[i]));
}

Test(vector_load, defaults_seed_1_and_empty_description)
{
	char path[64];
	write_temp("vector: d\nsystem: {}\nstimulus: []\nexpect:\n", path, sizeof(path));
	hx_vec *v = load_ok(path);
	cr_expect_eq(hx_vec_seed(v), 1);
	cr_expect_str_eq(hx_vec_description(v), "");
	cr_expect_not(hx_vec_has_tag(v, "x"));
	hx_vec_free(v);
	unlink(path);
}

Test(vector_load, anchors_and_merge_keys_are_resolved)
{
	char path[64];
	write_temp("vector: a\n"
		   "system:\n"
		   "  memories:\n"
		   "    - &m {name: a, master: 1, base: 0x0, size: 0x100}\n"
		   "    - {<<: *m, name: b, base: 0x100}\n"
		   "stimulus:\n"
		   "  - program: {channel: 0, control: &c {ts: 4, swidth: 32}}\n"
		   "  - program: {channel: 1, control: *c}\n",
		   path, sizeof(path));
	hx_vec_free(load_ok(path));
	unlink(path);
}

Test(vector_load, missing_file_is_reported_at_0_0)
{
	char err[512];
	cr_assert_null(hx_vec_load("/nonexistent/x.yaml", err, sizeof(err)));
	cr_expect_str_eq(err, "/nonexistent/x.yaml:0:0: file: cannot open (No such file or directory)");
}

Test(vector_load, empty_file_is_an_error)
{
	char path[64], err[512], want[256];
	write_temp("", path, sizeof(path));
	cr_assert_null(hx_vec_load(path, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s:1:1: top level: empty document", path);
	cr_expect_str_eq(err, want);
	unlink(path);
}

Test(vector_load, a_short_error_buffer_is_cut_not_overrun)
{
	char path[64], err[16];
	write_temp("vector: t\nstimulus: []\n", path, sizeof(path));
	memset(err, 'x', sizeof(err));
	cr_assert_null(hx_vec_load(path, err, 12));
	cr_expect_eq(strlen(err), 11);
	cr_expect_eq(err[12], 'x');
	unlink(path);
}

/* ---- malformed vectors: the exact message (the file's path replaces %s) ---- */

struct bad_case {
	const char *name, *yaml, *error;
};

static const struct bad_case bad_cases[] = {
	{ "top_missing_vector",
		  "system: {}\n"
		  "stimulus: []\n",
		  ":1:1: vector: missing (required)" },
	{ "top_unknown_key",
		  "vector: t\n"
		  "system: {}\n"
		  "stimulus: []\n"
		  "colour: red\n",
		  ":4:1: colour: unknown key (expected one of vector, description, tags, system, stimulus, irq_handler, expect, driver)" },
	{ "top_bad_vector_name",
		  "vector: Big Name\n"
		  "system: {}\n"
		  "stimulus: []\n",
		  ":1:9: vector: \"Big Name\" is not a name (letters a-z, digits, '_', '.', '-')" },
	{ "top_tags_not_list",
		  "vector: t\n"
		  "tags: smoke\n"
		  "system: {}\n"
		  "stimulus: []\n",
		  ":2:7: tags: expected a list, got \"smoke\"" },
	{ "top_missing_system",
		  "vector: t\n"
		  "stimulus: []\n",
		  ":1:1: system: missing (required)" },
	{ "top_not_mapping",
		  "- a\n"
		  "- b\n",
		  ":1:1: top level: expected a mapping, got a sequence" },
	{ "yaml_syntax",
		  "vector: t\n"
		  "system: {memories: [\n"
		  "stimulus: []\n",
		  ":3:1: yaml: wrongly indented flow sequence" },
	{ "yaml_duplicate_key",
		  "vector: t\n"
		  "system: {}\n"
		  "stimulus: []\n"
		  "system: {}\n",
		  ":4:1: yaml: duplicate key" },
	{ "sys_variant",
		  "vector: t\n"
		  "system: {variant: pl090}\n"
		  "stimulus: []\n",
		  ":2:19: system.variant: expected one of pl080, pl081, got \"pl090\"" },
	{ "sys_seed_negative",
		  "vector: t\n"
		  "system: {seed: -1}\n"
		  "stimulus: []\n",
		  ":2:16: system.seed: expected an integer, got \"-1\"" },
	{ "cpu_preempt",
		  "vector: t\n"
		  "system:\n"
		  "  cpu: {preempt_percent: 101}\n"
		  "stimulus: []\n",
		  ":3:26: system.cpu.preempt_percent: 101 is out of range (0..100)" },
	{ "cpu_latency_order",
		  "vector: t\n"
		  "system:\n"
		  "  cpu: {irq_latency: [9, 3]}\n"
		  "stimulus: []\n",
		  ":3:26: system.cpu.irq_latency[1]: maximum 3 is below the minimum 9" },
	{ "mem_size_word",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: big}\n"
		  "stimulus: []\n",
		  ":4:47: system.memories[0].size: expected an integer, got \"big\"" },
	{ "mem_size_quoted",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: \"16\"}\n"
		  "stimulus: []\n",
		  ":4:48: system.memories[0].size: expected an integer, got \"16\"" },
	{ "mem_master_3",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 3, base: 0x0, size: 0x10}\n"
		  "stimulus: []\n",
		  ":4:27: system.memories[0].master: expected master 1 or 2, got 3" },
	{ "mem_pl081_master_2",
		  "vector: t\n"
		  "system:\n"
		  "  variant: pl081\n"
		  "  memories:\n"
		  "    - {name: ram, master: 2, base: 0x0, size: 0x10}\n"
		  "stimulus: []\n",
		  ":5:27: system.memories[0].master: the pl081 has only master 1 (AHB1), got 2" },
	{ "mem_missing_size",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0\n"
		  "stimulus: []\n",
		  ":4:7: system.memories[0].size: missing (required)" },
	{ "mem_too_big",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x8000000}\n"
		  "stimulus: []\n",
		  ":4:47: system.memories[0].size: 0x8000000 is out of range (1..67108864)" },
	{ "mem_wraps",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0xFFFFF000, size: 0x2000}\n"
		  "stimulus: []\n",
		  ":4:54: system.memories[0].size: 0xfffff000 + 0x2000 ends past 0xFFFFFFFF" },
	{ "mem_overlap",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: a, master: 1, base: 0x0, size: 0x1000}\n"
		  "    - {name: b, master: 1, base: 0x800, size: 0x1000}\n"
		  "stimulus: []\n",
		  ":5:7: system.memories[1]: 0x00000800..0x000017ff overlaps memory \"a\" on master 1" },
	{ "mem_bad_name",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: my ram, master: 1, base: 0x0, size: 0x10}\n"
		  "stimulus: []\n",
		  ":4:14: system.memories[0].name: \"my ram\" is not a name (letters a-z A-Z, digits, '_', '.', '-')" },
	{ "mem_endian",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x10, endian: middle}\n"
		  "stimulus: []\n",
		  ":4:61: system.memories[0].endian: expected one of little, big, got \"middle\"" },
	{ "waits_pattern_value",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x10, waits: [1, 300]}\n"
		  "stimulus: []\n",
		  ":4:64: system.memories[0].waits[1]: 300 is out of range (0..255)" },
	{ "waits_random_order",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x10, waits: {random: [4, 2]}}\n"
		  "stimulus: []\n",
		  ":4:73: system.memories[0].waits.random[1]: maximum 2 is below the minimum 4" },
	{ "init_outside",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0x1000\n"
		  "      size: 0x100\n"
		  "      init:\n"
		  "        - {at: 0x10F0, fill: 1, length: 32}\n"
		  "stimulus: []\n",
		  ":9:11: system.memories[0].init[0]: 0x000010f0..0x0000110f is outside memory \"ram\" (0x00001000..0x000010ff)" },
	{ "init_two_data",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0x0\n"
		  "      size: 0x100\n"
		  "      init:\n"
		  "        - {at: 0, fill: 1, pattern: 2, length: 4}\n"
		  "stimulus: []\n",
		  ":9:25: system.memories[0].init[0].fill: only one of pattern, bytes, words, fill may be given (pattern is)" },
	{ "init_words_unaligned",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0x0\n"
		  "      size: 0x100\n"
		  "      init:\n"
		  "        - {at: 2, words: [1]}\n"
		  "stimulus: []\n",
		  ":9:16: system.memories[0].init[0].at: 0x00000002 is not word-aligned (words need it)" },
	{ "init_byte_range",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0x0\n"
		  "      size: 0x100\n"
		  "      init:\n"
		  "        - {at: 0, bytes: [1, 256]}\n"
		  "stimulus: []\n",
		  ":9:30: system.memories[0].init[0].bytes[1]: 256 is out of range (0..255)" },
	{ "init_length_with_bytes",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0x0\n"
		  "      size: 0x100\n"
		  "      init:\n"
		  "        - {at: 0, bytes: [1], length: 1}\n"
		  "stimulus: []\n",
		  ":9:39: system.memories[0].init[0].length: not allowed with bytes (the list gives the length)" },
	{ "init_copy_not_allowed",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - name: ram\n"
		  "      master: 1\n"
		  "      base: 0x0\n"
		  "      size: 0x100\n"
		  "      init:\n"
		  "        - {at: 0, copy_of: {at: 0x10}, length: 4}\n"
		  "stimulus: []\n",
		  ":9:19: system.memories[0].init[0].copy_of: unknown key (expected one of at, pattern, bytes, words, fill, length)" },
	{ "name_duplicate",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x10}\n"
		  "  errors:\n"
		  "    - {name: ram, master: 1, base: 0x100, size: 0x10}\n"
		  "stimulus: []\n",
		  ":6:14: system.errors[0].name: \"ram\" is already the name of system.memories[0]" },
	{ "error_on",
		  "vector: t\n"
		  "system:\n"
		  "  errors:\n"
		  "    - {name: hole, master: 1, base: 0x100, size: 0x10, on: sideways}\n"
		  "stimulus: []\n",
		  ":4:60: system.errors[0].on: expected one of both, read, write, got \"sideways\"" },
	{ "periph_line_16",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: script, line: 16, master: 1, base: 0x100, requests: []}\n"
		  "stimulus: []\n",
		  ":4:37: system.peripherals[0].line: 16 is out of range (0..15)" },
	{ "periph_line_reused",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: script, line: 3, master: 1, base: 0x100, requests: []}\n"
		  "    - {name: q, kind: script, line: 3, master: 1, base: 0x200, requests: []}\n"
		  "stimulus: []\n",
		  ":5:37: system.peripherals[1].line: line 3 is already used by peripheral \"p\"" },
	{ "periph_kind",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: dma, line: 1, master: 1, base: 0x100}\n"
		  "stimulus: []\n",
		  ":4:23: system.peripherals[0].kind: expected one of fifo, script, got \"dma\"" },
	{ "fifo_width",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: fifo, line: 1, master: 1, base: 0x100, direction: to_memory, width: 12, depth: 4, rate: 1}\n"
		  "stimulus: []\n",
		  ":4:91: system.peripherals[0].width: expected 8, 16 or 32 (bits), got 12" },
	{ "fifo_missing_rate",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: fifo, line: 1, master: 1, base: 0x100, direction: to_memory, width: 8, depth: 4}\n"
		  "stimulus: []\n",
		  ":4:7: system.peripherals[0].rate: missing (required)" },
	{ "fifo_watermark",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: fifo, line: 1, master: 1, base: 0x100, direction: to_memory, width: 8, depth: 4, rate: 1, watermark: 5}\n"
		  "stimulus: []\n",
		  ":4:124: system.peripherals[0].watermark: 5 is out of range (1..4)" },
	{ "fifo_flow_no_count",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: fifo, line: 1, master: 1, base: 0x100, direction: from_memory, width: 8, depth: 4, rate: 1, flow_controller: true}\n"
		  "stimulus: []\n",
		  ":4:7: system.peripherals[0].count: missing (required)" },
	{ "fifo_bool",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: fifo, line: 1, master: 1, base: 0x100, direction: to_memory, width: 8, depth: 4, rate: 1, singles: yes}\n"
		  "stimulus: []\n",
		  ":4:122: system.peripherals[0].singles: expected true or false, got \"yes\"" },
	{ "script_fifo_key",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - {name: p, kind: script, line: 1, master: 1, base: 0x100, depth: 4, requests: []}\n"
		  "stimulus: []\n",
		  ":4:71: system.peripherals[0].depth: not a key of a script peripheral" },
	{ "script_req_kind",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - name: p\n"
		  "      kind: script\n"
		  "      line: 1\n"
		  "      master: 1\n"
		  "      base: 0x100\n"
		  "      requests:\n"
		  "        - {at: 10, kind: [burst, huge]}\n"
		  "stimulus: []\n",
		  ":10:34: system.peripherals[0].requests[0].kind[1]: expected one of burst, single, last_burst, last_single, none, got \"huge\"" },
	{ "script_req_order",
		  "vector: t\n"
		  "system:\n"
		  "  peripherals:\n"
		  "    - name: p\n"
		  "      kind: script\n"
		  "      line: 1\n"
		  "      master: 1\n"
		  "      base: 0x100\n"
		  "      requests:\n"
		  "        - {at: 10, kind: burst}\n"
		  "        - {at: 5, kind: single}\n"
		  "stimulus: []\n",
		  ":11:16: system.peripherals[0].requests[1].at: 5 is before the previous request's 10" },
	{ "step_unknown",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - wiat: 5\n",
		  ":6:5: stimulus[0]: unknown step \"wiat\" (expected one of write, read, poll, wait_irq, wait, delay, wait_idle, program, lli, mem)" },
	{ "step_two_keys",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - {wait: 5, delay: 3}\n",
		  ":6:5: stimulus[0]: expected a step: a mapping of one key (write, read, poll, wait_irq, wait, delay, wait_idle, program, lli, mem), got several keys" },
	{ "step_not_list",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: {wait: 5}\n",
		  ":5:11: stimulus: expected a list, got a mapping" },
	{ "write_missing_value",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: DMACConfiguration}\n",
		  ":6:12: stimulus[0].write.value: missing (required)" },
	{ "write_value_too_big",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: DMACConfiguration, value: 0x100000000}\n",
		  ":6:44: stimulus[0].write.value: 0x100000000 does not fit in 32 bits" },
	{ "write_control_field_unknown",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: C3Control, value: {ts: 4, burst: 4}}\n",
		  ":6:44: stimulus[0].write.value.burst: unknown key (expected one of ts, sbsize, dbsize, swidth, dwidth, si, di, s, d, prot, i)" },
	{ "write_fields_on_a_global_register",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: DMACConfiguration, value: {e: 1}}\n",
		  ":6:44: stimulus[0].write.value: expected an integer, got a mapping" },
	{ "reg_unknown",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: DMACFoo, value: 1}\n",
		  ":6:18: stimulus[0].write.reg: unknown register \"DMACFoo\"" },
	{ "reg_channel_8",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: C8Control, value: 1}\n",
		  ":6:18: stimulus[0].write.reg: channel 8 does not exist on the pl080 (channels 0..7)" },
	{ "reg_channel_pl081",
		  "vector: t\n"
		  "system: {variant: pl081}\n"
		  "stimulus:\n"
		  "  - read: {reg: DMACC2SrcAddr}\n",
		  ":4:17: stimulus[0].read.reg: channel 2 does not exist on the pl081 (channels 0..1)" },
	{ "reg_channel_name",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: C1Ctrl, value: 1}\n",
		  ":6:18: stimulus[0].write.reg: unknown channel register \"C1Ctrl\" (C<n> then one of SrcAddr, DestAddr, LLI, Control, Configuration)" },
	{ "reg_offset_unaligned",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write: {reg: 0x31, value: 1}\n",
		  ":6:18: stimulus[0].write.reg: offset 0x31 is not word-aligned" },
	{ "read_mask_no_expect",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - read: {reg: IntTCStatus, mask: 1}\n",
		  ":6:36: stimulus[0].read.mask: mask without expect" },
	{ "poll_equals_outside_mask",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - poll: {reg: EnbldChns, mask: 0x1, equals: 0x3}\n",
		  ":6:47: stimulus[0].poll.equals: 0x00000003 has bits outside the mask 0x00000001 (the poll could never end)" },
	{ "wait_irq_line",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - wait_irq: {line: dma}\n",
		  ":6:22: stimulus[0].wait_irq.line: expected one of intr, tc, err, got \"dma\"" },
	{ "wait_irq_in_handler",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "irq_handler:\n"
		  "  - wait_irq: {line: tc}\n",
		  ":7:5: irq_handler[0].wait_irq: not allowed in irq_handler (hard-IRQ context cannot wait; use delay)" },
	{ "wait_negative",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - wait: -5\n",
		  ":6:11: stimulus[0].wait: expected an integer, got \"-5\"" },
	{ "program_channel",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program: {channel: 8}\n",
		  ":6:24: stimulus[0].program.channel: 8 is out of range (0..7)" },
	{ "program_missing_channel",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program: {src: 0x10}\n",
		  ":6:14: stimulus[0].program.channel: missing (required)" },
	{ "program_lli_unaligned",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program: {channel: 0, lli: 0x102}\n",
		  ":6:32: stimulus[0].program.lli: 0x00000102 is not word-aligned (give lli_master for the LM bit)" },
	{ "ctl_ts",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      control: {ts: 4096}\n",
		  ":8:21: stimulus[0].program.control.ts: 4096 is out of range (0..4095)" },
	{ "ctl_sbsize",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      control: {sbsize: 2}\n",
		  ":8:25: stimulus[0].program.control.sbsize: expected 1, 4, 8, 16, 32, 64, 128 or 256 (transfers), got 2" },
	{ "ctl_width",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      control: {swidth: 24}\n",
		  ":8:25: stimulus[0].program.control.swidth: expected 8, 16 or 32 (bits), got 24" },
	{ "ctl_unknown_field",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      control: {tsize: 4}\n",
		  ":8:17: stimulus[0].program.control.tsize: unknown key (expected one of ts, sbsize, dbsize, swidth, dwidth, si, di, s, d, prot, i)" },
	{ "ctl_bool",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      control: {si: 1}\n",
		  ":8:21: stimulus[0].program.control.si: expected true or false, got \"1\"" },
	{ "ctl_pl081_master",
		  "vector: t\n"
		  "system: {variant: pl081}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      control: {d: 2}\n",
		  ":6:20: stimulus[0].program.control.d: the pl081 has only master 1 (AHB1), got 2" },
	{ "cfg_flow",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      config: {flow: m2x}\n",
		  ":8:22: stimulus[0].program.config.flow: expected one of m2m, m2p, p2m, p2p, p2p_dst, m2p_per, p2m_per, p2p_src, got \"m2x\"" },
	{ "cfg_periph",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - program:\n"
		  "      channel: 0\n"
		  "      config: {src_periph: 16}\n",
		  ":8:28: stimulus[0].program.config.src_periph: 16 is out of range (0..15)" },
	{ "lli_outside",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - lli:\n"
		  "      master: 1\n"
		  "      at: 0xFF8\n"
		  "      items: [{src: 0, dst: 0}]\n",
		  ":7:7: stimulus[0].lli: 0x00000ff8..0x00001007 is not inside one memory of master 1" },
	{ "lli_next_unaligned",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - lli:\n"
		  "      master: 1\n"
		  "      at: 0x100\n"
		  "      items: [{src: 0, dst: 0, next: 0x111}]\n",
		  ":9:38: stimulus[0].lli.items[0].next: 0x00000111 is not word-aligned (give next_master for the LM bit)" },
	{ "mem_step_master",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - mem: {master: 2, at: 0x0, fill: 0, length: 4}\n",
		  ":6:10: stimulus[0].mem: 0x00000000..0x00000003 is not inside one memory of master 2" },
	{ "mem_step_no_data",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - mem: {master: 1, at: 0x0, length: 4}\n",
		  ":6:10: stimulus[0].mem: no data (one of pattern, bytes, words, fill is needed)" },
	{ "expect_unknown",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  memroy: []\n",
		  ":7:3: expect.memroy: unknown key (expected one of memory, interrupts, registers, bus_errors, protocol_violations, stray_accesses, end_cycle, underruns, callbacks, status, checker_reports, beats, edges)" },
	{ "beats_hburst",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {write: false, hburst: incr32}\n",
		  ":8:30: expect.beats[0].hburst: expected one of single, incr, incr4, incr8, incr16, got \"incr32\"" },
	{ "beats_hsize",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {hsize: 64}\n",
		  ":8:15: expect.beats[0].hsize: expected 8, 16 or 32 (bits), got 64" },
	{ "beats_htrans_idle",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {htrans: idle}\n",
		  ":8:16: expect.beats[0].htrans: expected one of nonseq, seq, got \"idle\"" },
	{ "beats_count_with_index",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {index: 2, count: 1}\n",
		  ":8:25: expect.beats[0].count: count with index (count counts the beats the filters select)" },
	{ "beats_nothing",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {master: 1, addr: [0x10, 0x20]}\n",
		  ":8:7: expect.beats[0]: nothing to check (give count or one of htrans, hburst, hsize, hprot, hlock, cycle, data, resp)" },
	{ "beats_addr_bounds",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {addr: [0x20, 0x10], count: 0}\n",
		  ":8:21: expect.beats[0].addr[1]: maximum 16 is below the minimum 32" },
	{ "beats_master_pl080",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  beats:\n    - {master: 3, count: 0}\n",
		  ":8:16: expect.beats[0].master: expected master 1 or 2, got 3" },
	{ "edges_pin",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  edges:\n    - {pin: intr, line: 3}\n",
		  ":8:13: expect.edges[0].pin: expected one of clr, tc, got \"intr\"" },
	{ "edges_line",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  edges:\n    - {pin: tc, line: 16}\n",
		  ":8:23: expect.edges[0].line: 16 is out of range (0..15)" },
	{ "edges_no_line",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  edges:\n    - {pin: clr, cycle: 5}\n",
		  ":8:7: expect.edges[0].line: missing (required)" },
	{ "expect_mem_periph",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  memory:\n"
		  "    - {peripheral: uart, fill: 0, length: 4}\n",
		  ":8:20: expect.memory[0].peripheral: no peripheral named \"uart\"" },
	{ "expect_mem_outside",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  memory:\n"
		  "    - {master: 1, at: 0xFFE, bytes: [1, 2, 3]}\n",
		  ":8:7: expect.memory[0]: 0x00000ffe..0x00001000 is not inside one memory of master 1" },
	{ "expect_mem_no_length",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  memory:\n"
		  "    - {master: 1, at: 0x0, pattern: 3}\n",
		  ":8:7: expect.memory[0].length: missing (required)" },
	{ "expect_copy_outside",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  memory:\n"
		  "    - {master: 1, at: 0x0, copy_of: {master: 1, at: 0xF00}, length: 0x200}\n",
		  ":8:37: expect.memory[0].copy_of: 0x00000f00..0x000010ff is not inside one memory of master 1" },
	{ "expect_irq_bounds",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  interrupts:\n"
		  "    - {line: tc, cycle: [50, 20]}\n",
		  ":8:30: expect.interrupts[0].cycle[1]: maximum 20 is below the minimum 50" },
	{ "expect_irq_line",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  interrupts:\n"
		  "    - {line: tcc}\n",
		  ":8:14: expect.interrupts[0].line: expected one of intr, tc, err, got \"tcc\"" },
	{ "expect_reg_missing_expect",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  registers:\n"
		  "    - {reg: EnbldChns}\n",
		  ":8:7: expect.registers[0].expect: missing (required)" },
	{ "expect_bus_errors",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  bus_errors: many\n",
		  ":7:15: expect.bus_errors: expected an integer, got \"many\"" },
	{ "expect_end_cycle",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus: []\n"
		  "expect:\n"
		  "  end_cycle: [1, 2, 3]\n",
		  ":7:14: expect.end_cycle: 3 items, at most 2 allowed" },
	{ "value_missing",
		  "vector: t\n"
		  "system:\n"
		  "  memories:\n"
		  "    - {name: ram, master: 1, base: 0x0, size: 0x1000}\n"
		  "stimulus:\n"
		  "  - write:\n",
		  ":6:5: stimulus[0].write: no value" },
};

#define N_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

/* Parameters by index: the workers are separate processes, where pointers into the table differ */
ParameterizedTestParameters(vector_load, malformed)
{
	static size_t idx[N_BAD];
	for (size_t i = 0; i < N_BAD; i++)
		idx[i] = i;
	return cr_make_param_array(size_t, idx, N_BAD);
}

ParameterizedTest(size_t *i, vector_load, malformed)
{
	const struct bad_case *c = &bad_cases[*i];
	char path[64], err[1024], want[1024];

	write_temp(c->yaml, path, sizeof(path));
	hx_vec *v = hx_vec_load(path, err, sizeof(err));
	snprintf(want, sizeof(want), "%s%s", path, c->error);
	cr_expect_null(v, "%s: loaded", c->name);
	cr_expect_str_eq(err, want, "%s:\n  got  %s\n  want %s", c->name, err, want);
	hx_vec_free(v);
	unlink(path);
}

Test(vector_load, the_malformed_table_has_distinct_errors)
{
	size_t n = N_BAD;
	cr_assert_geq(n, 25);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			cr_expect_str_neq(bad_cases[i].name, bad_cases[j].name);
			cr_expect_str_neq(bad_cases[i].error, bad_cases[j].error, "%s and %s", bad_cases[i].name,
					  bad_cases[j].name);
		}
}
