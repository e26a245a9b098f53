/*
 * value.h - the values scripts compute with.
 *
 * A value is a reference-counted `sh_value *`. NULL *is* $null: every
 * function here accepts NULL and treats it as $null, so callers never
 * special-case it. Scalars (bool, numbers, strings, dates, time spans,
 * types) are immutable; arrays, hashtables and objects are mutable and
 * shared by reference, as in PowerShell (`$b = $a; $b[0] = 1` changes $a).
 *
 * Ownership rule, used by every module:
 *   - constructors and getters named *_new, sh_int(), sh_string() ...,
 *     and anything returning `sh_value *` that is not marked "borrowed",
 *     return a new reference the caller must sh_unref();
 *   - functions that *store* a value (sh_array_append, sh_hash_set,
 *     sh_object_set_note, sh_emit ...) take over the reference passed in:
 *     call sh_ref() first if you keep using it;
 *   - accessors marked "borrowed" return a pointer that lives as long as
 *     the container holds it.
 */
#ifndef SH_VALUE_H
#define SH_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sh_interp;
struct sh_scriptblock;

typedef enum sh_kind {
	SH_NULL = 0,
	SH_BOOL,
	SH_INT,       /* System.Int32 */
	SH_LONG,      /* System.Int64 */
	SH_DOUBLE,    /* System.Double */
	SH_STRING,    /* System.String (UTF-8 here) */
	SH_ARRAY,     /* System.Object[] */
	SH_HASHTABLE, /* System.Collections.Hashtable / OrderedDictionary */
	SH_OBJECT,    /* PSCustomObject and every typed object (VMs, errors ...) */
	SH_SCRIPTBLOCK,
	SH_DATETIME, /* System.DateTime */
	SH_TIMESPAN, /* System.TimeSpan */
	SH_TYPE,     /* a type literal such as [int] used as a value */
	SH_SECURESTRING,
} sh_kind;

/* Types that casts, -is/-as, typed parameters and [type]::Member know. */
typedef enum sh_typeid {
	SH_T_OBJECT = 0, /* [object], [psobject]: anything */
	SH_T_BOOL,
	SH_T_INT,    /* [int] [int32] */
	SH_T_LONG,   /* [long] [int64] */
	SH_T_DOUBLE, /* [double] [float] [single] [decimal] (decimal as double) */
	SH_T_BYTE,   /* [byte]: an int 0..255 */
	SH_T_CHAR,   /* [char]: a one-character string */
	SH_T_STRING,
	SH_T_ARRAY, /* [array] [object[]] */
	SH_T_HASHTABLE,
	SH_T_ORDERED, /* [ordered] (only before a hashtable literal) */
	SH_T_PSCUSTOMOBJECT,
	SH_T_SCRIPTBLOCK,
	SH_T_DATETIME,
	SH_T_TIMESPAN,
	SH_T_SWITCH, /* [switch] parameters */
	SH_T_VOID,   /* [void] discards */
	SH_T_GUID,
	SH_T_REGEX,
	SH_T_SECURESTRING,
	SH_T_MATH,        /* static members only: [math] */
	SH_T_IOPATH,      /* [System.IO.Path] */
	SH_T_ENVIRONMENT, /* [Environment] */
	SH_T_CONVERT,     /* [Convert] */
	SH_T_CREDENTIAL,  /* [pscredential] */
	SH_T_NAMED,       /* any other type name: kept for -is on object type names */
} sh_typeid;

typedef struct sh_type {
	sh_typeid id;
	bool is_array;    /* [int[]], [string[]] ... */
	const char *name; /* full .NET name, e.g. "System.Int32"; owned by the type table
	                     or (SH_T_NAMED) by the value holding it */
} sh_type;

typedef enum sh_datetime_kind { SH_DT_LOCAL = 0, SH_DT_UTC, SH_DT_UNSPECIFIED } sh_datetime_kind;

/* .NET ticks: 100 ns units. DateTime counts from 0001-01-01 00:00:00. */
#define SH_TICKS_PER_SECOND 10000000LL
#define SH_TICKS_PER_DAY    (86400LL * SH_TICKS_PER_SECOND)

typedef struct sh_value sh_value;

/* An object's native class: lets C code attach behaviour to typed objects
 * (engine objects later). All members optional. */
typedef struct sh_class {
	const char *name;
	/* A malloc'd string for string conversion, or NULL for the default. */
	char *(*to_string)(sh_value *self);
	/* Instance method; return 0 and set *result, or -1 and set *error
	   (malloc'd message); return 1 when the method does not exist. */
	int (*call_method)(struct sh_interp *in, sh_value *self, const char *name, sh_value **args,
	                   size_t nargs, sh_value **result, char **error);
	void (*free_native)(void *native);
} sh_class;

typedef enum sh_prop_kind {
	SH_PROP_NOTE,   /* a stored value */
	SH_PROP_SCRIPT, /* a script block evaluated with $this = the object */
	SH_PROP_ALIAS,  /* another property's name */
} sh_prop_kind;

typedef struct sh_prop {
	char *name;
	sh_prop_kind kind;
	sh_value *value;    /* NOTE: the value; SCRIPT: the script block */
	char *alias_target; /* ALIAS */
} sh_prop;

/* ---- reference counting ---- */
sh_value *sh_ref(sh_value *v); /* returns v */
void sh_unref(sh_value *v);
sh_kind sh_kind_of(const sh_value *v);

