/*
 * util.h - memory, string buffers and small string helpers used everywhere.
 *
 * Allocation failure is handled in one place: the x* allocators print a
 * message and exit(70); no caller checks for NULL.
 */
#ifndef SH_UTIL_H
#define SH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow-on-demand array of any element type: `T *items; size_t len, cap;`. */
#define VEC_PUSH(items, len, cap, value)                                                           \
	do {                                                                                       \
		if ((len) == (cap)) {                                                              \
			(cap) = (cap) ? (cap)*2 : 8;                                               \
			(items) = xrealloc((items), (cap) * sizeof *(items));                      \
		}                                                                                  \
		(items)[(len)++] = (value);                                                        \
	} while (0)

/* A growable NUL-terminated byte string. A zeroed struct is a valid empty buffer. */
typedef struct sh_buf {
	char *data;
	size_t len;
	size_t cap;
} sh_buf;

void buf_putc(sh_buf *b, char c);
void buf_puts(sh_buf *b, const char *s);
void buf_putn(sh_buf *b, const char *s, size_t n);
void buf_printf(sh_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(sh_buf *b, const char *fmt, va_list ap);
/* Append a UTF-8 encoding of a code point. */
void buf_put_utf8(sh_buf *b, uint32_t cp);
/* Always returns a valid string ("" for an empty buffer); never NULL. */
const char *buf_str(sh_buf *b);
/* Hands the string to the caller (malloc'd, never NULL) and resets the buffer. */
char *buf_detach(sh_buf *b);
void buf_reset(sh_buf *b);
void buf_free(sh_buf *b);

/* A whole file's (or descriptor's) bytes, NUL-terminated, in a malloc'd
 * buffer (*len bytes before the NUL); NULL with errno set on failure. */
char *read_whole_file(const char *path, size_t *len);
char *read_whole_fd(int fd, size_t *len);

/* ASCII case-insensitive comparison, as PowerShell's invariant-culture
 * comparisons behave for the names and words scripts use. */
bool str_ieq(const char *a, const char *b);
int str_icmp(const char *a, const char *b);
bool str_iprefix(const char *s, const char *prefix);
bool str_isuffix(const char *s, const char *suffix);

/* PowerShell wildcard match: * ? [abc] [a-z], backtick escapes. */
bool sh_wildcard_match(const char *pattern, const char *text, bool ignore_case);
/* True when the string holds an unescaped wildcard character. */
bool sh_has_wildcard(const char *s);

/* Returns s (*len bytes, NUL-terminated) when it is well-formed UTF-8;
 * otherwise frees it and returns a new string with each ill-formed byte
 * replaced by U+FFFD, updating *len. */
char *utf8_sanitize(char *s, size_t *len);

/* Number of code points in a UTF-8 string, and the display width in
 * terminal columns (wide East Asian characters count 2). */
size_t utf8_length(const char *s);
size_t utf8_width(const char *s);

#endif
