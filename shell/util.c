/*
 * util.c - allocation, growable strings and the small string helpers that
 * every other module leans on.
 *
 * Running out of memory is not something a shell can recover from in a
 * useful way, so the x* allocators report it once and exit(70) (EX_SOFTWARE);
 * that keeps NULL checks out of the rest of the code.
 *
 * sh_buf keeps its data NUL-terminated at all times so callers can hand
 * buf_str() to any C string function without an extra step.
 *
 * Wildcards follow PowerShell's WildcardPattern: `*`, `?`, `[set]` with
 * ranges, and backtick escapes. Matching is iterative with single-star
 * backtracking, which is linear enough for the names and paths scripts
 * match against and never recurses deeply.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

static void out_of_memory(void)
{
	fputs("hvsh: out of memory\n", stderr);
	exit(70);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s ? s : "", strlen(s ? s : ""));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	sh_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

static void buf_reserve(sh_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 32;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_putc(sh_buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_puts(sh_buf *b, const char *s)
{
	if (s)
		buf_putn(b, s, strlen(s));
}

void buf_putn(sh_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_vprintf(sh_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	char probe[1];
	int n = vsnprintf(probe, sizeof probe, fmt, copy);
	va_end(copy);
	if (n <= 0) {
		buf_reserve(b, 0);
		return;
	}
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(sh_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_put_utf8(sh_buf *b, uint32_t cp)
{
	char tmp[4];
	size_t n;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		tmp[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		tmp[0] = (char)(0xC0 | (cp >> 6));
		tmp[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		tmp[0] = (char)(0xE0 | (cp >> 12));
		tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		tmp[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		tmp[0] = (char)(0xF0 | (cp >> 18));
		tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		tmp[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_putn(b, tmp, n);
}

const char *buf_str(sh_buf *b)
{
	return b->data ? b->data : "";
}

char *buf_detach(sh_buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_reset(sh_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(sh_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static int ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

bool str_ieq(const char *a, const char *b)
{
	return str_icmp(a, b) == 0;
}

int str_icmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)(a ? a : "");
	const unsigned char *y = (const unsigned char *)(b ? b : "");
	while (*x && ascii_lower(*x) == ascii_lower(*y)) {
		x++;
		y++;
	}
	return ascii_lower(*x) - ascii_lower(*y);
}

bool str_iprefix(const char *s, const char *prefix)
{
	if (!s || !prefix)
		return false;
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

bool str_isuffix(const char *s, const char *suffix)
{
	if (!s || !suffix)
		return false;
	size_t n = strlen(s), m = strlen(suffix);
	return m <= n && strcasecmp(s + n - m, suffix) == 0;
}

/* Decodes one UTF-8 code point at *p and advances; invalid bytes decode
 * as themselves so that matching never stalls. */
static uint32_t next_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	int n = 0;
	if (c >= 0xF0 && c < 0xF8)
		n = 3, c &= 0x07;
	else if (c >= 0xE0)
		n = 2, c &= 0x0F;
	else if (c >= 0xC0)
		n = 1, c &= 0x1F;
	if (c >= 0x80 && n == 0) {
		(*p)++;
		return c;
	}
	int i;
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			break;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (i <= n) {
		(*p)++;
		return s[0];
	}
	*p += n + 1;
	return c;
}

static uint32_t fold_cp(uint32_t c, bool ignore_case)
{
	if (!ignore_case)
		return c;
	if (c < 0x80)
		return (uint32_t)ascii_lower((int)c);
	return (uint32_t)towlower((wint_t)c);
}

/* Matches one [set] at *pp against c; advances *pp past the closing ].
 * Returns -1 when the bracket is unterminated (then treated literally). */
static int match_set(const char **pp, uint32_t c, bool ignore_case)
{
	const char *p = *pp + 1;
	bool negate = false, found = false;
	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	bool first = true;
	while (*p && (*p != ']' || first)) {
		first = false;
		uint32_t lo;
		if (*p == '`' && p[1]) {
			p++;
		}
		lo = next_cp(&p);
		uint32_t hi = lo;
		if (*p == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '`' && p[1])
				p++;
			hi = next_cp(&p);
		}
		uint32_t fc = fold_cp(c, ignore_case);
		if ((c >= lo && c <= hi) ||
		    (fc >= fold_cp(lo, ignore_case) && fc <= fold_cp(hi, ignore_case)))
			found = true;
	}
	if (*p != ']')
		return -1;
	*pp = p + 1;
	return found != negate;
}

