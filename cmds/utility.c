/*
 * utility.c - the Microsoft.PowerShell.Utility odds and ends: the Write-*
 * stream writers, dates and time spans, sleeping, random numbers, reading
 * from the host, credentials, Invoke-Expression and Measure-Command.
 *
 * Every cmdlet is one declarative entry in cmd_utility_cmdlets; the shell
 * binds the parameters, so the callbacks only act on bound values.
 *
 * Write-Host is the one place that writes text straight to the terminal
 * (through sh_write_host), because that is its whole point; everything
 * else emits objects or writes to the other streams.
 *
 * Get-Random reproduces PowerShell's generator exactly: PowerShell draws
 * four bytes at a time from System.Random (the seeded case) or from the
 * system's cryptographic generator, and derives integers and doubles from
 * them with its own arithmetic. Matching it byte for byte means that
 * `Get-Random -SetSeed 42 -Maximum 100` gives the same number here as in
 * PowerShell, so scripts that rely on reproducible sequences carry over.
 * As in PowerShell the generator lives on after -SetSeed: later calls
 * without a seed continue the seeded sequence. There is one shell per
 * process, so the generator is process state.
 *
 * Start-Sleep sleeps in slices of 50 ms and checks for Ctrl+C between them,
 * so an interrupted sleep ends within a tenth of a second.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "cmds.h"

#define UNIX_EPOCH_TICKS 621355968000000000LL

static const char *const error_category_names[] = {
    "NotSpecified",        "OpenError",           "CloseError",
    "DeviceError",         "DeadlockDetected",    "InvalidArgument",
    "InvalidData",         "InvalidOperation",    "InvalidResult",
    "InvalidType",         "MetadataError",       "NotImplemented",
    "NotInstalled",        "ObjectNotFound",      "OperationStopped",
    "OperationTimeout",    "SyntaxError",         "ParserError",
    "PermissionDenied",    "ResourceBusy",        "ResourceExists",
    "ResourceUnavailable", "ReadError",           "WriteError",
    "FromStdErr",          "SecurityError",       "ProtocolError",
    "ConnectionError",     "AuthenticationError", "LimitsExceeded",
    "QuotaExceeded",       "NotEnabled",          NULL,
};

static int name_index(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (str_ieq(names[i], s))
			return i;
	return -1;
}

/* A sink that drops everything: Measure-Command discards the block's output. */
static sh_status discard_write(void *ctx, sh_value *v)
{
	(void)ctx;
	sh_unref(v);
	return SH_OK;
}

/* PowerShell's ValidateRange wording, as a terminating binding error. */
static sh_status range_error(sh_cmd *c, const char *param, sh_value *arg, double min, double max)
{
	char *text = sh_to_string(arg);
	char lo[64], hi[64];
	sh_format_double(min, lo, sizeof lo);
	sh_format_double(max, hi, sizeof hi);
	double d = 0;
	sh_to_double(arg, &d, NULL);
	sh_status st;
	if (d < min)
		st =
		    sh_throwf(c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", arg,
		              "Cannot validate argument on parameter '%s'. The %s argument is less "
		              "than the minimum allowed range of %s. Supply an argument that is "
		              "greater than or equal to %s and then try the command again.",
		              param, text, lo, lo);
	else
		st = sh_throwf(c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError", arg,
		               "Cannot validate argument on parameter '%s'. The %s argument is "
		               "greater than the maximum allowed range of %s. Supply an argument "
		               "that is less than or equal to %s and then try the command again.",
		               param, text, hi, hi);
	free(text);
	return st;
}

static bool check_range(sh_cmd *c, const char *param, double min, double max, sh_status *st)
{
	sh_value *v = sh_param(c, param);
	if (!v)
		return true;
	double d = 0;
	if (!sh_to_double(v, &d, NULL) || (d >= min && d <= max))
		return true;
	*st = range_error(c, param, v, min, max);
	return false;
}

/* ================================================================== */
/* Write-Output                                                        */
/* ================================================================== */

static sh_status write_output_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	if (!sh_param_bound(c, "InputObject"))
		return SH_OK;
	sh_value *v = sh_param(c, "InputObject");
	if (sh_switch(c, "NoEnumerate"))
		return sh_emit(c, sh_ref(v));
	return sh_emit_enumerated(c, sh_ref(v));
}

static const sh_param_def write_output_params[] = {
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE | SH_PF_REMAINING,
     .position = 0,
     .help = "Specifies the objects to send down the pipeline. Enter a variable that "
             "contains the objects, or type a command or expression that gets the objects.",
     .type_name = "PSObject[]"},
    {.name = "NoEnumerate",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Sends a collection down the pipeline as one object instead of enumerating "
             "its items."},
    {0},
};

static const sh_example write_output_examples[] = {
    {"$p = Get-Process\nWrite-Output $p", "Sends the objects in $p down the pipeline."},
    {"Write-Output 'test output' | Get-Member",
     "Passes a string to Get-Member, which shows the members of System.String."},
    {"Write-Output 1,2,3 -NoEnumerate | Measure-Object",
     "Sends the array as one object: Measure-Object counts 1."},
    {0},
};

/* ================================================================== */
/* Write-Host                                                          */
/* ================================================================== */

/* PowerShell's Write-Host rendering: strings as they are, collections item
 * by item with the separator between them, everything else by its string
 * form. A $null or empty item contributes nothing but still gets a
 * separator. */
static void host_render(sh_value *v, const char *sep, sh_buf *out)
{
	if (sh_kind_of(v) == SH_ARRAY) {
		size_t n = sh_array_len(v);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				buf_puts(out, sep);
			host_render(sh_array_get(v, i), sep, out);
		}
		return;
	}
	if (!v)
		return;
	if (sh_kind_of(v) == SH_STRING) {
		buf_puts(out, sh_str(v));
		return;
	}
	char *s = sh_to_string(v);
	buf_puts(out, s);
	free(s);
}

static sh_color color_param(sh_cmd *c, const char *name)
{
	int i = name_index(sh_color_names, sh_param_str(c, name));
	return i < 0 ? SH_COLOR_DEFAULT : (sh_color)i;
}

static sh_status write_host_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *sep = sh_param_str(c, "Separator");
	sh_buf text = {0};
	if (sh_param_bound(c, "Object"))
		host_render(sh_param(c, "Object"), sep ? sep : " ", &text);
	sh_write_host(sh_cmd_interp(c), buf_str(&text), color_param(c, "ForegroundColor"),
	              color_param(c, "BackgroundColor"), !sh_switch(c, "NoNewline"));
	buf_free(&text);
	return SH_OK;
}

static const sh_param_def write_host_params[] = {
    {.name = "Object",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE | SH_PF_REMAINING,
     .position = 0,
     .aliases = "Msg,Message",
     .help = "Objects to display in the host. Collections are shown item by item, "
             "separated by the separator."},
    {.name = "NoNewline",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "The text is written without a newline after it, so the next output "
             "continues on the same line."},
    {.name = "Separator",
     .type = SH_P_OBJECT,
     .position = -1,
     .help = "Specifies a separator string to insert between objects displayed by the host.",
     .default_text = "\" \"",
     .type_name = "Object"},
    {.name = "ForegroundColor",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = sh_color_names,
     .help = "Specifies the text color.",
     .type_name = "ConsoleColor"},
    {.name = "BackgroundColor",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = sh_color_names,
     .help = "Specifies the background color.",
     .type_name = "ConsoleColor"},
    {0},
};

