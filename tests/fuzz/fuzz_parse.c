/*
 * fuzz_parse.c - libFuzzer target for the parser: any byte string must
 * parse into a unit or a parse error, never crash, leak or read out of
 * bounds, and an error must point inside (or just past) the text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../shell/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sh_parse_error error = {0};
	sh_ast_unit *unit = sh_parse((const char *)data, size, "fuzz.ps1", &error);
	if (unit) {
		sh_ast_unit_unref(unit);
		return 0;
	}
	if (!error.message || error.offset > size || error.line < 1 || error.column < 1)
		abort();
	sh_parse_error_clear(&error);
	return 0;
}
