/*
 * history.c - the session history cmdlets: Get-History, Invoke-History and
 * Clear-History.
 *
 * The session history is the interpreter's list of command lines entered
 * at the prompt (sh_history_*), numbered from 1. It is not the line
 * editor's history that the up arrow walks and that persists between
 * sessions: as with PowerShell and PSReadLine, the two are kept apart, so
 * Clear-History forgets this session's list and leaves the saved file
 * alone.
 *
 * Invoke-History echoes the command line before running it, as PowerShell
 * does, so that the screen shows what `r` actually ran; the line runs in
 * the caller's scope through sh_invoke_string and its output flows on down
 * the pipeline. Running a line that itself calls Invoke-History could
 * recurse without end, so a history line is never invoked while another
 * one is running.
 *
 * The interpreter can only append to or empty its list, so Clear-History
 * with a selection rebuilds the list from the entries it keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../shell/convert.h"
#include "../shell/format.h"
#include "../shell/interp.h"
#include "cmds.h"

static sh_value *history_entry(sh_interp *in, size_t i)
{
	int64_t start = 0, end = 0;
	const char *line = sh_history_at(in, i, &start, &end);
	sh_value *o = sh_object_new("Microsoft.PowerShell.Commands.HistoryInfo");
	sh_object_set_note(o, "Id", sh_long(sh_history_id(in, i)));
	sh_object_set_note(o, "CommandLine", sh_string(line ? line : ""));
	sh_object_set_note(o, "ExecutionStatus", sh_string("Completed"));
	sh_object_set_note(o, "StartExecutionTime", sh_datetime(start, SH_DT_LOCAL));
	sh_object_set_note(o, "EndExecutionTime", sh_datetime(end, SH_DT_LOCAL));
	sh_object_set_note(o, "Duration", sh_timespan(end - start));
	return o;
}

static const sh_view_column history_columns[] = {
    {.header = "Id", .property = "Id", .width = 4, .align = SH_ALIGN_RIGHT},
    {.header = "CommandLine", .property = "CommandLine", .align = SH_ALIGN_LEFT},
};
static const sh_view history_view = {
    .type_name = "Microsoft.PowerShell.Commands.HistoryInfo",
    .kind = SH_VIEW_TABLE,
    .columns = history_columns,
    .ncolumns = 2,
};

static void register_views_once(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	sh_view_register(&history_view);
}

/* -Count's [ValidateRange(0, 32767)] (1 .. 32767 for Clear-History). */
static bool count_in_range(sh_cmd *c, int64_t min, sh_status *st)
{
	if (!sh_param_bound(c, "Count"))
		return true;
	int64_t n = sh_param_int(c, "Count", 0);
	if (n >= min && n <= 32767)
		return true;
	if (n < min)
		*st = sh_throwf(
		    c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError",
		    sh_param(c, "Count"),
		    "Cannot validate argument on parameter 'Count'. The %lld argument is "
		    "less than the minimum allowed range of %lld. Supply an argument that "
		    "is greater than or equal to %lld and then try the command again.",
		    (long long)n, (long long)min, (long long)min);
	else
		*st =
		    sh_throwf(c, SH_CAT_INVALID_DATA, "ParameterArgumentValidationError",
		              sh_param(c, "Count"),
		              "Cannot validate argument on parameter 'Count'. The %lld argument is "
		              "greater than the maximum allowed range of 32767. Supply an argument "
		              "that is less than or equal to 32767 and then try the command again.",
		              (long long)n);
	return false;
}

static sh_status invalid_id(sh_cmd *c, sh_value *id)
{
	return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "InvalidIdArgument", id,
	                 "Cannot process argument because the value of argument \"Id\" is not "
	                 "valid. Specify a positive value for the \"Id\" argument, and then try "
	                 "the command again.");
}

/* The entry an -Id value names: 1 with its index, 0 when there is none
 * (a non-terminating error written), -1 for an id below 1 (terminating). */
static int locate_id(sh_cmd *c, sh_value *idv, const char *error_id, size_t *at, sh_status *st)
{
	int64_t id = 0;
	sh_to_int64(idv, &id, NULL);
	if (id < 1) {
		*st = invalid_id(c, idv);
		return -1;
	}
	if (sh_history_find(sh_cmd_interp(c), id, at))
		return 1;
	*st = sh_errorf(c, SH_CAT_OBJECT_NOT_FOUND, error_id, idv,
	                "Cannot locate history for Id %lld.", (long long)id);
	return 0;
}

/* ================================================================== */
/* Get-History                                                         */
/* ================================================================== */