static const sh_example write_host_examples[] = {
    {"Write-Host 'no newline test ' -NoNewline\nWrite-Host 'second string'",
     "Writes both strings on the same line: no newline test second string"},
    {"Write-Host (2,4,6,8,10,12) -Separator ', +2= '",
     "Writes 2, +2= 4, +2= 6, +2= 8, +2= 10, +2= 12"},
    {"Write-Host 'Red on white text.' -ForegroundColor Red -BackgroundColor White",
     "Writes the text in red on a white background."},
    {0},
};

/* ================================================================== */
/* Write-Error                                                         */
/* ================================================================== */

#define WRITE_ERROR_EXCEPTION "Microsoft.PowerShell.Commands.WriteErrorException"

static sh_status write_error_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	if (sh_param_bound(c, "ErrorRecord")) {
		sh_value *rec = sh_param(c, "ErrorRecord");
		if (sh_is_error_record(rec))
			return sh_write_error_record(c, sh_ref(rec));
		char *text = sh_to_string(rec);
		sh_error_info info = {.message = text,
		                      .exception_type = WRITE_ERROR_EXCEPTION,
		                      .error_id = WRITE_ERROR_EXCEPTION};
		sh_status st = sh_write_error(c, &info);
		free(text);
		return st;
	}

	char *message = NULL;
	const char *exception_type = WRITE_ERROR_EXCEPTION;
	char *owned_type = NULL;
	if (sh_param_bound(c, "Exception")) {
		sh_value *ex = sh_param(c, "Exception");
		if (sh_kind_of(ex) == SH_OBJECT) {
			sh_value *m = NULL;
			char *err = NULL;
			if (sh_get_member(in, ex, "Message", &m, &err) == 0)
				message = sh_to_string(m);
			sh_unref(m);
			free(err);
			owned_type = xstrdup(sh_type_name(ex));
			exception_type = owned_type;
		} else {
			message = sh_to_string(ex);
			exception_type = "System.Exception";
		}
	}
	if (sh_param_bound(c, "Message")) {
		free(message);
		message = xstrdup(sh_param_str(c, "Message"));
	}
	if (!message)
		message = xstrdup("");

	int cat = name_index(error_category_names, sh_param_str(c, "Category"));
	const char *id = sh_param_str(c, "ErrorId");
	sh_error_info info = {
	    .message = message,
	    .exception_type = exception_type,
	    .category = cat < 0 ? SH_CAT_NOT_SPECIFIED : (sh_error_category)cat,
	    .error_id = id && *id ? id : WRITE_ERROR_EXCEPTION,
	    .target = sh_param(c, "TargetObject"),
	    .reason = sh_param_str(c, "CategoryReason"),
	};
	sh_status st = sh_write_error(c, &info);
	free(message);
	free(owned_type);
	return st;
}

#define CATEGORY_PARAMS                                                                            \
	{.name = "RecommendedAction",                                                              \
	 .type = SH_P_STRING,                                                                      \
	 .position = -1,                                                                           \
	 .help = "Specifies the action that the user should take to resolve or prevent the "       \
	         "error."},                                                                        \
	    {.name = "CategoryActivity",                                                           \
	     .type = SH_P_STRING,                                                                  \
	     .position = -1,                                                                       \
	     .aliases = "Activity",                                                                \
	     .help = "Specifies the action that caused the error."},                               \
	    {.name = "CategoryReason",                                                             \
	     .type = SH_P_STRING,                                                                  \
	     .position = -1,                                                                       \
	     .aliases = "Reason",                                                                  \
	     .help = "Specifies how or why the activity caused the error."},                       \
	    {.name = "CategoryTargetName",                                                         \
	     .type = SH_P_STRING,                                                                  \
	     .position = -1,                                                                       \
	     .aliases = "TargetName",                                                              \
	     .help = "Specifies the name of the object that was being processed."},                \
	{                                                                                          \
		.name = "CategoryTargetType", .type = SH_P_STRING, .position = -1,                 \
		.aliases = "TargetType",                                                           \
		.help = "Specifies the type of the object that was being processed."               \
	}

static const sh_param_def write_error_params[] = {
    {.name = "Message",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPELINE,
     .position = 0,
     .sets = "NoException,WithException",
     .aliases = "Msg",
     .help = "Specifies the message text of the error. With -Exception it replaces the "
             "exception's message."},
    {.name = "Exception",
     .type = SH_P_OBJECT,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "WithException",
     .help = "Specifies an exception object that represents the error.",
     .type_name = "Exception"},
    {.name = "ErrorRecord",
     .type = SH_P_OBJECT,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "ErrorRecord",
     .help = "Specifies an error record object that represents the error.",
     .type_name = "ErrorRecord"},
    {.name = "Category",
     .type = SH_P_ENUM,
     .position = -1,
     .sets = "NoException,WithException",
     .enum_values = error_category_names,
     .help = "Specifies the category of the error.",
     .default_text = "NotSpecified",
     .type_name = "ErrorCategory"},
    {.name = "ErrorId",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "NoException,WithException",
     .help = "Specifies an ID string to identify the error."},
    {.name = "TargetObject",
     .type = SH_P_OBJECT,
     .position = -1,
     .sets = "NoException,WithException",
     .help = "Specifies the object that was being processed when the error occurred."},
    CATEGORY_PARAMS,
    {0},
};

static const sh_example write_error_examples[] = {
    {"Write-Error 'Access denied.'", "Writes an Access denied. error to the error stream."},
    {"Write-Error -Message 'Error: Too many input values.' -Category InvalidArgument",
     "Writes an error with the InvalidArgument category."},
    {"Write-Error 'Not found' -ErrorId NotFound -TargetObject $name -ErrorAction Stop",
     "Writes an error and, through -ErrorAction Stop, turns it into a terminating error."},
    {0},
};

/* ================================================================== */
/* Write-Warning / Write-Verbose / Write-Debug / Write-Information     */
/* ================================================================== */

static sh_status write_warning_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *m = sh_param_str(c, "Message");
	sh_write_warning(c, "%s", m ? m : "");
	return SH_OK;
}

static sh_status write_verbose_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *m = sh_param_str(c, "Message");
	sh_write_verbose(c, "%s", m ? m : "");
	return SH_OK;
}

static sh_status write_debug_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *m = sh_param_str(c, "Message");
	sh_write_debug(c, "%s", m ? m : "");
	return SH_OK;
}

static sh_status write_information_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_write_information(c, sh_ref(sh_param(c, "MessageData")));
	return SH_OK;
}

#define MESSAGE_PARAM(what)                                                                        \
	{.name = "Message",                                                                        \
	 .type = SH_P_STRING,                                                                      \
	 .flags = SH_PF_MANDATORY | SH_PF_PIPELINE,                                                \
	 .position = 0,                                                                            \
	 .aliases = "Msg",                                                                         \
	 .help = "Specifies the " what " message."},                                               \
	{                                                                                          \
		0                                                                                  \
	}

static const sh_param_def write_warning_params[] = {MESSAGE_PARAM("warning")};
static const sh_param_def write_verbose_params[] = {MESSAGE_PARAM("verbose")};
static const sh_param_def write_debug_params[] = {MESSAGE_PARAM("debug")};

static const sh_param_def write_information_params[] = {
    {.name = "MessageData",
     .type = SH_P_OBJECT,
     .flags = SH_PF_MANDATORY,
     .position = 0,
     .aliases = "Msg,Message",
     .help = "Specifies an informational message to send to the information stream."},
    {.name = "Tags",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY,
     .position = 1,
     .help = "Specifies simple strings that describe the message, for filtering the "
             "information stream."},
    {0},
};

