/*
 * repl.c - the interactive loop: prompt, line editing, multi-line input,
 * the saved history, tab completion and Ctrl+C.
 *
 * The loop reads one line at a time and asks the parser whether the text
 * so far is complete; when the parser says the input merely ended too
 * early (an open brace, a trailing pipe), it prompts ">> " for more and
 * parses the joined text again. A blank continuation line runs what was
 * typed, as pwsh's console host does, so a mistake never traps the user.
 *
 * On a terminal, lines come from GNU readline's callback interface rather
 * than readline(): hvsh owns the wait for input (select), so Ctrl+C at the
 * prompt can throw away the line being typed, and a window resize is
 * handled, without running readline code inside a signal handler. While a
 * command runs, Ctrl+C only raises the interpreter's interrupt flag, which
 * stops the pipeline at its next item and lets `finally` blocks run; the
 * terminal has echoed ^C, so the next prompt starts on a line of its own.
 * Answers to Read-Host, Get-Credential, mandatory-parameter and -Confirm
 * prompts are read by the interpreter itself (sh_host_read_line), never by
 * readline, so they can never reach the history.
 *
 * Two histories, as PowerShell with PSReadLine keeps them: the session
 * history (Get-History, Invoke-History) holds the command lines run in
 * this session, added when each has run; the line editor's history (the
 * up arrow) starts with the saved file and is appended to it as each line
 * is run, so a session started later sees the lines of every earlier one.
 * Appending with O_APPEND under a lock, never rewriting, lets sessions run
 * side by side; the file is cut back to its newest SH_HISTORY_MAX entries
 * (through a temporary file and rename) only once it holds twice as many,
 * so the rewrite is rare. Lines that look like they carry a secret
 * (PSReadLine's rule: password, asplaintext, token, apikey, secret) are
 * kept for the up arrow but not written to the file.
 *
 * Tab completion asks the engine (complete.h) for the candidates and the
 * range of the line they replace. Readline finds the word itself from a
 * set of break characters, so the word-break hook hands it the one
 * character just before the engine's range: the word readline then sees
 * is exactly the engine's. Where that cannot work (the same character
 * occurs inside the word, as in a quoted path with spaces), the
 * candidates are cut or extended to fit readline's word instead. The
 * rest is readline's usual behaviour: a unique candidate is inserted, an
 * ambiguous TAB completes the common prefix and a second one lists them.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"
#include "convert.h"
#include "parser.h"
#include "repl.h"
#include "util.h"
#include "version.h"

/* Set by Ctrl+C, read by every loop and pipeline. interp.h offers only the
 * way to raise it; a prompt function run after an interrupted command must
 * not find it still raised. */

/* ------------------------------------------------------------------ */
/* the saved history file */

static int mkdirs(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != 0)
			continue;
		char saved = *p;
		*p = 0;
		int r = mkdir(path, 0700);
		*p = saved;
		if (r != 0 && errno != EEXIST)
			return -1;
		if (saved == 0)
			return 0;
	}
}

char *sh_histfile_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	char *dir;
	if (state && *state == '/') { /* the XDG spec ignores relative paths */
		dir = xasprintf("%s/hvsh", state);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
		if (!home || *home != '/')
			return NULL;
		dir = xasprintf("%s/.local/state/hvsh", home);
	}
	char *path = NULL;
	if (mkdirs(dir) == 0)
		path = xasprintf("%s/history", dir);
	free(dir);
	return path;
}

/* Where each entry of the file's text starts: an entry ends at the first
 * line that does not end with a backtick. Returns the count; starts[count]
 * is the length. */