bool sh_wildcard_match(const char *pattern, const char *text, bool ignore_case)
{
	const char *p = pattern ? pattern : "", *t = text ? text : "";
	const char *star_p = NULL, *star_t = NULL;
	while (*t) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (!*p)
				return true;
			star_p = p;
			star_t = t;
			continue;
		}
		const char *tt = t;
		uint32_t c = next_cp(&tt);
		bool ok = false;
		const char *np = p;
		if (*p == '?') {
			ok = true;
			np = p + 1;
		} else if (*p == '[') {
			const char *q = p;
			int r = match_set(&q, c, ignore_case);
			if (r >= 0) {
				ok = r == 1;
				np = q;
			} else {
				np = p + 1;
				ok = c == '[';
			}
		} else if (*p) {
			if (*p == '`' && p[1])
				np++;
			uint32_t pc = next_cp(&np);
			ok = fold_cp(pc, ignore_case) == fold_cp(c, ignore_case);
		}
		if (ok) {
			p = np;
			t = tt;
			continue;
		}
		if (!star_p)
			return false;
		p = star_p;
		next_cp(&star_t);
		t = star_t;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

bool sh_has_wildcard(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '`') {
			if (s[1])
				s++;
			continue;
		}
		if (*s == '*' || *s == '?' || *s == '[')
			return true;
	}
	return false;
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	while (s && *s) {
		next_cp(&s);
		n++;
	}
	return n;
}

size_t utf8_width(const char *s)
{
	size_t w = 0;
	while (s && *s) {
		uint32_t c = next_cp(&s);
		if (c < 0x80) {
			w += c >= 0x20 && c != 0x7F;
			continue;
		}
		int cw = wcwidth((wchar_t)c);
		if (cw < 0) {
			/* Without a UTF-8 locale wcwidth knows nothing; fall back on
			   the East Asian wide blocks so tables still line up. */
			if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
			    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
			    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
			    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
			    (c >= 0x20000 && c <= 0x3FFFD))
				cw = 2;
			else if ((c >= 0x300 && c <= 0x36F) || c == 0x200B)
				cw = 0;
			else
				cw = 1;
		}
		w += (size_t)cw;
	}
	return w;
}

char *read_whole_fd(int fd, size_t *len)
{
	size_t cap = 8192, n = 0;
	char *data = xmalloc(cap);
	for (;;) {
		if (cap - n < 4096) {
			cap *= 2;
			data = xrealloc(data, cap);
		}
		ssize_t r = read(fd, data + n, cap - n - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			free(data);
			errno = saved;
			return NULL;
		}
		n += (size_t)r;
	}
	data[n] = 0;
	if (len)
		*len = n;
	return data;
}

char *read_whole_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *data = read_whole_fd(fd, len);
	int saved = errno;
	close(fd);
	errno = saved;
	return data;
}

/* Length of the well-formed sequence at s (1..4), or 0 when ill-formed:
 * no overlong forms, surrogates or values past U+10FFFF. */
static int utf8_sequence(const unsigned char *s)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	int n = c >= 0xC2 && c <= 0xDF   ? 2
	        : c >= 0xE0 && c <= 0xEF ? 3
	        : c >= 0xF0 && c <= 0xF4 ? 4
	                                 : 0;
	if (!n)
		return 0;
	for (int i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return n;
}

char *utf8_sanitize(char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + *len;
	while (p < end) {
		int n = *p < 0x80 ? 1 : utf8_sequence(p);
		if (!n || p + n > end)
			break;
		p += n;
	}
	if (p == end)
		return s;
	sh_buf b = {0};
	buf_putn(&b, s, (size_t)((const char *)p - s));
	while (p < end) {
		int n = *p < 0x80 ? 1 : utf8_sequence(p);
		if (n && p + n <= end) {
			buf_putn(&b, (const char *)p, (size_t)n);
			p += n;
		} else {
			buf_puts(&b, "\xEF\xBF\xBD");
			p++;
		}
	}
	free(s);
	*len = b.len;
	return buf_detach(&b);
}