static const sh_example write_warning_examples[] = {
    {"Write-Warning 'This is only a test warning.'",
     "Writes WARNING: This is only a test warning."},
    {"$WarningPreference = 'SilentlyContinue'\nWrite-Warning 'hidden'",
     "The preference variable suppresses the warning."},
    {0},
};
static const sh_example write_verbose_examples[] = {
    {"Write-Verbose -Message 'Searching the Application Event Log.' -Verbose",
     "Shows VERBOSE: Searching the Application Event Log."},
    {"$VerbosePreference = 'Continue'\nWrite-Verbose 'Copying files'",
     "With the preference set to Continue, verbose messages are shown."},
    {0},
};
static const sh_example write_debug_examples[] = {
    {"Write-Debug 'Cannot open file.' -Debug", "Shows DEBUG: Cannot open file."},
    {0},
};
static const sh_example write_information_examples[] = {
    {"Write-Information -MessageData 'Processing started' -InformationAction Continue",
     "Shows the message: the information stream is silent by default."},
    {"Write-Information 'Got here' -Tags Trace 6>$null",
     "Writes a tagged message and discards it."},
    {0},
};

/* ================================================================== */
/* Get-Date                                                            */
/* ================================================================== */

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* DateTime.AddMonths: the day is clamped to the new month's length. */
static int64_t add_months(int64_t ticks, int64_t months)
{
	int y, m, d, hh, mm, ss, ms, dow, doy;
	sh_civil_from_ticks(ticks, &y, &m, &d, &hh, &mm, &ss, &ms, &dow, &doy);
	int64_t total = (int64_t)y * 12 + (m - 1) + months;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	int64_t tod = ticks % SH_TICKS_PER_DAY;
	return sh_ticks_from_civil(y, m, d, 0, 0, 0, 0) + tod;
}

/* Local wall-clock ticks to UTC ticks, through the C library's zone rules. */
static int64_t local_to_utc(int64_t ticks)
{
	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_sec = s,
	                .tm_isdst = -1};
	time_t t = mktime(&tm);
	int64_t sub = ticks % SH_TICKS_PER_SECOND;
	return (int64_t)t * SH_TICKS_PER_SECOND + UNIX_EPOCH_TICKS + sub;
}

static int64_t utc_to_local(int64_t ticks)
{
	time_t t = (time_t)((ticks - UNIX_EPOCH_TICKS) / SH_TICKS_PER_SECOND);
	int64_t sub = (ticks - UNIX_EPOCH_TICKS) % SH_TICKS_PER_SECOND;
	if (sub < 0) {
		sub += SH_TICKS_PER_SECOND;
		t--;
	}
	struct tm tm;
	localtime_r(&t, &tm);
	return sh_ticks_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	                           tm.tm_min, tm.tm_sec, 0) +
	       sub;
}

static const char *const display_hints[] = {"Date", "Time", "DateTime", NULL};

static sh_status get_date_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	static const struct {
		const char *name;
		double min, max;
	} ranges[] = {
	    {"Year", 1, 9999}, {"Month", 1, 12},  {"Day", 1, 31},          {"Hour", 0, 23},
	    {"Minute", 0, 59}, {"Second", 0, 59}, {"Millisecond", 0, 999},
	};
	sh_status st = SH_OK;
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (!check_range(c, ranges[i].name, ranges[i].min, ranges[i].max, &st))
			return st;

	if (sh_param_bound(c, "Date") && sh_param_bound(c, "UnixTimeSeconds"))
		return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "AmbiguousParameterSet", NULL,
		                 "Parameter set cannot be resolved using the specified named "
		                 "parameters.");
	int64_t ticks;
	sh_datetime_kind kind = SH_DT_LOCAL;
	if (sh_param_bound(c, "Date")) {
		sh_value *d = sh_param(c, "Date");
		ticks = sh_ticks_of(d);
		kind = sh_datetime_kind_of(d);
	} else if (sh_param_bound(c, "UnixTimeSeconds")) {
		int64_t secs = sh_param_int(c, "UnixTimeSeconds", 0);
		ticks = utc_to_local(UNIX_EPOCH_TICKS + secs * SH_TICKS_PER_SECOND);
	} else {
		ticks = sh_now_ticks(SH_DT_LOCAL);
	}

	int y, mo, d, h, mi, s, ms, dow, doy;
	sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	if (sh_param_bound(c, "Year"))
		ticks = add_months(ticks, (sh_param_int(c, "Year", y) - y) * 12);
	if (sh_param_bound(c, "Month")) {
		sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
		ticks = add_months(ticks, sh_param_int(c, "Month", mo) - mo);
	}
	sh_civil_from_ticks(ticks, &y, &mo, &d, &h, &mi, &s, &ms, &dow, &doy);
	if (sh_param_bound(c, "Day"))
		ticks += (sh_param_int(c, "Day", d) - d) * SH_TICKS_PER_DAY;
	if (sh_param_bound(c, "Hour"))
		ticks += (sh_param_int(c, "Hour", h) - h) * 3600 * SH_TICKS_PER_SECOND;
	if (sh_param_bound(c, "Minute"))
		ticks += (sh_param_int(c, "Minute", mi) - mi) * 60 * SH_TICKS_PER_SECOND;
	if (sh_param_bound(c, "Second"))
		ticks += (sh_param_int(c, "Second", s) - s) * SH_TICKS_PER_SECOND;
	if (sh_param_bound(c, "Millisecond"))
		ticks += (sh_param_int(c, "Millisecond", ms) - ms) * (SH_TICKS_PER_SECOND / 1000);

	if (sh_switch(c, "AsUTC") && kind != SH_DT_UTC) {
		ticks = local_to_utc(ticks);
		kind = SH_DT_UTC;
	}
	sh_value *date = sh_datetime(ticks, kind);

	if (sh_param_bound(c, "UFormat")) {
		char *text = sh_format_uformat(date, sh_param_str(c, "UFormat"));
		sh_unref(date);
		return sh_emit(c, sh_string_take(text));
	}
	if (sh_param_bound(c, "Format")) {
		const char *fmt = sh_param_str(c, "Format");
		char *err = NULL;
		char *text = sh_format_value(date, fmt && *fmt ? fmt : "G", &err);
		sh_unref(date);
		if (!text) {
			st =
			    sh_throwf(c, SH_CAT_NOT_SPECIFIED, "System.FormatException", NULL, "%s",
			              err ? err : "Input string was not in a correct format.");
			free(err);
			return st;
		}
		return sh_emit(c, sh_string_take(text));
	}
	return sh_emit(c, date);
}

#define DATE_FIELD(field, lo, hi)                                                                  \
	{                                                                                          \
		.name = field, .type = SH_P_INT, .position = -1,                                   \
		.help = "Specifies the " field " that is displayed (" lo " to " hi ")."            \
	}

