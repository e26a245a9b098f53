/*
 * errors.c - error records: what they hold and how NormalView shows them.
 *
 * A record is an ordinary object value (first type name
 * System.Management.Automation.ErrorRecord) whose parts are note
 * properties holding more objects: Exception, CategoryInfo and
 * InvocationInfo. Keeping everything as plain notes means scripts reach
 * $_.Exception.Message or $Error[0].CategoryInfo.Reason through the
 * generic member access, remoting can serialize a record like any other
 * object, and the formatter below reads back only what a script could
 * read. Native classes add just the string forms PowerShell gives these
 * .NET objects ("$err" is the message, "$($err.CategoryInfo)" the
 * category line, "$($err.Exception)" "Type: message").
 *
 * The exception's type names carry its .NET base classes, most derived
 * first, so `catch [System.Management.Automation.SessionStateException]`
 * and `catch [Exception]` match a record for ItemNotFoundException.
 *
 * Display follows Windows PowerShell 5.1's NormalView: "CMD : message",
 * the position message (at most 69 columns of the line, with "... " where
 * it is cut, as PositionUtilities does), the CategoryInfo and
 * FullyQualifiedErrorId lines, and the line holding one space that 5.1
 * writes after every record. Parse errors keep the position inside the
 * exception message, as ParseException does, and show no second one.
 */
#include "errors.h"

#include <stdlib.h>
#include <string.h>

#include "convert.h"

#define RECORD_TYPE       "System.Management.Automation.ErrorRecord"
#define RUNTIME_EXCEPTION "System.Management.Automation.RuntimeException"
#define MAX_POSITION_LINE 69

static const char *const category_names[] = {
    "NotSpecified",        "OpenError",           "CloseError",       "DeviceError",
    "DeadlockDetected",    "InvalidArgument",     "InvalidData",      "InvalidOperation",
    "InvalidResult",       "InvalidType",         "MetadataError",    "NotImplemented",
    "NotInstalled",        "ObjectNotFound",      "OperationStopped", "OperationTimeout",
    "SyntaxError",         "ParserError",         "PermissionDenied", "ResourceBusy",
    "ResourceExists",      "ResourceUnavailable", "ReadError",        "WriteError",
    "FromStdErr",          "SecurityError",       "ProtocolError",    "ConnectionError",
    "AuthenticationError", "LimitsExceeded",      "QuotaExceeded",    "NotEnabled",
};

const char *sh_error_category_name(sh_error_category c)
{
	if ((size_t)c >= sizeof category_names / sizeof category_names[0])
		return category_names[0];
	return category_names[c];
}

/* Known exception types and their direct base; the chain ends at
 * System.Exception. Unknown names derive from System.Exception. */
