/* Unit tests for the parameter binder: tables, named/positional binding,
 * prefixes and aliases, conversions, parameter sets, mandatory checks,
 * pipeline binding and the messages PowerShell gives for each failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/binder.h"
#include "../../shell/convert.h"
#include "../../shell/interp.h"

static const char *const modes[] = {"Fast", "Slow", NULL};

static const sh_param_def thing_params[] = {
    {.name = "Name",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "Name",
     .aliases = "ThingName"},
    {.name = "Id",
     .type = SH_P_INT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "Id"},
    {.name = "Count", .type = SH_P_INT, .position = 1},
    {.name = "Force", .type = SH_P_SWITCH, .position = -1},
    {.name = "Mode", .type = SH_P_ENUM, .position = -1, .enum_values = modes},
    {.name = "ModeLimit", .type = SH_P_INT, .position = -1},
    {.name = "MemoryStartupBytes", .type = SH_P_LONG, .position = -1},
    {.name = "MemoryMinimumBytes", .type = SH_P_LONG, .position = -1},
    {0},
};

static const sh_cmdlet thing = {
    .name = "Get-Thing",
    .default_set = "Name",
    .params = thing_params,
    .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
};

static const sh_param_def plain_params[] = {
    {.name = "Path", .type = SH_P_STRING, .position = 0},
    {0},
};
static const sh_cmdlet plain = {.name = "Get-Plain", .params = plain_params};

typedef struct fixture {
	sh_interp *in;
	sh_param_table table;
	sh_binding b;
	sh_bind_error err;
	sh_arg args[16];
	sh_value *owned[16];
	size_t nargs;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->in = sh_interp_new();
	sh_interp_host(f->in)->interactive = false;
	sh_param_table_for_cmdlet(&thing, &f->table);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sh_binding_free(&f->b);
	sh_bind_error_clear(&f->err);
	for (size_t i = 0; i < f->nargs; i++)
		sh_unref(f->owned[i]);
	sh_param_table_free(&f->table);
	sh_interp_free(f->in);
	free(f);
	return 0;
}

static void name_arg(fixture *f, const char *name)
{
	f->owned[f->nargs] = NULL;
	f->args[f->nargs++] = (sh_arg){.name = name};
}

static void name_value_arg(fixture *f, const char *name, sh_value *v)
{
	f->owned[f->nargs] = v;
	f->args[f->nargs++] = (sh_arg){.name = name, .value = v, .has_value = true};
}

static void value_arg(fixture *f, sh_value *v)
{
	f->owned[f->nargs] = v;
	f->args[f->nargs++] = (sh_arg){.value = v};
}

static int bind(fixture *f, bool expects_input)
{
	return sh_bind_arguments(f->in, &f->table, f->args, f->nargs, expects_input, false, &f->b,
	                         &f->err);
}

static sh_value *bound(fixture *f, const char *name)
{
	int i = sh_param_index(&f->table, name);
	assert_true(i >= 0);
	return f->b.bound[i] ? f->b.values[i] : (sh_value *)-1;
}

static void test_table(void **state)
{
	fixture *f = *state;
	assert_int_equal(f->table.ndeclared, 8);
	assert_int_equal(f->table.nparams, 8 + 11 + 2);
	assert_int_equal(f->table.nsets, 2);
	assert_string_equal(f->table.set_names[0], "Name");
	assert_string_equal(f->table.set_names[1], "Id");
	assert_true(sh_param_index(&f->table, "erroraction") >= 0);
	assert_true(sh_param_index(&f->table, "WhatIf") >= 0);
	assert_int_equal(sh_param_index(&f->table, "ea"), -1);
	assert_string_equal(sh_param_type_name(&f->table.params[0]), "String[]");
	assert_string_equal(sh_param_type_name(&f->table.params[2]), "Int32");
	assert_string_equal(sh_param_type_name(&f->table.params[3]), "SwitchParameter");
}

static void test_named_and_positional(void **state)
{
	fixture *f = *state;
	value_arg(f, sh_string("a"));
	value_arg(f, sh_string("3"));
	name_arg(f, "Fo");
	assert_int_equal(bind(f, false), 0);
	sh_value *name = bound(f, "Name");
	assert_int_equal(sh_kind_of(name), SH_ARRAY);
	assert_int_equal(sh_array_len(name), 1);
	assert_string_equal(sh_str(sh_array_get(name, 0)), "a");
	assert_int_equal(sh_kind_of(bound(f, "Count")), SH_INT);
	assert_int_equal(sh_int_of(bound(f, "Count")), 3);
	assert_true(sh_bool_of(bound(f, "Force")));
	assert_string_equal(sh_binding_set_name(&f->b), "Name");
}

static void test_alias_and_enum(void **state)
{
	fixture *f = *state;
	name_arg(f, "ThingName");
	value_arg(f, sh_string("x"));
	name_arg(f, "ea");
	value_arg(f, sh_string("stop"));
	name_arg(f, "mode");
	value_arg(f, sh_string("slow"));
	assert_int_equal(bind(f, false), 0);
	assert_string_equal(sh_str(bound(f, "ErrorAction")), "Stop");
	assert_string_equal(sh_str(bound(f, "Mode")), "Slow");
	assert_string_equal(sh_str(sh_array_get(bound(f, "Name"), 0)), "x");
}

static void test_exact_beats_prefix(void **state)
{
	fixture *f = *state;
	name_arg(f, "Name");
	value_arg(f, sh_string("n"));
	name_arg(f, "Mode");
	value_arg(f, sh_string("Fast"));
	name_arg(f, "ModeL");
	value_arg(f, sh_int(4));
	assert_int_equal(bind(f, false), 0);
	assert_string_equal(sh_str(bound(f, "Mode")), "Fast");
	assert_int_equal(sh_int_of(bound(f, "ModeLimit")), 4);
}

static void test_ambiguous_prefix(void **state)
{
	fixture *f = *state;
	name_arg(f, "Memory");
	value_arg(f, sh_string("1GB"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(f->err.message,
	                    "Parameter cannot be processed because the parameter name 'Memory' is "
	                    "ambiguous. Possible matches include: -MemoryStartupBytes "
	                    "-MemoryMinimumBytes.");
	assert_string_equal(f->err.error_id, "AmbiguousParameter");
}

static void test_size_literal(void **state)
{
	fixture *f = *state;
	name_arg(f, "Name");
	value_arg(f, sh_string("n"));
	name_arg(f, "MemoryS");
	value_arg(f, sh_string("2GB"));
	assert_int_equal(bind(f, false), 0);
	assert_int_equal(sh_kind_of(bound(f, "MemoryStartupBytes")), SH_LONG);
	assert_int_equal(sh_long_of(bound(f, "MemoryStartupBytes")), 2147483648LL);
}

static void test_unknown_parameter(void **state)
{
	fixture *f = *state;
	name_arg(f, "Bogus");
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(f->err.message,
	                    "A parameter cannot be found that matches parameter name 'Bogus'.");
	assert_string_equal(f->err.error_id, "NamedParameterNotFound");
	assert_int_equal(f->err.category, SH_CAT_INVALID_ARGUMENT);
}

static void test_missing_argument(void **state)
{
	fixture *f = *state;
	name_arg(f, "Count");
	name_arg(f, "Force");
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(f->err.message, "Missing an argument for parameter 'Count'. Specify a "
	                                    "parameter of type 'System.Int32' and try again.");
	assert_string_equal(f->err.error_id, "MissingArgument");
}

static void test_conversion_error(void **state)
{
	fixture *f = *state;
	name_arg(f, "Count");
	value_arg(f, sh_string("abc"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot bind parameter 'Count'. Cannot convert value \"abc\" to type "
	    "\"System.Int32\". Error: \"Input string was not in a correct format.\"");
	assert_string_equal(f->err.error_id, "CannotConvertArgumentNoMessage");
}

static void test_array_to_scalar(void **state)
{
	fixture *f = *state;
	sh_value *arr = sh_array_new(2);
	sh_array_append(arr, sh_int(1));
	sh_array_append(arr, sh_int(2));
	name_arg(f, "Count");
	value_arg(f, arr);
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot convert 'System.Object[]' to the type 'System.Int32' required by "
	    "parameter 'Count'. Specified method is not supported.");
	assert_string_equal(f->err.error_id, "CannotConvertArgument");
}

static void test_positional_not_found(void **state)
{
	fixture *f = *state;
	value_arg(f, sh_string("a"));
	value_arg(f, sh_string("3"));
	value_arg(f, sh_string("extra"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "A positional parameter cannot be found that accepts argument 'extra'.");
	assert_string_equal(f->err.error_id, "PositionalParameterNotFound");
}

static void test_switch_false(void **state)
{
	fixture *f = *state;
	value_arg(f, sh_string("a"));
	name_value_arg(f, "Force", sh_bool(false));
	assert_int_equal(bind(f, false), 0);
	assert_int_equal(sh_kind_of(bound(f, "Force")), SH_BOOL);
	assert_false(sh_bool_of(bound(f, "Force")));
}

static void test_colon_value(void **state)
{
	fixture *f = *state;
	name_value_arg(f, "Name", sh_string("c"));
	name_value_arg(f, "Count", sh_string("12"));
	assert_int_equal(bind(f, false), 0);
	assert_int_equal(sh_int_of(bound(f, "Count")), 12);
}

static void test_already_bound(void **state)
{
	fixture *f = *state;
	name_arg(f, "Name");
	value_arg(f, sh_string("a"));
	name_arg(f, "Name");
	value_arg(f, sh_string("b"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot bind parameter because parameter 'Name' is specified more than "
	    "once. To provide multiple values to parameters that can accept multiple "
	    "values, use the array syntax. For example, \"-parameter "
	    "value1,value2,value3\".");
	assert_string_equal(f->err.error_id, "ParameterAlreadyBound");
}

static void test_sets(void **state)
{
	fixture *f = *state;
	sh_value *ids = sh_array_new(2);
	sh_array_append(ids, sh_int(1));
	sh_array_append(ids, sh_string("2"));
	name_arg(f, "Id");
	value_arg(f, ids);
	assert_int_equal(bind(f, false), 0);
	assert_string_equal(sh_binding_set_name(&f->b), "Id");
	sh_value *v = bound(f, "Id");
	assert_int_equal(sh_array_len(v), 2);
	assert_int_equal(sh_kind_of(sh_array_get(v, 1)), SH_INT);
	assert_int_equal(sh_int_of(sh_array_get(v, 1)), 2);
}

static void test_ambiguous_set(void **state)
{
	fixture *f = *state;
	name_arg(f, "Id");
	value_arg(f, sh_int(1));
	name_arg(f, "Name");
	value_arg(f, sh_string("x"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "Parameter set cannot be resolved using the specified named parameters.");
	assert_string_equal(f->err.error_id, "AmbiguousParameterSet");
}

static void test_missing_mandatory(void **state)
{
	fixture *f = *state;
	name_arg(f, "Count");
	value_arg(f, sh_int(1));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(f->err.message, "Cannot process command because of one or more "
	                                    "missing mandatory parameters: Name.");
	assert_string_equal(f->err.error_id, "MissingMandatoryParameter");
}

static void test_mandatory_empty_string(void **state)
{
	fixture *f = *state;
	name_arg(f, "Name");
	value_arg(f, sh_string(""));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot bind argument to parameter 'Name' because it is an empty string.");
}

static void test_validate_set(void **state)
{
	fixture *f = *state;
	name_arg(f, "Mode");
	value_arg(f, sh_string("Medium"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(f->err.message,
	                    "Cannot validate argument on parameter 'Mode'. The argument \"Medium\" "
	                    "does not belong to the set \"Fast,Slow\" specified by the ValidateSet "
	                    "attribute. Supply an argument that is in the set and then try the "
	                    "command again.");
	assert_string_equal(f->err.error_id, "ParameterArgumentValidationError");
}

static void test_enum_type_error(void **state)
{
	fixture *f = *state;
	name_arg(f, "ErrorAction");
	value_arg(f, sh_string("Sometimes"));
	assert_int_equal(bind(f, false), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot bind parameter 'ErrorAction'. Cannot convert value \"Sometimes\" "
	    "to type \"System.Management.Automation.ActionPreference\". Error: "
	    "\"Unable to match the identifier name Sometimes to a valid enumerator "
	    "name. Specify one of the following enumerator names and try again:\n"
	    "SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend\"");
}

static void test_pipeline_by_value(void **state)
{
	fixture *f = *state;
	assert_int_equal(bind(f, true), 0);
	assert_int_equal(f->b.set, -1);
	sh_value *in1 = sh_string("one");
	assert_int_equal(sh_bind_pipeline_object(f->in, &f->b, in1, &f->err), 0);
	assert_string_equal(sh_str(sh_array_get(bound(f, "Name"), 0)), "one");
	assert_string_equal(sh_binding_set_name(&f->b), "Name");
	sh_unref(in1);

	/* An object with an Id property binds -Id by property name. */
	sh_value *o = sh_object_new(NULL);
	sh_object_set_note(o, "Id", sh_int(7));
	assert_int_equal(sh_bind_pipeline_object(f->in, &f->b, o, &f->err), 0);
	assert_string_equal(sh_binding_set_name(&f->b), "Id");
	assert_int_equal(sh_int_of(sh_array_get(bound(f, "Id"), 0)), 7);
	assert_ptr_equal(bound(f, "Name"), (sh_value *)-1);
	sh_unref(o);

	/* Aliases count as property names too. */
	o = sh_object_new(NULL);
	sh_object_set_note(o, "ThingName", sh_string("aliased"));
	assert_int_equal(sh_bind_pipeline_object(f->in, &f->b, o, &f->err), 0);
	assert_string_equal(sh_str(sh_array_get(bound(f, "Name"), 0)), "aliased");
	sh_unref(o);
}