static size_t entry_starts(const char *text, size_t len, size_t **starts)
{
	size_t n = 0, cap = 16;
	*starts = xmalloc(cap * sizeof **starts);
	size_t i = 0;
	while (i < len) {
		if (n + 2 > cap) {
			cap *= 2;
			*starts = xrealloc(*starts, cap * sizeof **starts);
		}
		(*starts)[n++] = i;
		for (;;) {
			const char *nl = memchr(text + i, '\n', len - i);
			size_t line_end = nl ? (size_t)(nl - text) : len;
			i = nl ? line_end + 1 : len;
			if (i >= len || line_end == 0 || text[line_end - 1] != '`')
				break;
		}
	}
	(*starts)[n] = len;
	return n;
}

/* The entry text stored in text[from, to): continuation backticks dropped. */
static char *decode_entry(const char *text, size_t from, size_t to)
{
	sh_buf b = {0};
	size_t i = from;
	while (i < to) {
		const char *nl = memchr(text + i, '\n', to - i);
		size_t end = nl ? (size_t)(nl - text) : to;
		size_t line_len = end - i;
		if (line_len && text[end - 1] == '\r')
			line_len--;
		bool more = nl && end + 1 < to;
		if (more && line_len && text[i + line_len - 1] == '`')
			line_len--;
		buf_putn(&b, text + i, line_len);
		if (more)
			buf_putc(&b, '\n');
		i = end + 1;
	}
	return buf_detach(&b);
}

size_t sh_histfile_load(const char *path, void (*each)(void *ctx, const char *entry), void *ctx)
{
	size_t len = 0;
	char *text = read_whole_file(path, &len);
	if (!text)
		return 0;
	size_t *starts;
	size_t n = entry_starts(text, len, &starts);
	char *previous = NULL;
	for (size_t k = 0; k < n; k++) {
		char *entry = decode_entry(text, starts[k], starts[k + 1]);
		if (*entry && !(previous && strcmp(previous, entry) == 0)) {
			each(ctx, entry);
			free(previous);
			previous = entry;
		} else {
			free(entry);
		}
	}
	free(previous);
	free(starts);
	free(text);
	return n;
}

/* Opens the file and locks it, making sure the lock is on the file the
 * path names now: a trim in another session may have replaced it. */
static int open_locked(const char *path, int flags)
{
	for (int attempt = 0; attempt < 5; attempt++) {
		int fd = open(path, flags | O_CLOEXEC, 0600);
		if (fd < 0)
			return -1;
		struct stat held, named;
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &held) == 0 && stat(path, &named) == 0 &&
		    held.st_ino == named.st_ino && held.st_dev == named.st_dev)
			return fd;
		close(fd);
	}
	return -1;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

bool sh_histfile_append(const char *path, const char *entry)
{
	sh_buf b = {0};
	for (const char *p = entry; *p; p++) {
		if (*p == '\n')
			buf_putc(&b, '`');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '\n');
	int fd = open_locked(path, O_WRONLY | O_APPEND | O_CREAT);
	bool ok = fd >= 0 && write_all(fd, b.data, b.len); /* one write: no interleaving */
	if (fd >= 0)
		close(fd);
	buf_free(&b);
	return ok;
}

bool sh_histfile_trim(const char *path, size_t keep)
{
	int fd = open_locked(path, O_RDWR);
	if (fd < 0)
		return false;
	size_t len = 0;
	char *text = read_whole_fd(fd, &len);
	bool ok = text != NULL;
	size_t *starts = NULL;
	size_t n = text ? entry_starts(text, len, &starts) : 0;
	if (ok && n > keep) {
		char *tmp = xasprintf("%s.XXXXXX", path);
		int out = mkstemp(tmp);
		size_t from = starts[n - keep];
		ok = out >= 0 && write_all(out, text + from, len - from) && fsync(out) == 0;
		if (out >= 0 && close(out) != 0)
			ok = false;
		if (ok)
			ok = rename(tmp, path) == 0;
		if (!ok && out >= 0)
			unlink(tmp);
		free(tmp);
	}
	free(starts);
	free(text);
	close(fd); /* releases the lock: waiting sessions see the new file */
	return ok;
}