static const struct exception_type {
	const char *name;
	const char *base;
} exception_types[] = {
    {"System.Exception", NULL},
    {"System.SystemException", "System.Exception"},
    {"System.ApplicationException", "System.Exception"},
    {RUNTIME_EXCEPTION, "System.SystemException"},
    {"System.Management.Automation.SessionStateException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.ItemNotFoundException",
     "System.Management.Automation.SessionStateException"},
    {"System.Management.Automation.DriveNotFoundException",
     "System.Management.Automation.SessionStateException"},
    {"System.Management.Automation.ProviderNotFoundException",
     "System.Management.Automation.SessionStateException"},
    {"System.Management.Automation.SessionStateUnauthorizedAccessException",
     "System.Management.Automation.SessionStateException"},
    {"System.Management.Automation.ParameterBindingException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.CommandNotFoundException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.ParseException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.IncompleteParseException",
     "System.Management.Automation.ParseException"},
    {"System.Management.Automation.ParentContainsErrorRecordException", "System.SystemException"},
    {"System.Management.Automation.MethodException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.MethodInvocationException",
     "System.Management.Automation.MethodException"},
    {"System.Management.Automation.PropertyNotFoundException",
     "System.Management.Automation.ExtendedTypeSystemException"},
    {"System.Management.Automation.ExtendedTypeSystemException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.SetValueInvocationException",
     "System.Management.Automation.SetValueException"},
    {"System.Management.Automation.SetValueException",
     "System.Management.Automation.ExtendedTypeSystemException"},
    {"System.Management.Automation.GetValueInvocationException",
     "System.Management.Automation.GetValueException"},
    {"System.Management.Automation.GetValueException",
     "System.Management.Automation.ExtendedTypeSystemException"},
    {"System.Management.Automation.ActionPreferenceStopException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.PipelineStoppedException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.MetadataException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.ValidationMetadataException",
     "System.Management.Automation.MetadataException"},
    {"System.Management.Automation.ArgumentTransformationMetadataException",
     "System.Management.Automation.MetadataException"},
    {"System.Management.Automation.PSInvalidCastException", "System.InvalidCastException"},
    {"System.Management.Automation.PSArgumentException", "System.ArgumentException"},
    {"System.Management.Automation.PSArgumentNullException", "System.ArgumentNullException"},
    {"System.Management.Automation.PSArgumentOutOfRangeException",
     "System.ArgumentOutOfRangeException"},
    {"System.Management.Automation.PSInvalidOperationException",
     "System.InvalidOperationException"},
    {"System.Management.Automation.PSNotSupportedException", "System.NotSupportedException"},
    {"System.Management.Automation.PSNotImplementedException", "System.NotImplementedException"},
    {"System.Management.Automation.PSSecurityException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.RemoteException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.Remoting.PSRemotingTransportException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.ScriptCallDepthException", "System.SystemException"},
    {"System.Management.Automation.ApplicationFailedException", RUNTIME_EXCEPTION},
    {"System.Management.Automation.WildcardPatternException", RUNTIME_EXCEPTION},
    {"Microsoft.PowerShell.Commands.WriteErrorException", "System.SystemException"},
    {"System.ArgumentException", "System.SystemException"},
    {"System.ArgumentNullException", "System.ArgumentException"},
    {"System.ArgumentOutOfRangeException", "System.ArgumentException"},
    {"System.InvalidOperationException", "System.SystemException"},
    {"System.InvalidCastException", "System.SystemException"},
    {"System.FormatException", "System.SystemException"},
    {"System.NotSupportedException", "System.SystemException"},
    {"System.NotImplementedException", "System.SystemException"},
    {"System.ArithmeticException", "System.SystemException"},
    {"System.DivideByZeroException", "System.ArithmeticException"},
    {"System.OverflowException", "System.ArithmeticException"},
    {"System.IndexOutOfRangeException", "System.SystemException"},
    {"System.NullReferenceException", "System.SystemException"},
    {"System.UnauthorizedAccessException", "System.SystemException"},
    {"System.TimeoutException", "System.SystemException"},
    {"System.OperationCanceledException", "System.SystemException"},
    {"System.Collections.Generic.KeyNotFoundException", "System.SystemException"},
    {"System.IO.IOException", "System.SystemException"},
    {"System.IO.FileNotFoundException", "System.IO.IOException"},
    {"System.IO.DirectoryNotFoundException", "System.IO.IOException"},
    {"System.IO.PathTooLongException", "System.IO.IOException"},
    {"System.IO.EndOfStreamException", "System.IO.IOException"},
    {"System.Net.Sockets.SocketException", "System.ComponentModel.Win32Exception"},
    {"System.ComponentModel.Win32Exception", "System.Runtime.InteropServices.ExternalException"},
    {"System.Runtime.InteropServices.ExternalException", "System.SystemException"},
    {"Microsoft.HyperV.PowerShell.VirtualizationException", "System.Exception"},
    {"Microsoft.HyperV.PowerShell.VirtualizationOperationFailedException",
     "Microsoft.HyperV.PowerShell.VirtualizationException"},
};
#define NEXCEPTION_TYPES (sizeof exception_types / sizeof exception_types[0])

static const char *last_component(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot ? dot + 1 : name;
}

/* The table entry for a full or short exception type name. */
static const struct exception_type *find_exception_type(const char *name)
{
	for (size_t i = 0; i < NEXCEPTION_TYPES; i++)
		if (str_ieq(exception_types[i].name, name))
			return &exception_types[i];
	if (!strchr(name, '.'))
		for (size_t i = 0; i < NEXCEPTION_TYPES; i++)
			if (str_ieq(last_component(exception_types[i].name), name))
				return &exception_types[i];
	return NULL;
}

