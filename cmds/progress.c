/*
 * progress.c - Write-Progress and the progress bars behind it.
 *
 * The drawing follows PowerShell 7's "minimal" progress view: one line per
 * active record, "Activity [ooooo     ] Status", children indented under
 * their parent. The lines form a region drawn at the cursor: each redraw
 * starts at the region's first line (carriage return, erase to the end of
 * the screen, the lines), then moves the cursor back up to that first
 * line. Leaving the cursor there means whatever is written next (the
 * prompt after -Completed, or more output) starts where the region began
 * instead of below a stale bar, and clearing the region is a single
 * "erase to the end of the screen".
 *
 * Nothing is drawn unless standard error is a terminal and
 * $ProgressPreference allows it; the records are still kept, so turning
 * the preference back on shows the current state. A redraw is skipped when
 * the region's text has not changed: a loop reporting the same percentage
 * thousands of times costs one write.
 *
 * The records belong to an interpreter: they are attached to it
 * (sh_interp_attach) and freed with it. Bars a command line leaves behind
 * are cleared once it has run, as PowerShell's console does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../shell/interp.h"
#include "cmds.h"
#include "progress.h"

typedef struct record {
	int64_t source_id;
	int id, parent_id;
	char *activity, *status, *current_operation;
	int percent, seconds_remaining;
} record;

typedef struct progress_state {
	sh_interp *in;
	record *records; /* in the order they first appeared */
	size_t n;
	char *drawn; /* the region as last drawn, NULL when nothing is shown */
	int lines;   /* lines of the region on the screen */
} progress_state;

static void record_free(record *r)
{
	free(r->activity);
	free(r->status);
	free(r->current_operation);
}

/* Forgets every bar (the screen is the caller's business). */
static void state_clear(progress_state *s)
{
	for (size_t i = 0; i < s->n; i++)
		record_free(&s->records[i]);
	free(s->records);
	s->records = NULL;
	s->n = 0;
	free(s->drawn);
	s->drawn = NULL;
	s->lines = 0;
}

static void state_free(void *data)
{
	state_clear(data);
	free(data);
}

/* Bars left behind by a command line are cleared once it has run. */
static void after_run(sh_interp *in, void *data)
{
	(void)data;
	cmd_progress_reset(in);
}

static const char progress_key = 0; /* its address names the attachment */

static progress_state *state_for(sh_interp *in, bool create)
{
	progress_state *s = sh_interp_attached(in, &progress_key);
	if (s || !create)
		return s;
	s = xcalloc(1, sizeof *s);
	s->in = in;
	sh_interp_attach(in, &progress_key, s, state_free, after_run);
	return s;
}

static bool visible(sh_interp *in)
{
	if (!isatty(STDERR_FILENO))
		return false;
	sh_action_pref p = sh_pref(in, "ProgressPreference");
	return p != SH_ACTION_SILENTLY_CONTINUE && p != SH_ACTION_IGNORE;
}

static int terminal_columns(sh_interp *in)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	sh_host_settings *h = sh_interp_host(in);
	return h && h->width > 0 ? h->width : 80;
}

/* Appends s cut to at most `room` columns; returns the columns used. */
static int put_clipped(sh_buf *b, const char *s, int room)
{
	int used = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && used < room) {
		size_t len = 1;
		if (*p >= 0xf0)
			len = 4;
		else if (*p >= 0xe0)
			len = 3;
		else if (*p >= 0xc0)
			len = 2;
		char cp[5] = {0};
		for (size_t i = 0; i < len && p[i]; i++)
			cp[i] = (char)p[i];
		if (*p < 0x20) /* a newline or tab in a status would break the region */
			cp[0] = ' ';
		int w = (int)utf8_width(cp);
		if (used + w > room)
			break;
		buf_puts(b, cp);
		used += w;
		p += strlen(cp) ? strlen(cp) : 1;
	}
	return used;
}