static void test_pipeline_not_bound(void **state)
{
	fixture *f = *state;
	sh_param_table t;
	sh_param_table_for_cmdlet(&plain, &t);
	sh_binding b;
	assert_int_equal(sh_bind_arguments(f->in, &t, NULL, 0, true, false, &b, &f->err), 0);
	sh_value *v = sh_int(1);
	assert_int_equal(sh_bind_pipeline_object(f->in, &b, v, &f->err), -1);
	assert_string_equal(f->err.message,
	                    "The input object cannot be bound to any parameters for the command "
	                    "either because the command does not take pipeline input or the input "
	                    "and its properties do not match any of the parameters that take "
	                    "pipeline input.");
	assert_string_equal(f->err.error_id, "InputObjectNotBound");
	sh_unref(v);
	sh_binding_free(&b);
	sh_param_table_free(&t);
}

/* A function without param(): everything goes to $args, "-x" included. */
static void test_simple_function_args(void **state)
{
	fixture *f = *state;
	sh_param_table t;
	sh_param_table_for_script(NULL, &t);
	assert_int_equal(t.nparams, 0);
	assert_false(t.advanced);
	name_arg(f, "x");
	value_arg(f, sh_int(1));
	value_arg(f, sh_string("two"));
	sh_binding b;
	assert_int_equal(sh_bind_arguments(f->in, &t, f->args, f->nargs, false, true, &b, &f->err),
	                 0);
	assert_int_equal(sh_array_len(b.remaining), 3);
	assert_string_equal(sh_str(sh_array_get(b.remaining, 0)), "-x");
	assert_int_equal(sh_int_of(sh_array_get(b.remaining, 1)), 1);
	assert_string_equal(sh_str(sh_array_get(b.remaining, 2)), "two");
	sh_binding_free(&b);
	sh_param_table_free(&t);
}

