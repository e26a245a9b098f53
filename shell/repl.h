/*
 * repl.h - the interactive loop: the prompt, line editing with GNU
 * readline, multi-line input, the saved history, tab completion and
 * Ctrl+C.
 *
 * On a terminal lines come from readline; otherwise (a pipe, `ssh host`
 * without a pty) they are read plainly after the same prompts. The saved
 * history is a text file under $XDG_STATE_HOME/hvsh, one entry per line,
 * an entry's inner newlines written as a backtick ending the line (the
 * layout PSReadLine uses), appended to as each line runs so that
 * sessions share it.
 */
#ifndef SH_REPL_H
#define SH_REPL_H

#include <stdbool.h>
#include <stddef.h>

#include "interp.h"

/* Entries kept in the saved history; the file is cut back to this many
 * once it holds twice as many. */
#define SH_HISTORY_MAX 5000

/* Reads and runs command lines until `exit` or end of input; returns the
 * exit code. `banner` prints the version line first. */
int sh_repl_run(sh_interp *in, bool banner);

/* The prompt text: `prefix` (a remote session's "[host]: ", or NULL), then
 * the output of the user's `prompt` function in its string form, or
 * "PS <location>> " when there is none ("PS> " when it fails or returns
 * nothing, as pwsh). Malloc'd. */
char *sh_repl_prompt(sh_interp *in, const char *prefix);

/* The output width: $COLUMNS when set, else the terminal's (standard
 * output, error or input, the first that is one), else 120. */
int sh_repl_terminal_width(void);

/* ---- the saved history file ---- */

/* $XDG_STATE_HOME/hvsh/history, else ~/.local/state/hvsh/history; the
 * missing directories are created (mode 0700). Malloc'd; NULL when there
 * is no home directory. */
char *sh_histfile_path(void);
/* Calls `each` for every entry of the file in order, leaving out empty
 * entries and repeats of the entry before. Returns how many entries the
 * file holds. A missing file holds none. */
size_t sh_histfile_load(const char *path, void (*each)(void *ctx, const char *entry), void *ctx);
/* Appends one entry (created mode 0600; O_APPEND and a lock, so that
 * sessions writing at once neither interleave nor lose lines). */
bool sh_histfile_append(const char *path, const char *entry);
/* Keeps only the newest `keep` entries, replacing the file atomically. */
bool sh_histfile_trim(const char *path, size_t keep);

#endif