char *cmd_progress_line(const cmd_progress_record *r, int depth, int columns)
{
	sh_buf text = {0};
	buf_puts(&text, r->activity ? r->activity : "");
	if (r->percent >= 0) {
		/* a third of the width, within reason, so the text keeps its room */
		int ticks = columns / 3;
		if (ticks > 50)
			ticks = 50;
		if (ticks < 10)
			ticks = 10;
		int done = r->percent >= 100 ? ticks : r->percent * ticks / 100;
		buf_puts(&text, " [");
		for (int i = 0; i < ticks; i++)
			buf_putc(&text, i < done ? 'o' : ' ');
		buf_putc(&text, ']');
	}
	buf_printf(&text, " %s", r->status ? r->status : "Processing");
	if (r->current_operation && *r->current_operation)
		buf_printf(&text, " %s", r->current_operation);
	if (r->seconds_remaining >= 0) {
		int s = r->seconds_remaining;
		if (s >= 3600)
			buf_printf(&text, " %d:%02d:%02d remaining", s / 3600, s / 60 % 60, s % 60);
		else
			buf_printf(&text, " %d:%02d remaining", s / 60, s % 60);
	}
	sh_buf line = {0};
	int room = columns - 1; /* never the last column: no automatic wrap */
	for (int i = 0; i < depth && room > 0; i++, room -= 2)
		buf_puts(&line, "  ");
	if (room > 0)
		put_clipped(&line, buf_str(&text), room);
	buf_free(&text);
	return buf_detach(&line);
}

static int depth_of(const progress_state *s, const record *r)
{
	int depth = 0;
	for (int guard = 0; r->parent_id >= 0 && guard < 16; guard++) {
		const record *parent = NULL;
		for (size_t i = 0; i < s->n; i++)
			if (s->records[i].source_id == r->source_id &&
			    s->records[i].id == r->parent_id && &s->records[i] != r)
				parent = &s->records[i];
		if (!parent)
			break;
		depth++;
		r = parent;
	}
	return depth;
}

/* Appends rec and, under it, its children (recursively), as lines. */
static void put_tree(const progress_state *s, const record *rec, int depth, int columns, sh_buf *b,
                     int *lines, int limit)
{
	if (*lines >= limit)
		return;
	cmd_progress_record view = {
	    .activity = rec->activity,
	    .status = rec->status,
	    .current_operation = rec->current_operation,
	    .percent = rec->percent,
	    .seconds_remaining = rec->seconds_remaining,
	};
	char *line = cmd_progress_line(&view, depth, columns);
	buf_printf(b, "%s%s\033[K", *lines ? "\n" : "", line);
	free(line);
	(*lines)++;
	for (size_t i = 0; i < s->n; i++) {
		const record *child = &s->records[i];
		if (child != rec && child->source_id == rec->source_id &&
		    child->parent_id == rec->id && depth_of(s, child) == depth + 1)
			put_tree(s, child, depth + 1, columns, b, lines, limit);
	}
}

static void redraw(progress_state *s)
{
	if (!visible(s->in)) {
		free(s->drawn);
		s->drawn = NULL;
		return;
	}
	int columns = terminal_columns(s->in);
	sh_buf region = {0};
	int lines = 0;
	for (size_t i = 0; i < s->n; i++)
		if (depth_of(s, &s->records[i]) == 0)
			put_tree(s, &s->records[i], 0, columns, &region, &lines, 10);
	if (s->drawn && strcmp(s->drawn, buf_str(&region)) == 0) {
		buf_free(&region);
		return;
	}
	sh_buf out = {0};
	buf_puts(&out, "\r\033[J");
	buf_puts(&out, buf_str(&region));
	if (lines > 1)
		buf_printf(&out, "\033[%dA", lines - 1);
	if (lines > 0)
		buf_putc(&out, '\r');
	fflush(stdout);
	fputs(buf_str(&out), stderr);
	fflush(stderr);
	buf_free(&out);
	free(s->drawn);
	s->drawn = lines ? buf_detach(&region) : NULL;
	buf_free(&region);
	s->lines = lines;
}

static void remove_record(progress_state *s, int64_t source_id, int id)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->records[i].source_id != source_id || s->records[i].id != id)
			continue;
		record_free(&s->records[i]);
		memmove(&s->records[i], &s->records[i + 1], (s->n - i - 1) * sizeof *s->records);
		s->n--;
		/* a completed parent takes its children with it */
		for (size_t k = 0; k < s->n; k++)
			if (s->records[k].source_id == source_id && s->records[k].parent_id == id) {
				remove_record(s, source_id, s->records[k].id);
				k = (size_t)-1;
			}
		return;
	}
}