/* ---- script param blocks, built by hand as the parser would ---- */

static sh_node *node(sh_node_kind kind)
{
	sh_node *n = calloc(1, sizeof *n);
	n->kind = kind;
	return n;
}

static sh_node *constant(sh_value *v)
{
	sh_node *n = node(N_CONSTANT);
	n->u.constant.value = v;
	return n;
}

static sh_node *type_node(const char *name)
{
	sh_node *n = node(N_TYPE);
	n->u.type.type_name = (char *)name;
	return n;
}

static void free_nodes(sh_node **nodes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (nodes[i]->kind == N_CONSTANT)
			sh_unref(nodes[i]->u.constant.value);
		free(nodes[i]);
	}
}

static void test_script_param_block(void **state)
{
	fixture *f = *state;
	/* param([Parameter(Mandatory)][ValidateSet('a','b')][string]$Mode,
	 *       [Alias('n')][int]$Count, [switch]$Force, [string[]]$Tags) */
	sh_node *all[32];
	size_t nall = 0;
	sh_node *set_a = all[nall++] = constant(sh_string("a"));
	sh_node *set_b = all[nall++] = constant(sh_string("b"));
	sh_node *alias_n = all[nall++] = constant(sh_string("n"));
	sh_node *parameter_attr = all[nall++] = node(N_ATTRIBUTE);
	char *mandatory_key = "Mandatory";
	sh_node *null_value = NULL;
	parameter_attr->u.attribute.name = "Parameter";
	parameter_attr->u.attribute.named_keys = &mandatory_key;
	parameter_attr->u.attribute.named_values = &null_value;
	parameter_attr->u.attribute.named_len = 1;
	sh_node *validate = all[nall++] = node(N_ATTRIBUTE);
	sh_node *set_items[] = {set_a, set_b};
	validate->u.attribute.name = "ValidateSet";
	validate->u.attribute.positional = (sh_nodelist){set_items, 2};
	sh_node *alias_attr = all[nall++] = node(N_ATTRIBUTE);
	sh_node *alias_items[] = {alias_n};
	alias_attr->u.attribute.name = "Alias";
	alias_attr->u.attribute.positional = (sh_nodelist){alias_items, 1};

	sh_node *mode = all[nall++] = node(N_PARAMETER);
	sh_node *mode_attrs[] = {parameter_attr, validate};
	mode->u.parameter.name = "Mode";
	mode->u.parameter.attributes = (sh_nodelist){mode_attrs, 2};
	mode->u.parameter.type = all[nall++] = type_node("string");
	sh_node *count = all[nall++] = node(N_PARAMETER);
	sh_node *count_attrs[] = {alias_attr};
	count->u.parameter.name = "Count";
	count->u.parameter.attributes = (sh_nodelist){count_attrs, 1};
	count->u.parameter.type = all[nall++] = type_node("int");
	count->u.parameter.default_value = all[nall++] = constant(sh_int(5));
	sh_node *force = all[nall++] = node(N_PARAMETER);
	force->u.parameter.name = "Force";
	force->u.parameter.type = all[nall++] = type_node("switch");
	sh_node *tags = all[nall++] = node(N_PARAMETER);
	tags->u.parameter.name = "Tags";
	tags->u.parameter.type = all[nall++] = type_node("string[]");
	sh_node *block = all[nall++] = node(N_PARAM_BLOCK);
	sh_node *params[] = {mode, count, force, tags};
	block->u.param_block.parameters = (sh_nodelist){params, 4};

	sh_param_table t;
	sh_param_table_for_script(block, &t);
	assert_true(t.advanced);
	assert_int_equal(t.ndeclared, 4);
	assert_int_equal(t.nparams, 4 + 11);
	assert_int_equal(t.params[0].type, SH_P_STRING);
	assert_true(t.params[0].flags & SH_PF_MANDATORY);
	assert_int_equal(t.params[0].position, 0);
	assert_int_equal(t.params[1].type, SH_P_INT);
	assert_int_equal(t.params[1].position, 1);
	assert_string_equal(t.params[1].aliases, "n");
	assert_ptr_equal(t.extra[1].default_value, count->u.parameter.default_value);
	assert_int_equal(t.params[2].type, SH_P_SWITCH);
	assert_int_equal(t.params[2].position, -1);
	assert_int_equal(t.params[3].type, SH_P_STRING);
	assert_true(t.params[3].flags & SH_PF_ARRAY);
	assert_int_equal(t.params[3].position, 2);

	/* f b -n 3 x */
	value_arg(f, sh_string("b"));
	name_arg(f, "n");
	value_arg(f, sh_string("3"));
	value_arg(f, sh_string("x"));
	sh_binding b;
	assert_int_equal(sh_bind_arguments(f->in, &t, f->args, f->nargs, false, true, &b, &f->err),
	                 0);
	assert_string_equal(sh_str(b.values[0]), "b");
	assert_int_equal(sh_int_of(b.values[1]), 3);
	assert_false(b.bound[2]);
	assert_int_equal(sh_array_len(b.values[3]), 1);
	assert_int_equal(sh_array_len(b.remaining), 0);
	sh_binding_free(&b);

	/* A value outside the ValidateSet, and a failed conversion, in the
	   script wording. */
	sh_arg bad[] = {{.value = sh_string("c")}};
	assert_int_equal(sh_bind_arguments(f->in, &t, bad, 1, false, true, &b, &f->err), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot validate argument on parameter 'Mode'. The argument \"c\" does "
	    "not belong to the set \"a,b\" specified by the ValidateSet attribute. "
	    "Supply an argument that is in the set and then try the command again.");
	sh_binding_free(&b);
	sh_bind_error_clear(&f->err);
	sh_unref(bad[0].value);
	sh_arg bad2[] = {{.value = sh_string("a")}, {.value = sh_string("x1")}};
	assert_int_equal(sh_bind_arguments(f->in, &t, bad2, 2, false, true, &b, &f->err), -1);
	assert_string_equal(
	    f->err.message,
	    "Cannot process argument transformation on parameter 'Count'. Cannot "
	    "convert value \"x1\" to type \"System.Int32\". Error: \"Input string was "
	    "not in a correct format.\"");
	assert_string_equal(f->err.error_id, "ParameterArgumentTransformationError");
	sh_binding_free(&b);
	sh_unref(bad2[0].value);
	sh_unref(bad2[1].value);

	sh_param_table_free(&t);
	free_nodes(all, nall);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_named_and_positional, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alias_and_enum, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_exact_beats_prefix, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ambiguous_prefix, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_size_literal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_parameter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_argument, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_conversion_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_array_to_scalar, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_positional_not_found, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_switch_false, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_colon_value, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_already_bound, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sets, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ambiguous_set, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_mandatory, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mandatory_empty_string, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_validate_set, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_enum_type_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pipeline_by_value, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pipeline_not_bound, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_simple_function_args, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_script_param_block, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