/* ---- scalars ---- */
sh_value *sh_bool(bool b); /* shared immortal values */
sh_value *sh_int(int32_t i);
sh_value *sh_long(int64_t i);
sh_value *sh_double(double d);
/* Smallest of Int32 / Int64 that holds i, as PowerShell types integer results. */
sh_value *sh_integer(int64_t i);
sh_value *sh_string(const char *s);
sh_value *sh_string_n(const char *s, size_t n);
sh_value *sh_string_take(char *s); /* takes a malloc'd string */
sh_value *sh_stringf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
sh_value *sh_datetime(int64_t ticks, sh_datetime_kind kind);
sh_value *sh_timespan(int64_t ticks);
sh_value *sh_type_value(sh_type t);
sh_value *sh_securestring(const char *plain); /* the text is wiped on free */
/* A [char]: a one-character SH_STRING that remembers it is a System.Char,
 * so [int][char]'A' is 65 and its type name is System.Char. */
sh_value *sh_char(uint32_t code_point);
bool sh_is_char(const sh_value *v);
uint32_t sh_char_of(const sh_value *v); /* the code point of a one-character string */

bool sh_bool_of(const sh_value *v);     /* SH_BOOL only */
int32_t sh_int_of(const sh_value *v);   /* SH_INT only */
int64_t sh_long_of(const sh_value *v);  /* SH_INT or SH_LONG */
double sh_double_of(const sh_value *v); /* any number kind */
const char *
sh_str(const sh_value *v); /* SH_STRING (and SECURESTRING) text, borrowed; "" otherwise */
size_t sh_str_len(const sh_value *v);   /* bytes */
int64_t sh_ticks_of(const sh_value *v); /* DATETIME / TIMESPAN */
sh_datetime_kind sh_datetime_kind_of(const sh_value *v);
sh_type sh_type_of_typevalue(const sh_value *v);
bool sh_is_number(const sh_value *v); /* INT, LONG, DOUBLE */

/* ---- arrays (System.Object[]) ---- */
sh_value *sh_array_new(size_t capacity);
size_t sh_array_len(const sh_value *a);
sh_value *sh_array_get(const sh_value *a, size_t i);      /* borrowed */
void sh_array_append(sh_value *a, sh_value *item);        /* takes item */
void sh_array_set(sh_value *a, size_t i, sh_value *item); /* takes item; i < len */
sh_value **sh_array_items(const sh_value *a);             /* borrowed vector of len items */
/* A new array: a shallow copy (the items are shared). */
sh_value *sh_array_copy(const sh_value *a);

/* ---- hashtables: keys compare case-insensitively when strings; entries
 * keep insertion order (an [ordered] one says so when displayed) ---- */
sh_value *sh_hash_new(bool ordered);
bool sh_hash_is_ordered(const sh_value *h);
size_t sh_hash_len(const sh_value *h);
sh_value *sh_hash_get(const sh_value *h, const sh_value *key); /* borrowed; NULL if absent */
sh_value *sh_hash_get_str(const sh_value *h, const char *key); /* borrowed */
bool sh_hash_contains(const sh_value *h, const sh_value *key);
void sh_hash_set(sh_value *h, sh_value *key, sh_value *value);       /* key borrowed, value taken */
void sh_hash_set_str(sh_value *h, const char *key, sh_value *value); /* value taken */
bool sh_hash_remove(sh_value *h, const sh_value *key);
void sh_hash_clear(sh_value *h);
sh_value *sh_hash_key_at(const sh_value *h, size_t i);   /* borrowed, insertion order */
sh_value *sh_hash_value_at(const sh_value *h, size_t i); /* borrowed */

/* ---- objects ---- */
/* A new object whose first type name is `type_name` (NULL:
 * System.Management.Automation.PSCustomObject). */
sh_value *sh_object_new(const char *type_name);
void sh_object_add_typename(sh_value *o, const char *type_name); /* appended: base types after */
size_t sh_object_typename_count(const sh_value *o);
const char *sh_object_typename(const sh_value *o, size_t i);
/* Adds or replaces a note property; takes value. */
void sh_object_set_note(sh_value *o, const char *name, sh_value *value);
void sh_object_add_script_prop(sh_value *o, const char *name, sh_value *scriptblock);
void sh_object_add_alias_prop(sh_value *o, const char *name, const char *target);
size_t sh_object_prop_count(const sh_value *o);
const sh_prop *sh_object_prop_at(const sh_value *o, size_t i);
const sh_prop *sh_object_find_prop(const sh_value *o, const char *name); /* case-insensitive */
/* The stored value of a note property (aliases followed), borrowed; NULL
 * if absent or a script property (those need sh_get_member in interp.h). */
sh_value *sh_object_note(const sh_value *o, const char *name);
bool sh_object_remove_prop(sh_value *o, const char *name);
void sh_object_set_native(sh_value *o, const sh_class *cls, void *native);
const sh_class *sh_object_class(const sh_value *o);
void *sh_object_native(const sh_value *o);
/* A new object with the same type names and properties (values shared). */
sh_value *sh_object_copy(const sh_value *o);

/* ---- script blocks (the AST side lives in interp.h) ---- */
struct sh_scriptblock *sh_scriptblock_of(const sh_value *v);

/* Frees the arrays, hashtables and objects that only reference cycles keep
 * alive ($o.Self = $o). Values held from C are never touched. Returns how
 * many containers it freed. */
size_t sh_collect_cycles(void);

/* The first type name of a value as PowerShell reports it (GetType().FullName
 * for .NET values, the first of an object's type names): "System.Int32". */
const char *sh_type_name(const sh_value *v);

#endif