void cmd_progress_write(sh_interp *in, const cmd_progress_record *r)
{
	progress_state *s = state_for(in, !r->completed);
	if (!s)
		return;
	if (r->completed) {
		remove_record(s, r->source_id, r->id);
	} else {
		record *rec = NULL;
		for (size_t i = 0; i < s->n && !rec; i++)
			if (s->records[i].source_id == r->source_id && s->records[i].id == r->id)
				rec = &s->records[i];
		if (!rec) {
			s->records = xrealloc(s->records, (s->n + 1) * sizeof *s->records);
			rec = &s->records[s->n++];
			memset(rec, 0, sizeof *rec);
		}
		record_free(rec);
		rec->source_id = r->source_id;
		rec->id = r->id;
		rec->parent_id = r->parent_id == r->id ? -1 : r->parent_id;
		rec->activity = xstrdup(r->activity ? r->activity : "");
		rec->status = xstrdup(r->status ? r->status : "Processing");
		rec->current_operation =
		    r->current_operation ? xstrdup(r->current_operation) : NULL;
		rec->percent = r->percent > 100 ? 100 : r->percent < -1 ? -1 : r->percent;
		rec->seconds_remaining = r->seconds_remaining;
	}
	redraw(s);
	if (s->n == 0)
		state_clear(s);
}

void cmd_progress_update(sh_interp *in, int id, const char *activity, const char *status,
                         int percent)
{
	cmd_progress_record r = {.id = id,
	                         .parent_id = -1,
	                         .activity = activity,
	                         .status = status,
	                         .percent = percent,
	                         .seconds_remaining = -1};
	cmd_progress_write(in, &r);
}

void cmd_progress_complete(sh_interp *in, int id)
{
	cmd_progress_record r = {.id = id, .parent_id = -1, .completed = true};
	cmd_progress_write(in, &r);
}

void cmd_progress_reset(sh_interp *in)
{
	progress_state *s = state_for(in, false);
	if (!s)
		return;
	if (s->drawn) {
		fputs("\r\033[J", stderr);
		fflush(stderr);
	}
	state_clear(s);
}

/* ================================================================== */
/* Write-Progress                                                      */
/* ================================================================== */

static sh_status write_progress_process(sh_cmd *c, sh_value *input)
{
	(void)input;
	bool completed = sh_switch(c, "Completed");
	const char *activity = sh_param_str(c, "Activity");
	int64_t percent = sh_param_int(c, "PercentComplete", -1);
	if (percent < -1 || percent > 100) {
		sh_value *target = sh_int(percent);
		char *msg = xasprintf(
		    "Cannot validate argument on parameter 'PercentComplete'. The %lld argument is "
		    "%s than the %s allowed range of %s. Supply an argument that is %s than or "
		    "equal "
		    "to %s and then try the command again.",
		    (long long)percent, percent > 100 ? "greater" : "less",
		    percent > 100 ? "maximum" : "minimum", percent > 100 ? "100" : "-1",
		    percent > 100 ? "less" : "greater", percent > 100 ? "100" : "-1");
		sh_error_info info = {
		    .message = msg,
		    .exception_type =
		        "System.Management.Automation.ParameterBindingValidationException",
		    .category = SH_CAT_INVALID_DATA,
		    .error_id = "ParameterArgumentValidationError",
		    .target = target};
		sh_status st = sh_throw(c, &info);
		free(msg);
		sh_unref(target);
		return st;
	}
	if (!completed && (!activity || !*activity))
		return sh_throwf(c, SH_CAT_INVALID_ARGUMENT, "ActivityParameterRequired", NULL,
		                 "The Activity parameter is required unless the Completed "
		                 "parameter is specified.");
	cmd_progress_record r = {
	    .source_id = sh_param_int(c, "SourceId", 0),
	    .id = (int)sh_param_int(c, "Id", 0),
	    .parent_id = (int)sh_param_int(c, "ParentId", -1),
	    .activity = activity,
	    .status = sh_param_str(c, "Status"),
	    .current_operation = sh_param_str(c, "CurrentOperation"),
	    .percent = (int)percent,
	    .seconds_remaining = (int)sh_param_int(c, "SecondsRemaining", -1),
	    .completed = completed,
	};
	cmd_progress_write(sh_cmd_interp(c), &r);
	return SH_OK;
}