/* ---- string forms given to the native classes ---- */

static const char *note_str(const sh_value *o, const char *name)
{
	sh_value *v = sh_object_note(o, name);
	return sh_kind_of(v) == SH_STRING ? sh_str(v) : "";
}

/* ErrorCategoryInfo.GetMessage shortens long names to 15 + "..." + 15. */
static void put_ellipsized(sh_buf *b, const char *s)
{
	size_t n = utf8_length(s);
	if (n <= 40) {
		buf_puts(b, s);
		return;
	}
	/* bounded by both ends: the text need not be valid UTF-8 */
	const char *end = s + strlen(s);
	const char *p = s;
	for (size_t i = 0; i < 15 && p < end; i++)
		do
			p++;
		while (p < end && (*p & 0xC0) == 0x80);
	buf_putn(b, s, (size_t)(p - s));
	buf_puts(b, "...");
	const char *q = end;
	for (size_t i = 0; i < 15 && q > p; i++)
		do
			q--;
		while (q > p && (*q & 0xC0) == 0x80);
	buf_puts(b, q);
}

static char *category_info_string(sh_value *ci)
{
	sh_buf b = {0};
	buf_puts(&b, note_str(ci, "Category"));
	buf_puts(&b, ": (");
	put_ellipsized(&b, note_str(ci, "TargetName"));
	buf_putc(&b, ':');
	put_ellipsized(&b, note_str(ci, "TargetType"));
	buf_printf(&b, ") [%s], %s", note_str(ci, "Activity"), note_str(ci, "Reason"));
	return buf_detach(&b);
}

static char *exception_string(sh_value *ex)
{
	const char *type = sh_object_typename_count(ex) ? sh_object_typename(ex, 0) : "";
	const char *msg = note_str(ex, "Message");
	return *msg ? xasprintf("%s: %s", type, msg) : xstrdup(type);
}

static char *record_string(sh_value *rec)
{
	return xstrdup(sh_error_message(rec));
}

static const sh_class record_class = {.name = "ErrorRecord", .to_string = record_string};
static const sh_class category_info_class = {.name = "ErrorCategoryInfo",
                                             .to_string = category_info_string};
static const sh_class exception_class = {.name = "Exception", .to_string = exception_string};

/* ---- positions ---- */

/* Code points in s[0..n). */
static size_t cp_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* The line's text with tabs expanded (4 spaces, as PowerShell does), and
 * the error's start column and length in that text, in code points. */
typedef struct line_view {
	sh_buf text;
	size_t err_col; /* 0-based */
	size_t err_len;
	size_t line_no;
	size_t char_no; /* 1-based column for "char:N" */
} line_view;

static void expand_segment(sh_buf *out, const char *s, size_t n, size_t *cps)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t') {
			buf_puts(out, "    ");
			*cps += 4;
		} else {
			buf_putc(out, s[i]);
			if ((s[i] & 0xC0) != 0x80)
				(*cps)++;
		}
	}
}

static void make_line_view(const char *src, size_t src_len, size_t start, size_t end, line_view *lv)
{
	if (start > src_len)
		start = src_len;
	if (end < start)
		end = start;
	size_t ls = start;
	while (ls > 0 && src[ls - 1] != '\n')
		ls--;
	size_t le = start;
	while (le < src_len && src[le] != '\n')
		le++;
	size_t trimmed = le;
	while (trimmed > ls &&
	       (src[trimmed - 1] == ' ' || src[trimmed - 1] == '\t' || src[trimmed - 1] == '\r'))
		trimmed--;
	lv->line_no = 1;
	for (size_t i = 0; i < ls; i++)
		if (src[i] == '\n')
			lv->line_no++;
	lv->char_no = cp_count(src + ls, start - ls) + 1;
	memset(&lv->text, 0, sizeof lv->text);
	size_t cps = 0;
	size_t a = start < trimmed ? start : trimmed;
	expand_segment(&lv->text, src + ls, a - ls, &cps);
	lv->err_col = start - ls > a - ls ? cps + cp_count(src + a, start - a) : cps;
	size_t e = end <= trimmed ? end : trimmed;
	size_t before = cps;
	if (e > a)
		expand_segment(&lv->text, src + a, e - a, &cps);
	lv->err_len = cps - before;
	if (trimmed > e)
		expand_segment(&lv->text, src + e, trimmed - e, &cps);
}