static const sh_param_def get_date_params[] = {
    {.name = "Date",
     .type = SH_P_DATETIME,
     .flags = SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .aliases = "LastWriteTime",
     .help = "Specifies a date and time. By default, Get-Date gets the current system date "
             "and time.",
     .default_text = "the current date and time"},
    {.name = "UnixTimeSeconds",
     .type = SH_P_LONG,
     .position = -1,
     .aliases = "UnixTime",
     .help = "Date and time represented in seconds since January 1, 1970, 0:00:00 UTC; "
             "the result is in local time."},
    DATE_FIELD("Year", "1", "9999"),
    DATE_FIELD("Month", "1", "12"),
    DATE_FIELD("Day", "1", "31"),
    DATE_FIELD("Hour", "0", "23"),
    DATE_FIELD("Minute", "0", "59"),
    DATE_FIELD("Second", "0", "59"),
    DATE_FIELD("Millisecond", "0", "999"),
    {.name = "DisplayHint",
     .type = SH_P_ENUM,
     .position = -1,
     .enum_values = display_hints,
     .help = "Determines which elements of the date and time are displayed: Date, Time or "
             "DateTime.",
     .type_name = "DisplayHintType"},
    {.name = "Format",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "net",
     .help = "Displays the date and time in the .NET format given by a format specifier "
             "(d, D, s, o, u ...) or a custom format (yyyy-MM-dd HH:mm:ss). The output is a "
             "string."},
    {.name = "UFormat",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "UFormat",
     .help = "Displays the date and time in Unix format (%Y-%m-%d, %A, %j ...). The output is "
             "a string."},
    {.name = "AsUTC",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Converts the date value to the equivalent time in UTC."},
    {0},
};

static const sh_example get_date_examples[] = {
    {"Get-Date", "Gets the current date and time."},
    {"Get-Date -Format 'yyyy-MM-dd HH:mm:ss'", "Gets the current date as a formatted string."},
    {"Get-Date -Date '2026-11-25' -UFormat '%A %d %B %Y'",
     "Formats a given date with Unix format specifiers: Wednesday 25 November 2026."},
    {0},
};

/* ================================================================== */
/* New-TimeSpan                                                        */
/* ================================================================== */

static sh_status new_timespan_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *set = sh_cmd_param_set(c);
	if (set && str_ieq(set, "Time")) {
		int64_t t = sh_param_int(c, "Days", 0) * SH_TICKS_PER_DAY;
		t += sh_param_int(c, "Hours", 0) * 3600 * SH_TICKS_PER_SECOND;
		t += sh_param_int(c, "Minutes", 0) * 60 * SH_TICKS_PER_SECOND;
		t += sh_param_int(c, "Seconds", 0) * SH_TICKS_PER_SECOND;
		t += sh_param_int(c, "Milliseconds", 0) * (SH_TICKS_PER_SECOND / 1000);
		return sh_emit(c, sh_timespan(t));
	}
	int64_t now = 0;
	bool have_now = false;
	int64_t start, end;
	if (sh_param_bound(c, "Start")) {
		start = sh_ticks_of(sh_param(c, "Start"));
	} else {
		now = sh_now_ticks(SH_DT_LOCAL);
		have_now = true;
		start = now;
	}
	if (sh_param_bound(c, "End"))
		end = sh_ticks_of(sh_param(c, "End"));
	else
		end = have_now ? now : sh_now_ticks(SH_DT_LOCAL);
	return sh_emit(c, sh_timespan(end - start));
}

static const sh_param_def new_timespan_params[] = {
    {.name = "Start",
     .type = SH_P_DATETIME,
     .flags = SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "Date",
     .aliases = "LastWriteTime",
     .help = "Specifies the start of a time span.",
     .default_text = "the current date and time"},
    {.name = "End",
     .type = SH_P_DATETIME,
     .flags = SH_PF_PIPE_PROP,
     .position = 1,
     .sets = "Date",
     .help = "Specifies the end of a time span.",
     .default_text = "the current date and time"},
    {.name = "Days",
     .type = SH_P_INT,
     .position = -1,
     .sets = "Time",
     .help = "Specifies the days in the time span."},
    {.name = "Hours",
     .type = SH_P_INT,
     .position = -1,
     .sets = "Time",
     .help = "Specifies the hours in the time span."},
    {.name = "Minutes",
     .type = SH_P_INT,
     .position = -1,
     .sets = "Time",
     .help = "Specifies the minutes in the time span."},
    {.name = "Seconds",
     .type = SH_P_INT,
     .position = -1,
     .sets = "Time",
     .help = "Specifies the seconds in the time span."},
    {.name = "Milliseconds",
     .type = SH_P_INT,
     .position = -1,
     .sets = "Time",
     .help = "Specifies the milliseconds in the time span."},
    {0},
};

static const sh_example new_timespan_examples[] = {
    {"New-TimeSpan -Hours 1 -Minutes 30", "Creates a TimeSpan of one and a half hours."},
    {"New-TimeSpan -Start '2026-01-01' -End '2026-12-25'", "Gets the time between two dates."},
    {"(New-TimeSpan -End '2027-01-01').Days", "Days from now until New Year's Day 2027."},
    {0},
};

/* ================================================================== */
/* Start-Sleep                                                         */
/* ================================================================== */

static sh_status sleep_for(sh_cmd *c, double ms)
{
	sh_interp *in = sh_cmd_interp(c);
	struct timespec now, deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	double whole = floor(ms / 1000.0);
	deadline.tv_sec += (time_t)whole;
	deadline.tv_nsec += (long)((ms - whole * 1000.0) * 1e6);
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	for (;;) {
		if (sh_interrupted(in))
			return SH_INTERRUPT;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double left = (double)(deadline.tv_sec - now.tv_sec) * 1e3 +
		              (double)(deadline.tv_nsec - now.tv_nsec) / 1e6;
		if (left <= 0)
			return SH_OK;
		double slice = left < 50 ? left : 50;
		struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)(slice * 1e6)};
		nanosleep(&ts, NULL);
	}
}

static sh_status start_sleep_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_status st = SH_OK;
	if (sh_param_bound(c, "Duration")) {
		int64_t t = sh_ticks_of(sh_param(c, "Duration"));
		if (t < 0) {
			char *text = sh_to_string(sh_param(c, "Duration"));
			st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "MaximumDurationExceeded",
			               sh_param(c, "Duration"),
			               "Cannot validate argument on parameter 'Duration'. The "
			               "argument \"%s\" cannot be negative.",
			               text);
			free(text);
			return st;
		}
		return sleep_for(c, (double)t / 10000.0);
	}
	if (sh_param_bound(c, "Milliseconds")) {
		if (!check_range(c, "Milliseconds", 0, 2147483647.0, &st))
			return st;
		return sleep_for(c, (double)sh_param_int(c, "Milliseconds", 0));
	}
	if (!check_range(c, "Seconds", 0, 2147483.0, &st))
		return st;
	return sleep_for(c, sh_param_double(c, "Seconds", 0) * 1000.0);
}

static const sh_param_def start_sleep_params[] = {
    {.name = "Seconds",
     .type = SH_P_DOUBLE,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = 0,
     .sets = "Seconds",
     .help = "Specifies how long the command sleeps, in seconds. Fractions are allowed."},
    {.name = "Milliseconds",
     .type = SH_P_INT,
     .flags = SH_PF_MANDATORY | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "Milliseconds",
     .aliases = "ms",
     .help = "Specifies how long the command sleeps, in milliseconds."},
    {.name = "Duration",
     .type = SH_P_TIMESPAN,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE | SH_PF_PIPE_PROP,
     .position = -1,
     .sets = "FromTimeSpan",
     .aliases = "ts",
     .help = "Specifies how long the command sleeps, as a TimeSpan."},
    {0},
};

static const sh_example start_sleep_examples[] = {
    {"Start-Sleep -Seconds 1.5", "Sleeps for 1.5 seconds."},
    {"Start-Sleep -Milliseconds 250", "Sleeps for a quarter of a second."},
    {"Start-Sleep -Duration (New-TimeSpan -Seconds 2)", "Sleeps for a TimeSpan's length."},
    {0},
};

