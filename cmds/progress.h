/*
 * progress.h - progress bars on the terminal, for Write-Progress and for
 * long-running cmdlets (copying disks, migrating VMs ...).
 *
 * A progress record is identified by its source and id; a record whose
 * parent_id names another active record is drawn under it, indented. The
 * bars are drawn on standard error only when it is a terminal and
 * $ProgressPreference is not SilentlyContinue (or Ignore); otherwise these
 * calls do nothing, so a cmdlet may report progress unconditionally.
 */
#ifndef CMD_PROGRESS_H
#define CMD_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sh_interp sh_interp;

typedef struct cmd_progress_record {
	int64_t source_id;             /* 0 for the shell's own records */
	int id;                        /* Write-Progress -Id, default 0 */
	int parent_id;                 /* -1: a top-level record */
	const char *activity;          /* required unless completed */
	const char *status;            /* NULL: "Processing" */
	const char *current_operation; /* may be NULL */
	int percent;                   /* 0..100, -1: no bar */
	int seconds_remaining;         /* -1: not shown */
	bool completed;                /* removes the record (and its children) */
} cmd_progress_record;

/* Adds, updates or (with `completed`) removes a record and redraws. */
void cmd_progress_write(sh_interp *in, const cmd_progress_record *r);

/* Shorthands for cmdlets: one record with an id, no parent. */
void cmd_progress_update(sh_interp *in, int id, const char *activity, const char *status,
                         int percent);
void cmd_progress_complete(sh_interp *in, int id);

/* Removes every bar from the screen and forgets the records (at the end of
 * a command line, as PowerShell's console clears its progress pane). */
void cmd_progress_reset(sh_interp *in);

/* The text of one record's line as drawn, `columns` wide at most
 * (malloc'd); exposed for the unit tests. `depth` indents children. */
char *cmd_progress_line(const cmd_progress_record *r, int depth, int columns);

#endif