/* Byte offset of the code point index `cp` in s. */
static const char *cp_ptr(const char *s, size_t cp)
{
	while (*s && cp > 0) {
		s++;
		while ((*s & 0xC0) == 0x80)
			s++;
		cp--;
	}
	return s;
}

/* "At line:1 char:1\n+ text\n+ ~~~~" (no trailing newline). */
static char *position_message(const char *src, size_t src_len, const char *file, size_t start,
                              size_t end)
{
	line_view lv;
	make_line_view(src, src_len, start, end, &lv);
	sh_buf b = {0};
	buf_printf(&b, "At %s:%zu char:%zu", file ? file : "line", lv.line_no, lv.char_no);
	const char *line = buf_str(&lv.text);
	size_t len = utf8_length(line);
	if (len == 0) {
		buf_free(&lv.text);
		return buf_detach(&b);
	}
	size_t col = lv.err_col, elen = lv.err_len;
	if (col > len)
		col = len;
	bool pre_dots = false, post_dots = false;
	size_t from = 0, shown = len;
	if (len > MAX_POSITION_LINE) {
		size_t total_prefix = col, prefix = col < 12 ? col : 12;
		size_t total_suffix = len - elen - col > len ? 0 : len - elen - col;
		size_t suffix = total_suffix < 8 ? total_suffix : 8;
		size_t candidate = prefix + elen + suffix;
		if (candidate >= MAX_POSITION_LINE) {
			if (prefix + elen >= MAX_POSITION_LINE)
				elen = MAX_POSITION_LINE - prefix;
			post_dots = true;
		} else {
			size_t avail = total_prefix - prefix;
			if (avail > 0) {
				size_t room = MAX_POSITION_LINE - candidate;
				prefix += avail < room ? avail : room;
				candidate = prefix + elen + suffix;
			}
			if (candidate < MAX_POSITION_LINE && total_suffix > 0) {
				size_t room = MAX_POSITION_LINE - candidate;
				suffix += total_suffix < room ? total_suffix : room;
			}
			post_dots = suffix < total_suffix;
		}
		pre_dots = prefix < total_prefix;
		from = col > prefix ? col - prefix : 0;
		if (from + MAX_POSITION_LINE > len)
			from = len - MAX_POSITION_LINE;
		shown = MAX_POSITION_LINE;
		col = col < prefix ? col : prefix;
		if (elen > MAX_POSITION_LINE - col)
			elen = MAX_POSITION_LINE - col;
	}
	buf_puts(&b, "\n+ ");
	if (pre_dots)
		buf_puts(&b, "... ");
	const char *p = cp_ptr(line, from), *q = cp_ptr(p, shown);
	buf_putn(&b, p, (size_t)(q - p));
	if (post_dots)
		buf_puts(&b, " ...");
	buf_puts(&b, "\n+ ");
	for (size_t i = 0; i < col + (pre_dots ? 4 : 0); i++)
		buf_putc(&b, ' ');
	for (size_t i = 0; i < (elen ? elen : 1); i++)
		buf_putc(&b, '~');
	buf_free(&lv.text);
	return buf_detach(&b);
}

/* ---- building records ---- */

static sh_value *exception_new(const char *type, const char *message)
{
	const struct exception_type *et = find_exception_type(type);
	sh_value *ex = sh_object_new(et ? et->name : type);
	if (et) {
		for (const char *base = et->base; base;) {
			sh_object_add_typename(ex, base);
			const struct exception_type *b = find_exception_type(base);
			base = b ? b->base
			         : (str_ieq(base, "System.Exception") ? NULL : "System.Exception");
		}
	} else if (!str_ieq(type, "System.Exception")) {
		sh_object_add_typename(ex, "System.Exception");
	}
	sh_object_add_typename(ex, "System.Object");
	sh_object_set_note(ex, "Message", sh_string(message ? message : ""));
	sh_object_set_note(ex, "InnerException", NULL);
	sh_object_set_native(ex, &exception_class, NULL);
	return ex;
}