/* ================================================================== */
/* Get-Random                                                          */
/* ================================================================== */

/* System.Random's legacy seeded algorithm (Knuth's subtractive generator),
 * which PowerShell uses when -SetSeed is given. */
typedef struct net_random {
	bool seeded;
	int32_t seeds[56];
	int inext, inextp;
} net_random;

static net_random random_state;

static void net_random_seed(net_random *r, int32_t seed)
{
	const int32_t mbig = INT32_MAX, mseed = 161803398;
	int32_t subtraction = seed == INT32_MIN ? INT32_MAX : abs(seed);
	int32_t mj = mseed - subtraction, mk = 1;
	memset(r->seeds, 0, sizeof r->seeds);
	r->seeds[55] = mj;
	for (int i = 1; i < 55; i++) {
		int ii = (21 * i) % 55;
		r->seeds[ii] = mk;
		mk = mj - mk;
		if (mk < 0)
			mk += mbig;
		mj = r->seeds[ii];
	}
	for (int k = 1; k < 5; k++) {
		for (int i = 1; i < 56; i++) {
			r->seeds[i] -= r->seeds[1 + (i + 30) % 55];
			if (r->seeds[i] < 0)
				r->seeds[i] += mbig;
		}
	}
	r->inext = 0;
	r->inextp = 21;
	r->seeded = true;
}

static int32_t net_random_sample(net_random *r)
{
	int loc = r->inext, locp = r->inextp;
	if (++loc >= 56)
		loc = 1;
	if (++locp >= 56)
		locp = 1;
	int32_t v = r->seeds[loc] - r->seeds[locp];
	if (v == INT32_MAX)
		v--;
	if (v < 0)
		v += INT32_MAX;
	r->seeds[loc] = v;
	r->inext = loc;
	r->inextp = locp;
	return v;
}

static void random_bytes(uint8_t *buf, size_t n)
{
	if (random_state.seeded) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)net_random_sample(&random_state);
		return;
	}
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom(buf + got, n - got, 0);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			/* getrandom exists on every kernel we run on; fall back anyway */
			for (; got < n; got++)
				buf[got] = (uint8_t)rand();
			return;
		}
		got += (size_t)k;
	}
}

static int32_t random_sample(void)
{
	uint8_t b[4];
	random_bytes(b, 4);
	return (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	                 (uint32_t)b[3] << 24);
}

static int32_t random_next(void)
{
	int32_t v;
	do
		v = random_sample();
	while (v == INT32_MAX);
	if (v < 0)
		v += INT32_MAX;
	return v;
}

static double random_next_double(void)
{
	return random_next() * (1.0 / INT32_MAX);
}

static int32_t random_range(int32_t min, int32_t max)
{
	int64_t range = (int64_t)max - min;
	if (range <= INT32_MAX)
		return (int32_t)(random_next_double() * (double)range) + min;
	double sample;
	do
		sample = random_sample();
	while (sample == INT32_MAX);
	sample += INT32_MAX;
	double large = sample * (1.0 / (2.0 * (double)(uint32_t)INT32_MAX));
	return (int32_t)((int64_t)(large * (double)range) + min);
}

static int64_t random_range64(int64_t min, int64_t max)
{
	/* the difference as an unsigned 64-bit number cannot overflow */
	uint64_t diff = (uint64_t)max - (uint64_t)min;
	if (diff <= INT32_MAX)
		return min + random_range(0, (int32_t)diff);
	int bits = 0;
	for (uint64_t d = diff; d; d >>= 1)
		bits++;
	uint64_t mask = UINT64_MAX >> (64 - bits);
	uint64_t r;
	do {
		uint8_t b[8];
		random_bytes(b, 8);
		r = 0;
		for (int i = 7; i >= 0; i--)
			r = r << 8 | b[i];
		r &= mask;
	} while (diff <= r);
	return (int64_t)((double)min + (double)r);
}

static double random_double_between(double min, double max)
{
	double diff = max - min, v;
	if (isinf(diff)) {
		do {
			double r = random_next_double();
			v = min + r * max - r * min;
		} while (v >= max);
	} else {
		do {
			double r = random_next_double();
			v = min + r * diff;
			diff *= r;
		} while (v >= max);
	}
	return v;
}

typedef struct random_state_cmd {
	bool list_mode;
	bool numbers_done;
	sh_value *chosen; /* array of chosen items */
	int64_t processed;
} random_cmd;

/* PowerShell reads a string bound to -Minimum/-Maximum as a number literal. */
static sh_value *random_operand(sh_value *v)
{
	if (sh_kind_of(v) == SH_STRING) {
		sh_value *n = NULL;
		if (sh_parse_number(sh_str(v), &n))
			return n;
	}
	return sh_ref(v);
}

static sh_status min_max_error(sh_cmd *c, sh_value *min, sh_value *max)
{
	char *a = sh_to_string(min), *b = sh_to_string(max);
	sh_error_info info = {.exception_type = "System.ArgumentException",
	                      .category = SH_CAT_INVALID_ARGUMENT,
	                      .error_id = "MinGreaterThanOrEqualMax"};
	char *msg = xasprintf("The Minimum value (%s) cannot be greater than or equal to the "
	                      "Maximum value (%s).",
	                      a, b);
	info.message = msg;
	sh_status st = sh_throw(c, &info);
	free(msg);
	free(a);
	free(b);
	return st;
}

static sh_status random_numbers(sh_cmd *c, int64_t count)
{
	sh_value *maxv = random_operand(sh_param(c, "Maximum"));
	sh_value *minv = random_operand(sh_param(c, "Minimum"));
	sh_kind kmax = sh_kind_of(maxv), kmin = sh_kind_of(minv);
	sh_status st = SH_OK;
	if ((kmax == SH_NULL || kmax == SH_INT) && (kmin == SH_NULL || kmin == SH_INT)) {
		int32_t lo = kmin == SH_INT ? sh_int_of(minv) : 0;
		int32_t hi = kmax == SH_INT ? sh_int_of(maxv) : INT32_MAX;
		if (lo >= hi) {
			sh_value *a = sh_int(lo), *b = sh_int(hi);
			st = min_max_error(c, a, b);
			sh_unref(a);
			sh_unref(b);
		}
		for (int64_t i = 0; st == SH_OK && i < count; i++)
			st = sh_emit(c, sh_int(random_range(lo, hi)));
	} else if ((kmax == SH_NULL || kmax == SH_INT || kmax == SH_LONG) &&
	           (kmin == SH_NULL || kmin == SH_INT || kmin == SH_LONG)) {
		int64_t lo = kmin == SH_NULL ? 0 : sh_long_of(minv);
		int64_t hi = kmax == SH_NULL ? INT64_MAX : sh_long_of(maxv);
		if (lo >= hi) {
			sh_value *a = sh_long(lo), *b = sh_long(hi);
			st = min_max_error(c, a, b);
			sh_unref(a);
			sh_unref(b);
		}
		for (int64_t i = 0; st == SH_OK && i < count; i++)
			st = sh_emit(c, sh_long(random_range64(lo, hi)));
	} else {
		double lo = 0, hi = 1.7976931348623157e308;
		char *err = NULL;
		if ((minv && !sh_to_double(minv, &lo, &err)) ||
		    (maxv && !sh_to_double(maxv, &hi, &err))) {
			st = sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "InvalidCastFromStringToDouble",
			               minv ? minv : maxv, "%s", err ? err : "Invalid number.");
			free(err);
		} else if (lo >= hi) {
			sh_value *a = sh_double(lo), *b = sh_double(hi);
			st = min_max_error(c, a, b);
			sh_unref(a);
			sh_unref(b);
		}
		for (int64_t i = 0; st == SH_OK && i < count; i++)
			st = sh_emit(c, sh_double(random_double_between(lo, hi)));
	}
	sh_unref(maxv);
	sh_unref(minv);
	return st;
}

