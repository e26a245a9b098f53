/*
 * test_value.c - reference counting, containers and objects (value.c),
 * and the string helpers of util.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../shell/ast.h"
#include "../../shell/util.h"
#include "../../shell/value.h"

static void test_scalars(void **state)
{
	(void)state;
	sh_value *t = sh_bool(true), *f = sh_bool(false);
	assert_ptr_equal(t, sh_bool(true));
	assert_true(sh_bool_of(t));
	assert_false(sh_bool_of(f));
	sh_unref(t);
	sh_unref(t);
	assert_true(sh_bool_of(sh_bool(true)));

	sh_value *i = sh_int(42);
	assert_int_equal(sh_kind_of(i), SH_INT);
	assert_int_equal(sh_int_of(i), 42);
	assert_int_equal(sh_long_of(i), 42);
	assert_true(sh_double_of(i) == 42.0);
	sh_unref(i);

	sh_value *big = sh_int(100000);
	assert_int_equal(sh_int_of(big), 100000);
	sh_ref(big);
	sh_unref(big);
	sh_unref(big);

	sh_value *l = sh_integer(3000000000LL);
	assert_int_equal(sh_kind_of(l), SH_LONG);
	assert_int_equal(sh_long_of(l), 3000000000LL);
	sh_unref(l);
	l = sh_integer(-5);
	assert_int_equal(sh_kind_of(l), SH_INT);
	sh_unref(l);

	sh_value *d = sh_double(1.5);
	assert_true(sh_is_number(d));
	assert_true(sh_double_of(d) == 1.5);
	assert_string_equal(sh_type_name(d), "System.Double");
	sh_unref(d);

	assert_int_equal(sh_kind_of(NULL), SH_NULL);
	assert_string_equal(sh_str(NULL), "");
	assert_false(sh_is_number(NULL));
	sh_unref(NULL);
	assert_null(sh_ref(NULL));
}

static void test_strings(void **state)
{
	(void)state;
	sh_value *s = sh_string("héllo");
	assert_string_equal(sh_str(s), "héllo");
	assert_int_equal(sh_str_len(s), 6);
	assert_string_equal(sh_type_name(s), "System.String");
	sh_unref(s);
	s = sh_string_n("abcdef", 3);
	assert_string_equal(sh_str(s), "abc");
	sh_unref(s);
	s = sh_stringf("%d-%s", 7, "x");
	assert_string_equal(sh_str(s), "7-x");
	assert_int_equal(sh_str_len(s), 3);
	sh_unref(s);
	s = sh_string_take(xstrdup("taken"));
	assert_string_equal(sh_str(s), "taken");
	sh_unref(s);
	s = sh_string(NULL);
	assert_string_equal(sh_str(s), "");
	sh_unref(s);
	s = sh_securestring("secret");
	assert_int_equal(sh_kind_of(s), SH_SECURESTRING);
	assert_string_equal(sh_str(s), "secret");
	assert_string_equal(sh_type_name(s), "System.Security.SecureString");
	sh_unref(s);
}

static void test_arrays(void **state)
{
	(void)state;
	sh_value *a = sh_array_new(0);
	for (int i = 0; i < 20; i++)
		sh_array_append(a, sh_int(i));
	assert_int_equal(sh_array_len(a), 20);
	assert_int_equal(sh_int_of(sh_array_get(a, 7)), 7);
	assert_null(sh_array_get(a, 20));
	sh_array_set(a, 3, sh_string("three"));
	assert_string_equal(sh_str(sh_array_get(a, 3)), "three");
	sh_value *c = sh_array_copy(a);
	sh_array_set(c, 0, sh_string("x"));
	assert_int_equal(sh_int_of(sh_array_get(a, 0)), 0);
	assert_ptr_equal(sh_array_get(a, 3), sh_array_get(c, 3));
	assert_string_equal(sh_type_name(a), "System.Object[]");
	sh_array_append(a, NULL);
	assert_int_equal(sh_array_len(a), 21);
	assert_null(sh_array_get(a, 20));
	sh_unref(c);
	sh_unref(a);
	assert_int_equal(sh_array_len(NULL), 0);
}

static void test_hashtables(void **state)
{
	(void)state;
	sh_value *h = sh_hash_new(false);
	assert_false(sh_hash_is_ordered(h));
	assert_string_equal(sh_type_name(h), "System.Collections.Hashtable");
	sh_hash_set_str(h, "Name", sh_string("web"));
	sh_hash_set_str(h, "Memory", sh_int(4));
	assert_string_equal(sh_str(sh_hash_get_str(h, "name")), "web");
	assert_string_equal(sh_str(sh_hash_get_str(h, "NAME")), "web");
	sh_hash_set_str(h, "NAME", sh_string("db"));
	assert_int_equal(sh_hash_len(h), 2);
	assert_string_equal(sh_str(sh_hash_key_at(h, 0)), "Name");
	assert_string_equal(sh_str(sh_hash_value_at(h, 0)), "db");

	sh_value *one = sh_int(1), *one_l = sh_long(1), *one_d = sh_double(1.0);
	sh_hash_set(h, one, sh_string("int"));
	assert_true(sh_hash_contains(h, one_l));
	assert_true(sh_hash_contains(h, one_d));
	sh_hash_set(h, one_l, sh_string("long"));
	assert_int_equal(sh_hash_len(h), 3);
	assert_string_equal(sh_str(sh_hash_get(h, one)), "long");
	sh_value *s1 = sh_string("1");
	assert_false(sh_hash_contains(h, s1));
	sh_unref(s1);

	for (int i = 100; i < 300; i++) {
		sh_value *k = sh_int(i);
		sh_hash_set(h, k, sh_int(i * 2));
		sh_unref(k);
	}
	assert_int_equal(sh_hash_len(h), 203);
	sh_value *k150 = sh_int(150);
	assert_int_equal(sh_int_of(sh_hash_get(h, k150)), 300);
	assert_true(sh_hash_remove(h, k150));
	assert_false(sh_hash_remove(h, k150));
	assert_null(sh_hash_get(h, k150));
	assert_int_equal(sh_hash_len(h), 202);
	sh_unref(k150);
	sh_value *k151 = sh_int(151);
	assert_int_equal(sh_int_of(sh_hash_get(h, k151)), 302);
	sh_unref(k151);
	/* order survives removal */
	assert_string_equal(sh_str(sh_hash_key_at(h, 1)), "Memory");
	assert_int_equal(sh_long_of(sh_hash_key_at(h, 2)), 1);
	assert_int_equal(sh_int_of(sh_hash_key_at(h, 3)), 100);

	sh_hash_clear(h);
	assert_int_equal(sh_hash_len(h), 0);
	assert_null(sh_hash_get(h, one));
	sh_hash_set(h, one, sh_bool(true));
	assert_true(sh_bool_of(sh_hash_get(h, one_d)));
	sh_unref(one);
	sh_unref(one_l);
	sh_unref(one_d);
	sh_unref(h);

	h = sh_hash_new(true);
	assert_true(sh_hash_is_ordered(h));
	assert_string_equal(sh_type_name(h), "System.Collections.Specialized.OrderedDictionary");
	sh_unref(h);
}