static sh_value *category_info_new(sh_error_category cat, const char *activity, const char *reason,
                                   const sh_value *target)
{
	sh_value *ci = sh_object_new("System.Management.Automation.ErrorCategoryInfo");
	sh_object_add_typename(ci, "System.Object");
	sh_object_set_note(ci, "Category", sh_string(sh_error_category_name(cat)));
	sh_object_set_note(ci, "Activity", sh_string(activity ? activity : ""));
	sh_object_set_note(ci, "Reason", sh_string(reason));
	if (target) {
		sh_object_set_note(ci, "TargetName", sh_string_take(sh_to_string(target)));
		sh_object_set_note(ci, "TargetType",
		                   sh_string(last_component(sh_type_name(target))));
	} else {
		sh_object_set_note(ci, "TargetName", sh_string(""));
		sh_object_set_note(ci, "TargetType", sh_string(""));
	}
	sh_object_set_native(ci, &category_info_class, NULL);
	return ci;
}

static sh_value *invocation_info_new(const sh_error_site *site, char **position_out)
{
	sh_value *ii = sh_object_new("System.Management.Automation.InvocationInfo");
	sh_object_add_typename(ii, "System.Object");
	const sh_ast_unit *u = site ? site->unit : NULL;
	const sh_node *n = site ? site->node : NULL;
	const char *file = u && u->file ? u->file : NULL;
	char *pos = NULL;
	sh_object_set_note(ii, "MyCommand",
	                   site && site->command ? sh_string(site->command) : NULL);
	if (u && n && u->source) {
		line_view lv;
		make_line_view(u->source, u->source_len, n->start, n->end, &lv);
		buf_free(&lv.text);
		size_t ls = n->start <= u->source_len ? n->start : u->source_len;
		while (ls > 0 && u->source[ls - 1] != '\n')
			ls--;
		size_t le = ls;
		while (le < u->source_len && u->source[le] != '\n')
			le++;
		pos = position_message(u->source, u->source_len, file, n->start, n->end);
		sh_object_set_note(ii, "ScriptLineNumber", sh_int((int32_t)lv.line_no));
		sh_object_set_note(ii, "OffsetInLine", sh_int((int32_t)lv.char_no));
		sh_object_set_note(ii, "Line", sh_string_n(u->source + ls, le - ls));
	} else {
		sh_object_set_note(ii, "ScriptLineNumber", sh_int(0));
		sh_object_set_note(ii, "OffsetInLine", sh_int(0));
		sh_object_set_note(ii, "Line", sh_string(""));
	}
	sh_object_set_note(ii, "ScriptName", sh_string(file ? file : ""));
	sh_object_set_note(ii, "PositionMessage", sh_string(pos ? pos : ""));
	sh_object_set_note(ii, "InvocationName",
	                   sh_string(site && site->command ? site->command : ""));
	if (file) {
		const char *slash = strrchr(file, '/');
		sh_object_set_note(ii, "PSScriptRoot",
		                   slash ? sh_string_n(file, (size_t)(slash - file))
		                         : sh_string(""));
		sh_object_set_note(ii, "PSCommandPath", sh_string(file));
	} else {
		sh_object_set_note(ii, "PSScriptRoot", sh_string(""));
		sh_object_set_note(ii, "PSCommandPath", NULL);
	}
	*position_out = pos;
	return ii;
}

static sh_value *script_stack_trace(const sh_error_site *site)
{
	const sh_ast_unit *u = site ? site->unit : NULL;
	const sh_node *n = site ? site->node : NULL;
	const char *file = u && u->file ? u->file : "<No file>";
	if (!n)
		return sh_stringf("at <ScriptBlock>, %s", file);
	size_t line = 1;
	if (u && u->source)
		for (size_t i = 0; i < n->start && i < u->source_len; i++)
			if (u->source[i] == '\n')
				line++;
	return sh_stringf("at <ScriptBlock>, %s: line %zu", file, line);
}