static sh_status get_random_begin(sh_cmd *c)
{
	random_cmd *s = sh_cmd_state(c);
	sh_status st = SH_OK;
	if (!check_range(c, "Count", 1, 2147483647.0, &st))
		return st;
	if (sh_param_bound(c, "SetSeed"))
		net_random_seed(&random_state, (int32_t)sh_param_int(c, "SetSeed", 0));
	const char *set = sh_cmd_param_set(c);
	sh_value *max = sh_param(c, "Maximum");
	if (sh_cmd_has_pipeline_input(c) && !max && !sh_param(c, "Minimum"))
		s->list_mode = true;
	else if (set && (str_ieq(set, "RandomListItemParameterSet") ||
	                 str_ieq(set, "ShuffleParameterSet")))
		s->list_mode = true;
	else if (sh_kind_of(max) == SH_ARRAY)
		s->list_mode = true;
	if (!s->list_mode)
		return SH_OK;
	s->chosen = sh_array_new(0);
	return SH_OK;
}

static void random_take(sh_cmd *c, random_cmd *s, sh_value *item)
{
	if (sh_switch(c, "Shuffle")) {
		sh_array_append(s->chosen, sh_ref(item));
		return;
	}
	int64_t count = sh_param_int(c, "Count", 1);
	if (s->processed < count) {
		sh_array_append(s->chosen, sh_ref(item));
	} else if (s->processed < INT32_MAX &&
	           random_range(0, (int32_t)(s->processed + 1)) < count) {
		int32_t at = random_range(0, (int32_t)sh_array_len(s->chosen));
		sh_array_set(s->chosen, (size_t)at, sh_ref(item));
	}
	s->processed++;
}

static sh_status get_random_process(sh_cmd *c, sh_value *input)
{
	random_cmd *s = sh_cmd_state(c);
	if (!s->list_mode) {
		if (s->numbers_done)
			return SH_OK;
		s->numbers_done = true;
		return random_numbers(c, sh_param_int(c, "Count", 1));
	}
	sh_value *items = sh_param(c, "InputObject");
	if (!sh_param_bound(c, "InputObject") && sh_kind_of(sh_param(c, "Maximum")) == SH_ARRAY)
		items = sh_param(c, "Maximum");
	else if (!sh_param_bound(c, "InputObject"))
		items = input;
	if (sh_kind_of(items) == SH_ARRAY) {
		size_t n = sh_array_len(items);
		for (size_t i = 0; i < n; i++)
			random_take(c, s, sh_array_get(items, i));
	} else {
		random_take(c, s, items);
	}
	return SH_OK;
}

static sh_status get_random_end(sh_cmd *c)
{
	random_cmd *s = sh_cmd_state(c);
	if (!s->list_mode)
		return SH_OK;
	size_t n = sh_array_len(s->chosen);
	for (size_t i = 0; i < n; i++) {
		size_t j = (size_t)random_range((int32_t)i, (int32_t)n);
		sh_status st = sh_emit(c, sh_ref(sh_array_get(s->chosen, j)));
		if (st != SH_OK)
			return st;
		if (i != j)
			sh_array_set(s->chosen, j, sh_ref(sh_array_get(s->chosen, i)));
	}
	return SH_OK;
}

static void get_random_cleanup(sh_cmd *c)
{
	random_cmd *s = sh_cmd_state(c);
	sh_unref(s->chosen);
}

static const sh_param_def get_random_params[] = {
    {.name = "SetSeed",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies a seed for the random number generator, which makes the results "
             "reproducible. The seeded generator stays in effect for later calls."},
    {.name = "Maximum",
     .type = SH_P_OBJECT,
     .position = 0,
     .sets = "RandomNumberParameterSet",
     .help = "Specifies a maximum value for the random number; the number is always less "
             "than it. Int32, Int64 and Double values give a number of that type.",
     .default_text = "Int32.MaxValue"},
    {.name = "Minimum",
     .type = SH_P_OBJECT,
     .position = -1,
     .sets = "RandomNumberParameterSet",
     .help = "Specifies a minimum value for the random number.",
     .default_text = "0"},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_ARRAY | SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .sets = "RandomListItemParameterSet,ShuffleParameterSet",
     .help = "Specifies a collection of objects from which random items are chosen.",
     .type_name = "Object[]"},
    {.name = "Count",
     .type = SH_P_INT,
     .position = -1,
     .sets = "RandomNumberParameterSet,RandomListItemParameterSet",
     .help = "Specifies how many numbers or items to return.",
     .default_text = "1"},
    {.name = "Shuffle",
     .type = SH_P_SWITCH,
     .flags = SH_PF_MANDATORY,
     .position = -1,
     .sets = "ShuffleParameterSet",
     .help = "Returns the whole collection in random order."},
    {0},
};

static const sh_example get_random_examples[] = {
    {"Get-Random -Minimum 1 -Maximum 101", "Gets a random integer from 1 to 100."},
    {"Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Count 3", "Picks three items at random."},
    {"1..10 | Get-Random -Shuffle -SetSeed 7",
     "Shuffles the numbers reproducibly: the same seed gives the same order."},
    {0},
};

/* ================================================================== */
/* Read-Host / Get-Credential                                          */
/* ================================================================== */

static sh_status not_interactive(sh_cmd *c)
{
	sh_error_info info = {
	    .message = "PowerShell is in NonInteractive mode. Read and Prompt functionality is "
	               "not available.",
	    .exception_type = "System.Management.Automation.PSInvalidOperationException",
	    .category = SH_CAT_INVALID_OPERATION,
	    .error_id = "System.Management.Automation.PSInvalidOperationException",
	};
	return sh_throw(c, &info);
}

static sh_status read_host_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	if (!sh_interp_host(in)->interactive)
		return not_interactive(c);
	char *prompt = NULL;
	if (sh_param_bound(c, "Prompt")) {
		sh_buf b = {0};
		host_render(sh_param(c, "Prompt"), " ", &b);
		buf_puts(&b, ": ");
		prompt = buf_detach(&b);
	}
	bool secret = sh_switch(c, "AsSecureString") || sh_switch(c, "MaskInput");
	char *line = sh_host_read_line(in, prompt ? prompt : "", secret);
	free(prompt);
	if (!line)
		return SH_OK;
	sh_value *v = sh_switch(c, "AsSecureString") ? sh_securestring(line) : sh_string(line);
	if (secret)
		explicit_bzero(line, strlen(line));
	free(line);
	return sh_emit(c, v);
}

static const sh_param_def read_host_params[] = {
    {.name = "Prompt",
     .type = SH_P_OBJECT,
     .flags = SH_PF_REMAINING,
     .position = 0,
     .help = "Specifies the text of the prompt. A colon and a space are appended to it."},
    {.name = "AsSecureString",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "AsSecureString",
     .help = "The typed characters are not echoed, and the result is a SecureString."},
    {.name = "MaskInput",
     .type = SH_P_SWITCH,
     .position = -1,
     .sets = "AsString",
     .help = "The typed characters are not echoed; the result is a plain string."},
    {0},
};