static sh_status get_history_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	register_views_once();
	sh_interp *in = sh_cmd_interp(c);
	size_t n = sh_history_count(in);
	sh_status st = SH_OK;
	if (!count_in_range(c, 0, &st))
		return st;
	sh_value *ids = sh_param(c, "Id");
	if (ids) {
		size_t nid = sh_array_len(ids);
		for (size_t k = 0; k < nid && st == SH_OK; k++) {
			size_t at;
			int found = locate_id(c, sh_array_get(ids, k), "GetHistoryNoHistoryForId",
			                      &at, &st);
			if (found < 0)
				break;
			if (found == 0)
				continue;
			if (nid == 1 && sh_param_bound(c, "Count")) {
				/* the entries ending at that one */
				size_t count = (size_t)sh_param_int(c, "Count", 0);
				size_t first = count > at + 1 ? 0 : at + 1 - count;
				for (size_t i = first; i <= at && st == SH_OK; i++)
					st = sh_emit(c, history_entry(in, i));
			} else {
				st = sh_emit(c, history_entry(in, at));
			}
		}
		return st;
	}
	size_t first = 0;
	if (sh_param_bound(c, "Count")) {
		int64_t count = sh_param_int(c, "Count", 0);
		first = (size_t)count >= n ? 0 : n - (size_t)count;
	}
	for (size_t i = first; i < n && st == SH_OK; i++)
		st = sh_emit(c, history_entry(in, i));
	return st;
}

static const sh_param_def get_history_params[] = {
    {.name = "Id",
     .type = SH_P_LONG,
     .flags = SH_PF_ARRAY | SH_PF_PIPELINE,
     .position = 0,
     .help = "Specifies the ID numbers of the history entries to get."},
    {.name = "Count",
     .type = SH_P_INT,
     .position = 1,
     .help = "Gets the most recent entries, this many of them (ending at -Id when it is "
             "given)."},
    {0},
};

static const sh_example get_history_examples[] = {
    {"Get-History", "Lists the command lines entered in this session."},
    {"Get-History -Count 5", "Gets the five most recent entries."},
    {"Get-History | Where-Object CommandLine -like '*Service*'",
     "Finds the command lines that mention Service."},
    {0},
};

/* ================================================================== */
/* Invoke-History                                                      */
/* ================================================================== */

static bool invoking_history;

/* Finds the entry -Id names: a number, or the start of a command line
 * (newest first, case-insensitive). Returns its index or reports why not. */
static bool find_entry(sh_cmd *c, size_t *index, sh_status *st)
{
	sh_interp *in = sh_cmd_interp(c);
	size_t n = sh_history_count(in);
	sh_value *idv = sh_param(c, "Id");
	const char *id = sh_param_str(c, "Id");
	if (!id) {
		if (n == 0) {
			*st = sh_throwf(c, SH_CAT_OBJECT_NOT_FOUND,
			                "InvokeHistoryNoLastHistoryEntryFound", NULL,
			                "Cannot locate most recent history.");
			return false;
		}
		*index = n - 1;
		return true;
	}
	char *end = NULL;
	long long number = strtoll(id, &end, 10);
	if (*id && end && *end == 0) {
		if (number < 1) {
			*st = invalid_id(c, idv);
			return false;
		}
		if (!sh_history_find(in, number, index)) {
			*st = sh_throwf(c, SH_CAT_OBJECT_NOT_FOUND, "InvokeHistoryNoHistoryForId",
			                idv, "Cannot locate history for Id %lld.", number);
			return false;
		}
		return true;
	}
	for (size_t i = n; i-- > 0;) {
		if (str_iprefix(sh_history_at(in, i, NULL, NULL), id)) {
			*index = i;
			return true;
		}
	}
	*st = sh_throwf(c, SH_CAT_OBJECT_NOT_FOUND, "InvokeHistoryNoHistoryForCommandline", idv,
	                "Cannot locate the most recent history for command line %s.", id);
	return false;
}

static sh_status invoke_history_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	size_t index = 0;
	sh_status st = SH_OK;
	if (!find_entry(c, &index, &st))
		return st;
	char *line = xstrdup(sh_history_at(in, index, NULL, NULL));
	if (invoking_history) {
		st = sh_throwf(c, SH_CAT_INVALID_OPERATION, "InvokeHistoryLoop", NULL,
		               "Cannot invoke history recursively: the command line \"%s\" runs "
		               "while another history entry is running.",
		               line);
	} else if (sh_should_process(c, line, "Invoke-History")) {
		sh_write_host(in, line, SH_COLOR_DEFAULT, SH_COLOR_DEFAULT, true);
		sh_sink out = sh_cmd_output(c);
		invoking_history = true;
		st = sh_invoke_string(in, line, &out);
		invoking_history = false;
	}
	free(line);
	return st;
}

static const sh_param_def invoke_history_params[] = {
    {.name = "Id",
     .type = SH_P_STRING,
     .flags = SH_PF_PIPE_PROP,
     .position = 0,
     .help = "Specifies the history entry to run: its ID number, or the first characters of "
             "its command line (the most recent match runs; case-insensitive). Without it, "
             "the most recent entry runs."},
    {0},
};

static const sh_example invoke_history_examples[] = {
    {"Invoke-History", "Runs the most recent command line again. `r` is its alias."},
    {"r 12", "Runs the command line with ID 12."},
    {"Invoke-History -Id get-chi", "Runs the most recent command line that starts with 'get-chi'."},
    {0},
};

/* ================================================================== */
/* Clear-History                                                       */
/* ================================================================== */

