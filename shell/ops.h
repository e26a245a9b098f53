/*
 * ops.h - the operators of the language, on values.
 *
 * Every operator converts the right operand to the left operand's type
 * ('1' + 2 is '12', 1 + '2' is 3), numbers widen Int32 -> Int64 -> Double
 * on overflow, '/' gives a Double unless the division is exact, string
 * comparisons are case-insensitive unless the operator is a -c variant,
 * and a comparison with an array on the left filters the array.
 *
 * Each function returns 0 with a new reference in *out, or -1 with a
 * malloc'd *error in PowerShell's words (e.g. "Attempted to divide by zero.",
 * "Method invocation failed because [System.Object[]] does not contain a
 * method named 'op_Subtraction'.").
 */
#ifndef SH_OPS_H
#define SH_OPS_H

#include "value.h"

typedef enum sh_binop {
	/* arithmetic */
	SH_OP_ADD,
	SH_OP_SUB,
	SH_OP_MUL,
	SH_OP_DIV,
	SH_OP_MOD,
	/* comparison; the _C variants are case-sensitive (-ceq), the plain and
	   -i variants are not */
	SH_OP_EQ,
	SH_OP_NE,
	SH_OP_GT,
	SH_OP_GE,
	SH_OP_LT,
	SH_OP_LE,
	SH_OP_LIKE,
	SH_OP_NOTLIKE,
	SH_OP_MATCH,
	SH_OP_NOTMATCH,
	SH_OP_CONTAINS,
	SH_OP_NOTCONTAINS,
	SH_OP_IN,
	SH_OP_NOTIN,
	SH_OP_REPLACE,
	SH_OP_SPLIT,
	SH_OP_JOIN,
	SH_OP_IS,
	SH_OP_ISNOT,
	SH_OP_AS,
	SH_OP_AND,
	SH_OP_OR,
	SH_OP_XOR, /* evaluated lazily by the evaluator; here for completeness */
	SH_OP_BAND,
	SH_OP_BOR,
	SH_OP_BXOR,
	SH_OP_SHL,
	SH_OP_SHR,
	SH_OP_FORMAT, /* -f */
	SH_OP_RANGE,  /* .. (the evaluator streams ranges; this builds an array) */
	SH_OP_COUNT
} sh_binop;

/* Operator spelling without the dash, as the lexer sees it: "eq", "ceq",
 * "ieq" ... Sets *op and *case_sensitive. Returns false for unknown words. */
bool sh_binop_lookup(const char *word, sh_binop *op, bool *case_sensitive);
const char *sh_binop_name(sh_binop op); /* "-eq", "+" ... for messages */

/* Applies a binary operator. `matches` receives $Matches for -match when
 * the left side is a scalar and the match succeeds (a hashtable of groups:
 * 0, 1, ..., and named groups), else stays untouched; may be NULL. */
int sh_binary(sh_binop op, bool case_sensitive, sh_value *left, sh_value *right, sh_value **out,
              sh_value **matches, char **error);

/* Unary operators. */
typedef enum sh_unop {
	SH_UOP_NEG,
	SH_UOP_PLUS,
	SH_UOP_NOT,
	SH_UOP_BNOT,
	SH_UOP_SPLIT,
	SH_UOP_JOIN,  /* unary -split "a b", -join (1,2) */
	SH_UOP_COMMA, /* ,x: a one-element array */
} sh_unop;
int sh_unary(sh_unop op, sh_value *operand, sh_value **out, char **error);

/* Equality as -eq uses it for two scalars (right converted to left's type). */
bool sh_equals(const sh_value *a, const sh_value *b, bool case_sensitive);
/* Ordering as Sort-Object and -lt use it: <0, 0, >0. Sets *ok false when
 * the two cannot be compared (then falls back to string comparison order). */
int sh_compare(const sh_value *a, const sh_value *b, bool case_sensitive, bool *ok);

/* Regex helpers over PCRE2 with .NET-compatible syntax (named groups
 * (?<n>...), \d \w \s, lazy quantifiers, lookarounds). Patterns are cached. */
typedef struct sh_regex sh_regex;
sh_regex *sh_regex_get(const char *pattern, bool case_sensitive,
                       char **error); /* cached; do not free */
/* Returns true on a match; when groups is not NULL sets it to a new
 * hashtable shaped like $Matches. */
bool sh_regex_match(sh_regex *re, const char *subject, sh_value **groups);
/* -replace semantics: $1, ${name}, $0, $$ in the replacement. */
char *sh_regex_replace(sh_regex *re, const char *subject, const char *replacement);
/* Number of capturing groups (group 0 not counted), and a group's name
 * (NULL for unnamed ones). */
size_t sh_regex_group_count(const sh_regex *re);
const char *sh_regex_group_name(const sh_regex *re, size_t group);
/* Finds the first match at or after byte offset `from`. Fills starts/ends
 * (byte offsets; -1 for a group that took no part) for groups 0..max-1. */
bool sh_regex_exec(sh_regex *re, const char *subject, size_t from, long *starts, long *ends,
                   size_t max);

#endif