static const sh_example read_host_examples[] = {
    {"$Age = Read-Host 'Please enter your age'",
     "Shows 'Please enter your age: ' and saves the answer in $Age."},
    {"$pwd_secure_string = Read-Host 'Enter a Password' -AsSecureString",
     "Reads a password without echoing it and returns a SecureString."},
    {0},
};

/* PSCredential objects: UserName and Password (a SecureString) as
 * properties, and GetNetworkCredential() for the plain text, as in .NET. */
static int credential_call(struct sh_interp *in, sh_value *self, const char *name, sh_value **args,
                           size_t nargs, sh_value **result, char **error)
{
	(void)in;
	(void)args;
	if (!str_ieq(name, "GetNetworkCredential"))
		return 1;
	if (nargs != 0) {
		*error = xasprintf("Cannot find an overload for \"GetNetworkCredential\" and the "
		                   "argument count: \"%zu\".",
		                   nargs);
		return -1;
	}
	const char *user = sh_str(sh_object_note(self, "UserName"));
	sh_value *secure = sh_object_note(self, "Password");
	const char *slash = strchr(user, '\\');
	sh_value *nc = sh_object_new("System.Net.NetworkCredential");
	if (slash) {
		sh_object_set_note(nc, "UserName", sh_string(slash + 1));
		sh_object_set_note(nc, "Password", sh_string(sh_str(secure)));
		sh_object_set_note(nc, "SecurePassword", sh_ref(secure));
		sh_object_set_note(nc, "Domain", sh_string_n(user, (size_t)(slash - user)));
	} else {
		sh_object_set_note(nc, "UserName", sh_string(user));
		sh_object_set_note(nc, "Password", sh_string(sh_str(secure)));
		sh_object_set_note(nc, "SecurePassword", sh_ref(secure));
		sh_object_set_note(nc, "Domain", sh_string(""));
	}
	*result = nc;
	return 0;
}

static char *credential_to_string(sh_value *self)
{
	(void)self;
	return xstrdup("System.Management.Automation.PSCredential");
}

static const sh_class credential_class = {
    .name = "System.Management.Automation.PSCredential",
    .to_string = credential_to_string,
    .call_method = credential_call,
};

static sh_value *credential_new(const char *user, const char *password)
{
	sh_value *o = sh_object_new("System.Management.Automation.PSCredential");
	sh_object_set_note(o, "UserName", sh_string(user));
	sh_object_set_note(o, "Password", sh_securestring(password));
	sh_object_set_native(o, &credential_class, NULL);
	return o;
}

static sh_status get_credential_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	sh_value *given = sh_param(c, "Credential");
	if (sh_kind_of(given) == SH_OBJECT)
		return sh_emit(c, sh_ref(given));
	if (!sh_interp_host(in)->interactive)
		return not_interactive(c);

	char *user = NULL;
	if (given)
		user = sh_to_string(given);
	else if (sh_param_str(c, "UserName"))
		user = xstrdup(sh_param_str(c, "UserName"));

	const char *title = sh_param_str(c, "Title");
	const char *message = sh_param_str(c, "Message");
	sh_write_host(in, title ? title : "PowerShell credential request", SH_COLOR_DEFAULT,
	              SH_COLOR_DEFAULT, true);
	sh_write_host(in, message ? message : "Enter your credentials.", SH_COLOR_DEFAULT,
	              SH_COLOR_DEFAULT, true);
	if (!user || !*user) {
		free(user);
		user = sh_host_read_line(in, "User: ", false);
		if (!user)
			return SH_OK;
	}
	char *prompt = xasprintf("Password for user %s: ", user);
	char *password = sh_host_read_line(in, prompt, true);
	free(prompt);
	if (!password) {
		free(user);
		return SH_OK;
	}
	sh_value *cred = credential_new(user, password);
	explicit_bzero(password, strlen(password));
	free(password);
	free(user);
	return sh_emit(c, cred);
}

static const sh_param_def get_credential_params[] = {
    {.name = "Credential",
     .type = SH_P_OBJECT,
     .position = 0,
     .sets = "CredentialSet",
     .help = "Specifies a user name (the command prompts for the password) or a PSCredential "
             "object, which is returned as it is.",
     .type_name = "PSCredential"},
    {.name = "Message",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY,
     .position = 0,
     .sets = "MessageSet",
     .help = "Specifies a message that appears in the authentication prompt."},
    {.name = "UserName",
     .type = SH_P_STRING,
     .position = 1,
     .sets = "MessageSet",
     .help = "Specifies a user name; the prompt then asks only for the password."},
    {.name = "Title",
     .type = SH_P_STRING,
     .position = -1,
     .sets = "MessageSet",
     .help = "Sets the title line of the authentication prompt."},
    {0},
};

static const sh_example get_credential_examples[] = {
    {"$c = Get-Credential", "Prompts for a user name and a password and saves the credential."},
    {"$c = Get-Credential -Credential admin", "Prompts only for the password of the user admin."},
    {"$c.GetNetworkCredential().Password", "Reads the password as plain text from a credential."},
    {0},
};

/* ================================================================== */
/* Invoke-Expression / Clear-Host                                      */
/* ================================================================== */

static sh_status invoke_expression_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	const char *command = sh_param_str(c, "Command");
	sh_sink out = sh_cmd_output(c);
	return sh_invoke_string(sh_cmd_interp(c), command ? command : "", &out);
}

static const sh_param_def invoke_expression_params[] = {
    {.name = "Command",
     .type = SH_P_STRING,
     .flags = SH_PF_MANDATORY | SH_PF_PIPELINE,
     .position = 0,
     .help = "Specifies the command or expression to run, as a string. It runs in the "
             "current scope."},
    {0},
};

static const sh_example invoke_expression_examples[] = {
    {"$Command = 'Get-Date -Year 2026'\nInvoke-Expression $Command",
     "Runs a command held in a string."},
    {"'1 + 2 * 3' | iex", "Evaluates an expression from the pipeline: 7."},
    {0},
};

static sh_status clear_host_begin(sh_cmd *c)
{
	(void)c;
	if (isatty(STDOUT_FILENO)) {
		fflush(stdout);
		fputs("\033[H\033[2J\033[3J", stdout);
		fflush(stdout);
	}
	return SH_OK;
}

static const sh_param_def no_params[] = {{0}};

static const sh_example clear_host_examples[] = {
    {"Clear-Host", "Clears the terminal screen and its scroll-back."},
    {0},
};

/* ================================================================== */
/* Measure-Command                                                     */
/* ================================================================== */

typedef struct measure_cmd {
	int64_t elapsed_ns;
} measure_cmd;

static sh_status measure_command_process(sh_cmd *c, sh_value *input)
{
	measure_cmd *s = sh_cmd_state(c);
	sh_sink discard = {.write = discard_write, .ctx = NULL};
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	sh_status st = sh_invoke_block(sh_cmd_interp(c), sh_param(c, "Expression"), input, NULL, 0,
	                               NULL, true, &discard);
	clock_gettime(CLOCK_MONOTONIC, &b);
	s->elapsed_ns += (int64_t)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	return st;
}

static sh_status measure_command_end(sh_cmd *c)
{
	measure_cmd *s = sh_cmd_state(c);
	return sh_emit(c, sh_timespan(s->elapsed_ns / 100));
}