static sh_value *record_assemble(sh_value *exception, sh_value *target, sh_value *category_info,
                                 const char *fqid, sh_value *invocation_info, sh_value *stack)
{
	sh_value *rec = sh_object_new(RECORD_TYPE);
	sh_object_add_typename(rec, "System.Object");
	sh_object_set_note(rec, "Exception", exception);
	sh_object_set_note(rec, "TargetObject", target);
	sh_object_set_note(rec, "CategoryInfo", category_info);
	sh_object_set_note(rec, "FullyQualifiedErrorId", sh_string(fqid));
	sh_object_set_note(rec, "ErrorDetails", NULL);
	sh_object_set_note(rec, "InvocationInfo", invocation_info);
	sh_object_set_note(rec, "ScriptStackTrace", stack);
	sh_object_set_native(rec, &record_class, NULL);
	return rec;
}

sh_value *sh_error_record_new(const sh_error_info *info, const sh_error_site *site)
{
	const char *type = info->exception_type ? info->exception_type : RUNTIME_EXCEPTION;
	const struct exception_type *et = find_exception_type(type);
	const char *full = et ? et->name : type;
	const char *short_name = last_component(full);
	sh_value *ex = exception_new(full, info->message);
	sh_value *ci = category_info_new(info->category,
	                                 info->activity ? info->activity
	                                 : site         ? site->command
	                                                : NULL,
	                                 info->reason ? info->reason : short_name, info->target);
	const char *id = info->error_id ? info->error_id : short_name;
	char *fqid =
	    site && site->command_class ? xasprintf("%s,%s", id, site->command_class) : xstrdup(id);
	char *pos;
	sh_value *ii = invocation_info_new(site, &pos);
	free(pos);
	sh_value *rec = record_assemble(ex, info->target ? sh_ref(info->target) : NULL, ci, fqid,
	                                ii, script_stack_trace(site));
	free(fqid);
	return rec;
}

sh_value *sh_error_record_from_parse(const sh_parse_error *pe, const char *source, const char *file)
{
	size_t len = source ? strlen(source) : 0;
	char *pos = source ? position_message(source, len, file, pe->offset,
	                                      (size_t)pe->offset + pe->length)
	                   : NULL;
	char *msg = pos ? xasprintf("%s\n%s", pos, pe->message) : xstrdup(pe->message);
	sh_value *ex =
	    exception_new(pe->incomplete ? "System.Management.Automation.IncompleteParseException"
	                                 : "System.Management.Automation.ParseException",
	                  msg);
	sh_value *ci = category_info_new(SH_CAT_PARSER_ERROR, NULL,
	                                 "ParentContainsErrorRecordException", NULL);
	sh_value *ii = sh_object_new("System.Management.Automation.InvocationInfo");
	sh_object_add_typename(ii, "System.Object");
	sh_object_set_note(ii, "MyCommand", NULL);
	sh_object_set_note(ii, "ScriptLineNumber", sh_int((int32_t)pe->line));
	sh_object_set_note(ii, "OffsetInLine", sh_int((int32_t)pe->column));
	sh_object_set_note(ii, "ScriptName", sh_string(file ? file : ""));
	sh_object_set_note(ii, "PositionMessage", sh_string(pos ? pos : ""));
	sh_object_set_note(ii, "InvocationName", sh_string(""));
	sh_value *stack = sh_string("");
	sh_value *rec = record_assemble(ex, NULL, ci,
	                                pe->error_id ? pe->error_id : "ParseException", ii, stack);
	free(pos);
	free(msg);
	return rec;
}

bool sh_is_error_record(const sh_value *v)
{
	return sh_kind_of(v) == SH_OBJECT && sh_object_typename_count(v) > 0 &&
	       strcmp(sh_object_typename(v, 0), RECORD_TYPE) == 0;
}

static bool is_exception_object(const sh_value *v)
{
	if (sh_kind_of(v) != SH_OBJECT)
		return false;
	for (size_t i = 0; i < sh_object_typename_count(v); i++)
		if (strcmp(sh_object_typename(v, i), "System.Exception") == 0)
			return true;
	return false;
}