static char *upper_native(sh_value *self)
{
	return xstrdup(sh_object_native(self));
}

static int native_frees;

static void free_native(void *p)
{
	native_frees++;
	free(p);
}

static const sh_class test_class = {"Test.Thing", upper_native, NULL, free_native};

static void test_objects(void **state)
{
	(void)state;
	sh_value *o = sh_object_new(NULL);
	assert_string_equal(sh_type_name(o), "System.Management.Automation.PSCustomObject");
	assert_int_equal(sh_object_typename_count(o), 2);
	assert_string_equal(sh_object_typename(o, 1), "System.Object");
	sh_object_set_note(o, "Name", sh_string("vm1"));
	sh_object_set_note(o, "State", sh_string("Off"));
	sh_object_add_alias_prop(o, "VMName", "Name");
	assert_int_equal(sh_object_prop_count(o), 3);
	assert_string_equal(sh_str(sh_object_note(o, "name")), "vm1");
	assert_string_equal(sh_str(sh_object_note(o, "vmname")), "vm1");
	sh_object_set_note(o, "NAME", sh_string("vm2"));
	assert_int_equal(sh_object_prop_count(o), 3);
	assert_string_equal(sh_object_prop_at(o, 0)->name, "Name");
	assert_string_equal(sh_str(sh_object_note(o, "VMName")), "vm2");
	const sh_prop *p = sh_object_find_prop(o, "state");
	assert_non_null(p);
	assert_int_equal(p->kind, SH_PROP_NOTE);
	sh_value *copy = sh_object_copy(o);
	assert_true(sh_object_remove_prop(o, "State"));
	assert_false(sh_object_remove_prop(o, "State"));
	assert_int_equal(sh_object_prop_count(o), 2);
	assert_int_equal(sh_object_prop_count(copy), 3);
	assert_string_equal(sh_str(sh_object_note(copy, "State")), "Off");
	sh_unref(copy);
	sh_unref(o);

	o = sh_object_new("Test.Thing");
	sh_object_add_typename(o, "System.Object");
	sh_object_set_native(o, &test_class, xstrdup("native"));
	assert_ptr_equal(sh_object_class(o), &test_class);
	assert_string_equal(sh_object_native(o), "native");
	assert_string_equal(sh_type_name(o), "Test.Thing");
	native_frees = 0;
	sh_unref(o);
	assert_int_equal(native_frees, 1);
}