static sh_status clear_history_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	sh_interp *in = sh_cmd_interp(c);
	sh_status st = SH_OK;
	if (!count_in_range(c, 1, &st))
		return st;
	size_t n = sh_history_count(in);
	if (n == 0)
		return SH_OK;
	bool *drop = xcalloc(n, sizeof *drop);
	sh_value *ids = sh_param(c, "Id");
	sh_value *patterns = sh_param(c, "CommandLine");
	bool newest = sh_switch(c, "Newest");
	bool counted = sh_param_bound(c, "Count");
	size_t count = counted ? (size_t)sh_param_int(c, "Count", 0) : 0;
	if (ids) {
		for (size_t k = 0; k < sh_array_len(ids) && st == SH_OK; k++) {
			size_t at;
			int found = locate_id(c, sh_array_get(ids, k), "ClearHistoryNoHistoryForId",
			                      &at, &st);
			if (found < 0)
				break;
			if (found == 0)
				continue;
			/* with -Count, the entries ending at (or, -Newest, starting at) Id */
			size_t len = counted ? count : 1;
			for (size_t j = 0; j < len; j++) {
				if (newest ? at + j >= n : j > at)
					break;
				drop[newest ? at + j : at - j] = true;
			}
		}
	} else if (patterns) {
		for (size_t k = 0; k < sh_array_len(patterns); k++) {
			char *pattern = sh_to_string(sh_array_get(patterns, k));
			size_t matched = 0;
			for (size_t j = 0; j < n && (!counted || matched < count); j++) {
				size_t i = newest ? n - 1 - j : j;
				if (sh_wildcard_match(pattern, sh_history_at(in, i, NULL, NULL),
				                      true)) {
					drop[i] = true;
					matched++;
				}
			}
			free(pattern);
		}
	} else if (counted) {
		for (size_t j = 0; j < count && j < n; j++)
			drop[newest ? n - 1 - j : j] = true;
	} else {
		for (size_t i = 0; i < n; i++)
			drop[i] = true;
	}
	if (st == SH_OK && sh_should_process(c, "history", "Clear-History"))
		for (size_t i = n; i-- > 0;) /* from the end: indexes below stay valid */
			if (drop[i])
				sh_history_remove(in, i);
	free(drop);
	return st;
}

static const sh_param_def clear_history_params[] = {
    {.name = "Id",
     .type = SH_P_INT,
     .flags = SH_PF_ARRAY,
     .position = 0,
     .sets = "IDParameter",
     .help = "Specifies the ID numbers of the history entries to delete."},
    {.name = "CommandLine",
     .type = SH_P_STRING,
     .flags = SH_PF_ARRAY | SH_PF_WILDCARDS,
     .position = -1,
     .sets = "CommandLineParameter",
     .help = "Deletes the entries whose command line matches one of these wildcard "
             "patterns."},
    {.name = "Count",
     .type = SH_P_INT,
     .position = 1,
     .help = "Deletes this many entries: the oldest ones, or with -Id those ending at that "
             "entry; with -Newest the most recent ones."},
    {.name = "Newest",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Deletes the newest entries instead of the oldest ones."},
    {0},
};

static const sh_example clear_history_examples[] = {
    {"Clear-History", "Deletes every entry of the session history."},
    {"Clear-History -Id 3, 5", "Deletes the entries with IDs 3 and 5."},
    {"Clear-History -CommandLine *Secret*", "Deletes the command lines that mention Secret."},
    {"Clear-History -Count 10 -Newest", "Deletes the ten most recent entries."},
    {0},
};

const sh_cmdlet cmd_history_cmdlets[] = {
    {.name = "Get-History",
     .aliases = "h,history,ghy",
     .synopsis = "Gets a list of the commands entered during the current session.",
     .description = "Gets the session history: the command lines entered at the prompt, "
                    "with their IDs and times. The line editor's saved history, which the up "
                    "arrow walks and which outlives the session, is separate.",
     .params = get_history_params,
     .examples = get_history_examples,
     .output_type = "Microsoft.PowerShell.Commands.HistoryInfo",
     .process = get_history_process},
    {.name = "Invoke-History",
     .aliases = "r,ihy",
     .synopsis = "Runs commands from the session history.",
     .description = "Runs a command line from the session history, after showing it: the "
                    "most recent one, the one with the given ID, or the most recent one that "
                    "starts with the given text. The command runs in the current scope and its "
                    "output goes down the pipeline.",
     .params = invoke_history_params,
     .examples = invoke_history_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = invoke_history_process},
    {.name = "Clear-History",
     .aliases = "clhy",
     .synopsis = "Deletes entries from the session history.",
     .description = "Deletes all entries from the session history, or those selected by ID, "
                    "by command line, or by count. The line editor's saved history file is "
                    "left alone.",
     .default_set = "IDParameter",
     .params = clear_history_params,
     .examples = clear_history_examples,
     .flags = SH_CMD_SUPPORTS_SHOULD_PROCESS,
     .process = clear_history_process},
    {0},
};