sh_value *sh_error_record_from_thrown(sh_value *thrown, const sh_error_site *site)
{
	if (sh_is_error_record(thrown))
		return sh_ref(thrown);
	sh_error_info info = {.category = SH_CAT_OPERATION_STOPPED};
	if (is_exception_object(thrown)) {
		/* throw [SomeException]::new('x'): the record wraps that very
		   exception, its id is the exception's full type name. */
		const char *full = sh_object_typename(thrown, 0);
		sh_value *ci =
		    category_info_new(SH_CAT_OPERATION_STOPPED, NULL, last_component(full), NULL);
		char *pos;
		sh_value *ii = invocation_info_new(site, &pos);
		free(pos);
		return record_assemble(sh_ref(thrown), NULL, ci, full, ii,
		                       script_stack_trace(site));
	}
	char *msg = thrown ? sh_to_string(thrown) : xstrdup("ScriptHalted");
	info.message = msg;
	info.error_id = msg;
	info.target = thrown;
	sh_error_site s = site ? *site : (sh_error_site){0};
	s.command = NULL;
	s.command_class = NULL;
	sh_value *rec = sh_error_record_new(&info, &s);
	sh_object_set_note(sh_object_note(rec, "Exception"), "WasThrownFromThrowStatement",
	                   sh_bool(true));
	free(msg);
	return rec;
}

const char *sh_error_message(const sh_value *record)
{
	if (sh_kind_of(record) != SH_OBJECT)
		return "";
	sh_value *details = sh_object_note(record, "ErrorDetails");
	if (sh_kind_of(details) == SH_OBJECT && *note_str(details, "Message"))
		return note_str(details, "Message");
	sh_value *ex = sh_object_note(record, "Exception");
	if (sh_kind_of(ex) != SH_OBJECT)
		return "";
	return note_str(ex, "Message");
}

const char *sh_error_exception_type(const sh_value *record)
{
	sh_value *ex = sh_kind_of(record) == SH_OBJECT ? sh_object_note(record, "Exception") : NULL;
	if (sh_kind_of(ex) != SH_OBJECT || sh_object_typename_count(ex) == 0)
		return RUNTIME_EXCEPTION;
	return sh_object_typename(ex, 0);
}

char *sh_error_command_class(const char *cmdlet_name)
{
	sh_buf b = {0};
	buf_puts(&b, "Microsoft.PowerShell.Commands.");
	for (const char *p = cmdlet_name; *p; p++)
		if (*p != '-')
			buf_putc(&b, *p);
	buf_puts(&b, "Command");
	return buf_detach(&b);
}

void sh_error_format(const sh_value *record, sh_buf *out)
{
	sh_value *ii = sh_object_note(record, "InvocationInfo");
	sh_value *ci = sh_object_note(record, "CategoryInfo");
	bool has_command = false;
	const char *pos = "";
	if (sh_kind_of(ii) == SH_OBJECT) {
		sh_value *mc = sh_object_note(ii, "MyCommand");
		if (mc) {
			char *s = sh_to_string(mc);
			buf_puts(out, s);
			if (*s)
				buf_puts(out, " : ");
			has_command = true;
			free(s);
		}
		pos = note_str(ii, "PositionMessage");
	}
	bool parse_error =
	    sh_kind_of(ci) == SH_OBJECT && strcmp(note_str(ci, "Category"), "ParserError") == 0;
	buf_puts(out, sh_error_message(record));
	if (*pos && (has_command || !parse_error)) {
		buf_putc(out, '\n');
		buf_puts(out, pos);
	}
	buf_puts(out, "\n    + CategoryInfo          : ");
	if (sh_kind_of(ci) == SH_OBJECT) {
		char *s = category_info_string(ci);
		buf_puts(out, s);
		free(s);
	} else {
		buf_puts(out, "NotSpecified: (:) [], RuntimeException");
	}
	buf_puts(out, "\n    + FullyQualifiedErrorId : ");
	buf_puts(out, note_str(record, "FullyQualifiedErrorId"));
	buf_puts(out, "\n \n");
}