static void test_other_kinds(void **state)
{
	(void)state;
	sh_value *d = sh_datetime(1234, SH_DT_UTC);
	assert_int_equal(sh_ticks_of(d), 1234);
	assert_int_equal(sh_datetime_kind_of(d), SH_DT_UTC);
	assert_string_equal(sh_type_name(d), "System.DateTime");
	sh_unref(d);
	sh_value *t = sh_timespan(-5);
	assert_int_equal(sh_ticks_of(t), -5);
	assert_string_equal(sh_type_name(t), "System.TimeSpan");
	sh_unref(t);
	sh_value *ty = sh_type_value((sh_type){SH_T_NAMED, false, "My.Type"});
	assert_string_equal(sh_type_of_typevalue(ty).name, "My.Type");
	assert_int_equal(sh_type_of_typevalue(ty).id, SH_T_NAMED);
	assert_string_equal(sh_type_name(ty), "System.RuntimeType");
	sh_unref(ty);
	assert_null(sh_scriptblock_of(NULL));
	sh_value *sb = sh_scriptblock_new(NULL, NULL);
	assert_non_null(sh_scriptblock_of(sb));
	assert_string_equal(sh_type_name(sb), "System.Management.Automation.ScriptBlock");
	sh_unref(sb);
}

static void test_buffers(void **state)
{
	(void)state;
	sh_buf b = {0};
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "ab");
	buf_putc(&b, 'c');
	buf_printf(&b, "%03d", 7);
	buf_putn(&b, "xyz", 2);
	buf_put_utf8(&b, 0xE9);
	buf_put_utf8(&b, 0x20AC);
	buf_put_utf8(&b, 0x1F600);
	assert_string_equal(buf_str(&b), "abc007xy\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_putc(&b, 'x');
	assert_int_equal(b.len, 1000);
	char *s = buf_detach(&b);
	assert_int_equal(strlen(s), 1000);
	free(s);
	assert_null(b.data);
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	s = xasprintf("%s=%d", "k", 5);
	assert_string_equal(s, "k=5");
	free(s);
	s = xstrndup("hello", 2);
	assert_string_equal(s, "he");
	free(s);
	buf_free(&b);
}

static void test_string_helpers(void **state)
{
	(void)state;
	assert_true(str_ieq("Get-VM", "get-vm"));
	assert_false(str_ieq("a", "ab"));
	assert_true(str_icmp("apple", "Banana") < 0);
	assert_true(str_icmp("B", "a") > 0);
	assert_true(str_iprefix("Get-VM", "get"));
	assert_false(str_iprefix("Ge", "get"));
	assert_true(str_isuffix("file.PS1", ".ps1"));
	assert_false(str_isuffix("ps1", ".ps1"));
	assert_int_equal(utf8_length("h\xc3\xa9llo"), 5);
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	assert_int_equal(utf8_width(""), 0);
}

static void test_wildcards(void **state)
{
	(void)state;
	assert_true(sh_wildcard_match("*", "", true));
	assert_true(sh_wildcard_match("web*", "Web01", true));
	assert_false(sh_wildcard_match("web*", "Web01", false));
	assert_true(sh_wildcard_match("*01", "web01", true));
	assert_true(sh_wildcard_match("w?b*", "wab", true));
	assert_false(sh_wildcard_match("w?b", "wb", true));
	assert_true(sh_wildcard_match("[a-c]at", "bat", true));
	assert_false(sh_wildcard_match("[a-c]at", "rat", true));
	assert_true(sh_wildcard_match("[abc]*", "Cat", true));
	assert_true(sh_wildcard_match("a`*b", "a*b", true));
	assert_false(sh_wildcard_match("a`*b", "axb", true));
	assert_true(sh_wildcard_match("*a*b*c*", "xxaxxbxxcxx", true));
	assert_false(sh_wildcard_match("*a*b*c", "xxaxxbxxcxx", true));
	assert_true(sh_wildcard_match("abc", "ABC", true));
	assert_false(sh_wildcard_match("abc", "abcd", true));
	assert_true(sh_wildcard_match("h\xc3\xa9?lo", "h\xc3\xa9llo", true));
	assert_true(sh_has_wildcard("web*"));
	assert_true(sh_has_wildcard("a[b]"));
	assert_false(sh_has_wildcard("a`*"));
	assert_false(sh_has_wildcard("plain"));
}

/* Cycles nobody holds are freed; cycles still held are left alone. */
static void test_cycles(void **state)
{
	(void)state;
	sh_collect_cycles();
	sh_value *held = sh_object_new(NULL);
	sh_object_set_note(held, "Self", sh_ref(held));
	sh_value *loose = sh_object_new(NULL);
	sh_value *arr = sh_array_new(1);
	sh_array_append(arr, sh_ref(loose));
	sh_object_set_note(loose, "List", arr);
	sh_unref(loose);
	assert_int_equal(sh_collect_cycles(), 2);
	assert_ptr_equal(sh_object_note(held, "Self"), held);
	assert_int_equal(sh_collect_cycles(), 0);
	sh_object_remove_prop(held, "Self");
	sh_unref(held);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalars),   cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_arrays),    cmocka_unit_test(test_hashtables),
	    cmocka_unit_test(test_objects),   cmocka_unit_test(test_other_kinds),
	    cmocka_unit_test(test_buffers),   cmocka_unit_test(test_string_helpers),
	    cmocka_unit_test(test_wildcards), cmocka_unit_test(test_cycles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