static const sh_param_def write_progress_params[] = {
    {.name = "Activity",
     .type = SH_P_STRING,
     .position = 0,
     .help = "Specifies the text shown before the bar: the activity whose progress is "
             "reported. Required unless -Completed is given."},
    {.name = "Status",
     .type = SH_P_STRING,
     .position = 1,
     .default_text = "Processing",
     .help = "Specifies the text shown after the bar: the current state of the activity."},
    {.name = "Id",
     .type = SH_P_INT,
     .position = 2,
     .default_text = "0",
     .help = "Specifies an ID that distinguishes each progress bar from the others. Use it "
             "when one script shows several progress bars at once, and with -ParentId."},
    {.name = "PercentComplete",
     .type = SH_P_INT,
     .position = -1,
     .default_text = "-1",
     .help = "Specifies the percentage of the activity that is completed, from 0 to 100. "
             "With -1 (the default) no bar is drawn, only the text."},
    {.name = "SecondsRemaining",
     .type = SH_P_INT,
     .position = -1,
     .default_text = "-1",
     .help = "Specifies the projected number of seconds remaining until the activity is "
             "completed. -1 shows no estimate."},
    {.name = "CurrentOperation",
     .type = SH_P_STRING,
     .position = -1,
     .help = "Specifies the operation that is currently taking place, shown after the "
             "status."},
    {.name = "ParentId",
     .type = SH_P_INT,
     .position = -1,
     .default_text = "-1",
     .help = "Specifies the parent activity of the current activity: its bar is drawn under "
             "the parent's, indented. -1 means the activity has no parent."},
    {.name = "Completed",
     .type = SH_P_SWITCH,
     .position = -1,
     .help = "Indicates that the activity is finished: its bar (and the bars of its child "
             "activities) is removed from the screen."},
    {.name = "SourceId",
     .type = SH_P_INT,
     .position = -1,
     .help = "Specifies the source of the record. Records from different sources never "
             "replace one another, even with the same -Id."},
    {0},
};

static const sh_example write_progress_examples[] = {
    {"for ($i = 1; $i -le 100; $i++) { Write-Progress -Activity \"Search in Progress\" "
     "-Status \"$i% Complete:\" -PercentComplete $i; Start-Sleep -Milliseconds 20 }; "
     "Write-Progress -Activity \"Search in Progress\" -Completed",
     "Draws a bar that fills up as the loop runs, then removes it."},
    {"foreach ($vm in 1..3) { Write-Progress -Id 1 -Activity \"Updating VMs\" -Status "
     "\"VM $vm\" -PercentComplete ($vm * 33); foreach ($disk in 1..4) { Write-Progress -Id 2 "
     "-ParentId 1 -Activity \"Copying disks\" -Status \"Disk $disk\" -PercentComplete ($disk "
     "* 25) } }",
     "Shows a bar for each VM, and under it a bar for the disks of that VM."},
    {0},
};

const sh_cmdlet cmd_progress_cmdlets[] = {
    {.name = "Write-Progress",
     .synopsis = "Displays a progress bar on the terminal.",
     .description =
         "Displays a progress bar on the terminal that depicts the status of a running "
         "command or script: the activity, a bar that fills up with the percentage "
         "completed, and the status. Calling it again with the same -Id updates the bar in "
         "place; -Completed removes it. A bar with -ParentId is drawn under its parent. The "
         "bar is written to standard error, and only when standard error is a terminal and "
         "$ProgressPreference is not SilentlyContinue: redirected output never contains it.",
     .params = write_progress_params,
     .examples = write_progress_examples,
     .output_type = "None",
     .class_name = "Microsoft.PowerShell.Commands.WriteProgressCommand",
     .process = write_progress_process},
    {0},
};