static const sh_param_def measure_command_params[] = {
    {.name = "Expression",
     .type = SH_P_SCRIPTBLOCK,
     .flags = SH_PF_MANDATORY,
     .position = 0,
     .help = "Specifies the script block to time. Its output is discarded."},
    {.name = "InputObject",
     .type = SH_P_OBJECT,
     .flags = SH_PF_PIPELINE,
     .position = -1,
     .help = "Objects bound to $_ in the script block, one run per object."},
    {0},
};

static const sh_example measure_command_examples[] = {
    {"Measure-Command { Get-ChildItem -Recurse /etc }",
     "Measures how long a recursive listing takes."},
    {"(Measure-Command { Start-Sleep -Milliseconds 100 }).TotalMilliseconds",
     "Shows the elapsed time in milliseconds."},
    {0},
};

/* ================================================================== */
/* The table                                                           */
/* ================================================================== */

const sh_cmdlet cmd_utility_cmdlets[] = {
    {.name = "Write-Output",
     .aliases = "echo,write",
     .synopsis = "Writes the specified objects to the pipeline.",
     .description =
         "Sends the specified objects to the next command in the pipeline. When it is the "
         "last command, the objects are displayed. Collections are enumerated: each item "
         "goes down the pipeline on its own, unless -NoEnumerate is given.",
     .params = write_output_params,
     .examples = write_output_examples,
     .output_type = "System.Management.Automation.PSObject",
     .process = write_output_process},
    {.name = "Write-Host",
     .synopsis = "Writes customized output to the host.",
     .description =
         "Writes text to the host (the terminal) rather than to the pipeline, with "
         "optional colours and separator. Its output cannot be captured in a variable or "
         "piped to another command.",
     .params = write_host_params,
     .examples = write_host_examples,
     .process = write_host_process},
    {.name = "Write-Error",
     .synopsis = "Writes an object to the error stream.",
     .description =
         "Declares a non-terminating error. The error record is added to $Error and shown, "
         "and the command goes on, unless -ErrorAction or $ErrorActionPreference says "
         "otherwise. Use throw for a terminating error.",
     .default_set = "NoException",
     .params = write_error_params,
     .examples = write_error_examples,
     .process = write_error_process},
    {.name = "Write-Warning",
     .synopsis = "Writes a warning message.",
     .description = "Writes a warning message to the warning stream, shown as 'WARNING: "
                    "message'. $WarningPreference and -WarningAction decide whether it appears.",
     .params = write_warning_params,
     .examples = write_warning_examples,
     .process = write_warning_process},
    {.name = "Write-Verbose",
     .synopsis = "Writes text to the verbose message stream.",
     .description = "Writes 'VERBOSE: message' when -Verbose is given or $VerbosePreference "
                    "is Continue; otherwise the message is not shown.",
     .params = write_verbose_params,
     .examples = write_verbose_examples,
     .process = write_verbose_process},
    {.name = "Write-Debug",
     .synopsis = "Writes a debug message to the console.",
     .description = "Writes 'DEBUG: message' when -Debug is given or $DebugPreference "
                    "allows it; otherwise the message is not shown.",
     .params = write_debug_params,
     .examples = write_debug_examples,
     .process = write_debug_process},
    {.name = "Write-Information",
     .synopsis = "Specifies how PowerShell handles information stream data for a command.",
     .description = "Writes a message to the information stream. It is shown only when "
                    "$InformationPreference or -InformationAction is Continue.",
     .params = write_information_params,
     .examples = write_information_examples,
     .process = write_information_process},
    {.name = "Get-Date",
     .synopsis = "Gets the current date and time.",
     .description =
         "Gets a DateTime object for the current date and time, or for a given date with "
         "fields replaced by -Year, -Month, -Day, -Hour, -Minute, -Second and "
         "-Millisecond. -Format and -UFormat return the date as a formatted string.",
     .default_set = "net",
     .params = get_date_params,
     .examples = get_date_examples,
     .output_type = "System.DateTime",
     .process = get_date_process},
    {.name = "New-TimeSpan",
     .synopsis = "Creates a TimeSpan object.",
     .description = "Creates a TimeSpan from a start and an end date (each defaulting to "
                    "now), or from days, hours, minutes, seconds and milliseconds.",
     .default_set = "Date",
     .params = new_timespan_params,
     .examples = new_timespan_examples,
     .output_type = "System.TimeSpan",
     .process = new_timespan_process},
    {.name = "Start-Sleep",
     .aliases = "sleep",
     .synopsis = "Suspends the activity in a script or session for the specified period of "
                 "time.",
     .description = "Waits for the given number of seconds, milliseconds, or a TimeSpan. "
                    "Ctrl+C ends the wait.",
     .default_set = "Seconds",
     .params = start_sleep_params,
     .examples = start_sleep_examples,
     .process = start_sleep_process},
    {.name = "Get-Random",
     .synopsis = "Gets a random number, or selects objects randomly from a collection.",
     .description = "Without parameters, returns a random integer from 0 up to Int32.MaxValue. "
                    "-Minimum and -Maximum bound the number (the maximum is exclusive); integers, "
                    "64-bit integers and doubles give numbers of their type. With -InputObject or "
                    "pipeline input, returns items picked at random; -Shuffle returns them all in "
                    "random order. -SetSeed makes the sequence reproducible.",
     .default_set = "RandomNumberParameterSet",
     .params = get_random_params,
     .examples = get_random_examples,
     .state_size = sizeof(random_cmd),
     .begin = get_random_begin,
     .process = get_random_process,
     .end = get_random_end,
     .cleanup = get_random_cleanup},
    {.name = "Read-Host",
     .synopsis = "Reads a line of input from the console.",
     .description = "Reads a line from the terminal, after showing the prompt followed by "
                    "': '. -AsSecureString reads without echo and returns a SecureString. In "
                    "non-interactive mode it fails instead of waiting for input.",
     .default_set = "AsString",
     .params = read_host_params,
     .examples = read_host_examples,
     .output_type = "System.String",
     .process = read_host_process},
    {.name = "Get-Credential",
     .synopsis = "Gets a credential object based on a user name and password.",
     .description = "Prompts for a user name and a password (never echoed, never kept in "
                    "history) and returns a PSCredential whose Password is a SecureString.",
     .default_set = "CredentialSet",
     .params = get_credential_params,
     .examples = get_credential_examples,
     .output_type = "System.Management.Automation.PSCredential",
     .process = get_credential_process},
    {.name = "Invoke-Expression",
     .aliases = "iex",
     .synopsis = "Runs commands or expressions on the local computer.",
     .description = "Evaluates a string as script text in the current scope and returns its "
                    "output. Never pass it text from an untrusted source.",
     .params = invoke_expression_params,
     .examples = invoke_expression_examples,
     .process = invoke_expression_process},
    {.name = "Clear-Host",
     .aliases = "cls,clear",
     .synopsis = "Clears the display in the host program.",
     .description = "Clears the terminal screen. It does nothing when the output is not a "
                    "terminal.",
     .params = no_params,
     .examples = clear_host_examples,
     .begin = clear_host_begin},
    {.name = "Measure-Command",
     .synopsis = "Measures the time it takes to run script blocks and cmdlets.",
     .description = "Runs a script block in the current scope, discards its output and "
                    "returns the elapsed time as a TimeSpan.",
     .params = measure_command_params,
     .examples = measure_command_examples,
     .output_type = "System.TimeSpan",
     .state_size = sizeof(measure_cmd),
     .process = measure_command_process,
     .end = measure_command_end},
    {0},
};