/* PSReadLine's rule for lines not worth the risk of a file on disk. */
static bool looks_secret(const char *line)
{
	static const char *const words[] = {"password", "asplaintext", "token", "apikey", "secret"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		for (const char *p = line; *p; p++)
			if (str_iprefix(p, words[i]))
				return true;
	return false;
}

typedef struct saved_history {
	char *path;   /* NULL: nothing is saved */
	size_t count; /* entries in the file, as far as this session knows */
} saved_history;

static void add_loaded(void *ctx, const char *entry)
{
	(void)ctx;
	add_history(entry);
}

static void history_open(saved_history *h)
{
	h->path = sh_histfile_path();
	h->count = h->path ? sh_histfile_load(h->path, add_loaded, NULL) : 0;
	stifle_history(SH_HISTORY_MAX);
}

static void history_remember(saved_history *h, const char *text)
{
	HIST_ENTRY *last =
	    history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (last && strcmp(last->line, text) == 0)
		return;
	add_history(text);
	if (!h->path || looks_secret(text))
		return;
	if (sh_histfile_append(h->path, text) && ++h->count > 2 * SH_HISTORY_MAX) {
		sh_histfile_trim(h->path, SH_HISTORY_MAX);
		h->count = SH_HISTORY_MAX;
	}
}

/* ------------------------------------------------------------------ */
/* the prompt */

static char *user_prompt(sh_interp *in)
{
	sh_value *fn = sh_function_get(in, "prompt");
	if (!fn)
		return NULL;
	sh_ref(fn); /* the prompt may redefine itself */
	sh_value *result = NULL;
	sh_clear_interrupt();
	sh_status st = sh_invoke_block_collect(in, fn, NULL, NULL, 0, NULL, false, &result);
	sh_unref(fn);
	char *text = NULL;
	if (st == SH_OK && result)
		text = sh_to_string(result);
	if (st == SH_THROW)
		sh_unref(sh_take_pending_error(in));
	sh_unref(result);
	if (!text || !*text) {
		free(text);
		text = xstrdup("PS> ");
	}
	return text;
}

char *sh_repl_prompt(sh_interp *in, const char *prefix)
{
	sh_buf b = {0};
	if (prefix)
		buf_puts(&b, prefix);
	char *text = user_prompt(in);
	if (text)
		buf_puts(&b, text);
	else
		buf_printf(&b, "PS %s> ", sh_get_location(in));
	free(text);
	return buf_detach(&b);
}

/* Readline counts every byte of the prompt as a column unless escape
 * sequences are bracketed with \001 and \002; prompt functions colour
 * their text without knowing that. */
static char *mark_escapes(const char *prompt)
{
	sh_buf b = {0};
	for (const char *p = prompt; *p;) {
		if (p[0] == '\033' && p[1] == '[') {
			const char *q = p + 2;
			while (*q && !(*q >= 0x40 && *q <= 0x7e))
				q++;
			if (*q)
				q++;
			buf_putc(&b, '\001');
			buf_putn(&b, p, (size_t)(q - p));
			buf_putc(&b, '\002');
			p = q;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_detach(&b);
}

/* ------------------------------------------------------------------ */
/* the host: width and Ctrl+C */

int sh_repl_terminal_width(void)
{
	const char *columns = getenv("COLUMNS");
	if (columns && *columns) {
		char *end;
		long n = strtol(columns, &end, 10);
		if (*end == 0 && n > 0 && n < 100000)
			return (int)n;
	}
	struct winsize ws;
	int fds[] = {STDOUT_FILENO, STDERR_FILENO, STDIN_FILENO};
	for (size_t i = 0; i < 3; i++)
		if (ioctl(fds[i], TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			return ws.ws_col;
	return 120;
}

/* Ctrl+C at the prompt (while readline waits) and window resizes. */
static volatile sig_atomic_t got_sigint, got_sigwinch;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		got_sigint = 1;
	else
		got_sigwinch = 1;
}

static void install(int sig, void (*handler)(int), int flags)
{
	struct sigaction sa = {0};
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* ------------------------------------------------------------------ */
/* tab completion */

static struct {
	sh_interp *in;
	const sh_buf *before; /* the lines typed before this one (a continuation) */
	sh_completions found;
	size_t start;    /* the engine's range start within rl_line_buffer */
	bool valid;      /* `found` answers the current TAB */
	char **labels;   /* what the list shows for each of the last matches, */
	char **labelled; /* and the matches they belong to */
	size_t nlabels;
} completion;

static void forget_labels(void)
{
	for (size_t i = 0; i < completion.nlabels; i++) {
		free(completion.labels[i]);
		free(completion.labelled[i]);
	}
	free(completion.labels);
	free(completion.labelled);
	completion.labels = completion.labelled = NULL;
	completion.nlabels = 0;
}

/* A list of candidates shows their labels (`my dir/` for './my dir/'). */
static void display_labels(char **matches, int count, int max_length)
{
	(void)max_length;
	char **shown = xmalloc(((size_t)count + 2) * sizeof *shown);
	shown[0] = matches[0];
	int widest = 0;
	for (int i = 0; i < count; i++) {
		/* readline may have reordered the matches: find each one's label */
		shown[i + 1] = matches[i + 1];
		for (size_t k = 0; k < completion.nlabels; k++)
			if (strcmp(completion.labelled[k], matches[i + 1]) == 0)
				shown[i + 1] = completion.labels[k];
		int w = (int)utf8_width(shown[i + 1]);
		if (w > widest)
			widest = w;
	}
	shown[count + 1] = NULL;
	rl_display_match_list(shown, count, widest);
	free(shown);
	rl_forced_update_display();
}

static void complete_now(void)
{
	if (completion.valid)
		sh_completions_free(&completion.found);
	completion.valid = true;
	memset(&completion.found, 0, sizeof completion.found);
	sh_buf text = {0};
	size_t offset = 0;
	if (completion.before && completion.before->len) {
		buf_putn(&text, completion.before->data, completion.before->len);
		buf_putc(&text, '\n');
		offset = text.len;
	}
	buf_puts(&text, rl_line_buffer);
	sh_complete(completion.in, buf_str(&text), offset + (size_t)rl_point, &completion.found);
	buf_free(&text);
	if (completion.found.start < offset || completion.found.start > offset + (size_t)rl_point) {
		sh_completions_free(&completion.found);
		memset(&completion.found, 0, sizeof completion.found);
		completion.start = (size_t)rl_point;
		return;
	}
	completion.start = completion.found.start - offset;
}

static char *word_break_hook(void)
{
	static char breaks[2];
	complete_now();
	size_t s = completion.start;
	if (s == 0)
		return breaks + 1; /* no break character: the word starts the line */
	char before = rl_line_buffer[s - 1];
	if (memchr(rl_line_buffer + s, before, (size_t)rl_point - s) ||
	    (unsigned char)before >= 0x80)
		return NULL; /* readline's own idea of the word; the candidates adapt */
	breaks[0] = before;
	return breaks;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The candidates, made to replace readline's word [start, end) instead of
 * the engine's range. */
static char **adapted_candidates(size_t start, size_t *count)
{
	size_t es = completion.start;
	char **items = xmalloc((completion.found.len + 1) * sizeof *items);
	forget_labels();
	completion.labels = xmalloc((completion.found.len + 1) * sizeof *completion.labels);
	completion.labelled = xmalloc((completion.found.len + 1) * sizeof *completion.labelled);
	size_t n = 0;
	for (size_t i = 0; i < completion.found.len; i++) {
		const char *item = completion.found.items[i];
		size_t before = n;
		if (es == start) {
			items[n++] = xstrdup(item);
		} else if (es < start) {
			size_t cut = start - es;
			if (strlen(item) >= cut && strncasecmp(item, rl_line_buffer + es, cut) == 0)
				items[n++] = xstrdup(item + cut);
		} else {
			items[n++] =
			    xasprintf("%.*s%s", (int)(es - start), rl_line_buffer + start, item);
		}
		if (n > before) {
			const char *label = completion.found.labels && completion.found.labels[i]
			                        ? completion.found.labels[i]
			                        : item;
			completion.labels[completion.nlabels] = xstrdup(label);
			completion.labelled[completion.nlabels++] = xstrdup(items[n - 1]);
		}
	}
	*count = n;
	return items;
}

static char **attempt_completion(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1; /* never readline's file names */
	if (!completion.valid)
		complete_now();
	completion.valid = false;
	size_t n = 0;
	char **items = adapted_candidates((size_t)start, &n);
	rl_completion_append_character = completion.found.append_space ? ' ' : 0;
	rl_completion_suppress_append = 0;
	sh_completions_free(&completion.found);
	memset(&completion.found, 0, sizeof completion.found);
	if (n == 0) {
		free(items);
		return NULL;
	}
	char **matches = xmalloc((n + 2) * sizeof *matches);
	if (n == 1) {
		matches[0] = items[0];
		matches[1] = NULL;
		free(items);
		return matches;
	}
	/* the common prefix, compared as PowerShell compares names */
	size_t common = strlen(items[0]);
	for (size_t i = 1; i < n; i++) {
		size_t j = 0;
		while (j < common && items[i][j] && lower(items[i][j]) == lower(items[0][j]))
			j++;
		common = j;
	}
	while (common > 0 && ((unsigned char)items[0][common] & 0xC0) == 0x80)
		common--; /* never half a character */
	/* a wildcard's candidates need not start with the word: keep the word */
	matches[0] = common < strlen(text) ? xstrdup(text) : xstrndup(items[0], common);
	memcpy(matches + 1, items, n * sizeof *items);
	matches[n + 1] = NULL;
	free(items);
	return matches;
}

static void init_readline(sh_interp *in)
{
	static bool done;
	completion.in = in;
	if (done)
		return;
	done = true;
	setlocale(LC_CTYPE, ""); /* multibyte line editing */
	rl_readline_name = "hvsh";
	rl_change_environment = 0; /* keep $COLUMNS meaning what the user set */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_attempted_completion_function = attempt_completion;
	rl_completion_display_matches_hook = display_labels;
	rl_completion_word_break_hook = word_break_hook;
	rl_completer_quote_characters = NULL; /* the engine reads quotes itself */
	rl_completer_word_break_characters = " \t\n;|&(){}=,";
	rl_variable_bind("completion-ignore-case", "on");
	rl_sort_completion_matches = 0; /* the engine's order */
}

/* ------------------------------------------------------------------ */
/* reading lines */

typedef enum read_result { READ_LINE, READ_EOF, READ_CANCELLED } read_result;

static char *completed_line;
static bool line_done;

static void on_readline_line(char *line)
{
	completed_line = line;
	line_done = true;
	/* Stop reading until the command has run: it may read the terminal itself. */
	rl_callback_handler_remove();
}

static read_result read_terminal_line(const char *prompt, char **line)
{
	struct sigaction sa = {0}, old_int;
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask); /* no SA_RESTART: select must see the signal */
	sigaction(SIGINT, &sa, &old_int);
	got_sigint = 0;

	read_result result = READ_LINE;
	line_done = false;
	completed_line = NULL;
	char *marked = mark_escapes(prompt);
	rl_callback_handler_install(marked, on_readline_line);
	while (!line_done) {
		fd_set fds;
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
		if (got_sigwinch) {
			got_sigwinch = 0;
			rl_resize_terminal();
		}
		if (got_sigint) {
			got_sigint = 0;
			rl_echo_signal_char(SIGINT);
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_callback_handler_remove();
			fputs("\n", rl_outstream ? rl_outstream : stdout);
			result = READ_CANCELLED;
			break;
		}
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rl_callback_handler_remove();
			result = READ_EOF;
			break;
		}
		rl_callback_read_char();
	}
	free(marked);
	sigaction(SIGINT, &old_int, NULL);
	if (result == READ_LINE && !completed_line)
		result = READ_EOF;
	*line = result == READ_LINE ? completed_line : NULL;
	return result;
}

static read_result read_plain_line(const char *prompt, char **line)
{
	fputs(prompt, stdout);
	fflush(stdout);
	size_t cap = 0;
	*line = NULL;
	ssize_t n = getline(line, &cap, stdin);
	if (n < 0) {
		free(*line);
		*line = NULL;
		return READ_EOF;
	}
	while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
		(*line)[--n] = 0;
	return READ_LINE;
}

/* ------------------------------------------------------------------ */
/* the loop */

static bool is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == 0;
}

/* True when the parser says `text` stops inside a construct. */
static bool needs_more(const char *text, size_t len)
{
	sh_parse_error err = {0};
	sh_ast_unit *unit = sh_parse(text, len, NULL, &err);
	if (unit) {
		sh_ast_unit_unref(unit);
		return false;
	}
	bool incomplete = err.incomplete;
	sh_parse_error_clear(&err);
	return incomplete;
}

int sh_repl_run(sh_interp *in, bool banner)
{
	bool terminal = isatty(STDIN_FILENO);
	saved_history saved = {0};
	sh_buf text = {0};
	if (terminal) {
		init_readline(in);
		history_open(&saved);
		completion.before = &text;
	}
	sh_catch_interrupts();
	install(SIGWINCH, on_signal, SA_RESTART);
	if (banner)
		printf("hvsh %s\n", HVSH_VERSION_STRING);

	int code = 0;
	for (;;) {
		char *prompt = text.len ? xstrdup(">> ") : sh_repl_prompt(in, NULL);
		char *line = NULL;
		fflush(stdout);
		fflush(stderr);
		read_result r =
		    terminal ? read_terminal_line(prompt, &line) : read_plain_line(prompt, &line);
		free(prompt);
		if (r == READ_CANCELLED) {
			buf_reset(&text);
			continue;
		}
		if (r == READ_EOF) {
			if (terminal)
				fputs("\n", stdout);
			break;
		}
		bool run_now = false;
		if (text.len == 0 && is_blank(line)) {
			free(line);
			continue;
		}
		if (text.len && *line == 0) {
			run_now = true; /* a blank continuation line ends the input */
		} else {
			if (text.len)
				buf_putc(&text, '\n');
			buf_puts(&text, line);
		}
		free(line);
		if (!run_now && needs_more(text.data, text.len))
			continue;

		if (terminal)
			history_remember(&saved, text.data);
		if (!getenv("COLUMNS"))
			sh_interp_host(in)->width = sh_repl_terminal_width();
		got_sigwinch = 0;
		sh_clear_interrupt();
		char *ran = buf_detach(&text);
		int64_t started = sh_now_ticks(SH_DT_LOCAL);
		int status = sh_run_source(in, ran, strlen(ran), NULL, NULL, 0);
		fflush(stdout);
		/* added once it has run, as PowerShell does: `r` finds the previous line */
		sh_history_add(in, ran, started, sh_now_ticks(SH_DT_LOCAL));
		free(ran);
		if (sh_exit_requested(in, &code))
			break;
		if (status == 130 && terminal) {
			/* after the echoed ^C: say what happened, then the prompt */
			fputs("\n", stdout);
			sh_write_host(in, "The pipeline has been stopped.", SH_COLOR_DARKYELLOW,
			              SH_COLOR_DEFAULT, true);
		}
	}
	buf_free(&text);
	if (terminal) {
		clear_history();
		completion.before = NULL;
	}
	if (completion.valid) {
		sh_completions_free(&completion.found);
		completion.valid = false;
	}
	free(saved.path);
	signal(SIGWINCH, SIG_DFL);
	return code;
}
