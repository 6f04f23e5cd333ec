/* html.c - escaping writers for HTML text, attributes and URLs. */
#include "web/html.h"

#include <qrencode.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/timeutil.h"

void html_text(struct buf *b, const char *s)
{
	const char *start = s;
	if (!s)
		return;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, start, (size_t)(s - start));
		buf_adds(b, rep);
		start = s + 1;
	}
	buf_add(b, start, (size_t)(s - start));
}

void html_textf(struct buf *b, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	html_text(b, tmp.buf);
	buf_release(&tmp);
}

void html_raw_trusted(struct buf *b, const char *s)
{
	buf_adds(b, s);
}

void html_rawf_trusted(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void html_url_value(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_addch(b, c);
		} else {
			buf_addch(b, '%');
			buf_addch(b, hex[c >> 4]);
			buf_addch(b, hex[c & 15]);
		}
	}
}

void html_link(struct buf *b, const char *href, const char *text)
{
	buf_adds(b, "<a href=\"");
	html_attr(b, href);
	buf_adds(b, "\">");
	html_text(b, text);
	buf_adds(b, "</a>");
}

void html_elem(struct buf *b, const char *tag, const char *cls, const char *text)
{
	buf_addf(b, "<%s", tag);
	if (cls) {
		buf_adds(b, " class=\"");
		html_attr(b, cls);
		buf_adds(b, "\"");
	}
	buf_adds(b, ">");
	html_text(b, text);
	buf_addf(b, "</%s>", tag);
}

void html_date(struct buf *b, int ymd)
{
	char s[11];
	if (ymd <= 0) {
		buf_adds(b, "—");
		return;
	}
	ymd_format(ymd, s);
	buf_adds(b, s);
}

void html_time(struct buf *b, int64_t t)
{
	char s[20];
	if (t <= 0) {
		buf_adds(b, "—");
		return;
	}
	unix_format(t, s);
	buf_add(b, s, 16);
}

void html_count(struct buf *b, int64_t n)
{
	char digits[32];
	int len, i;
	if (n < 0) {
		buf_addch(b, '-');
		n = -n;
	}
	len = snprintf(digits, sizeof(digits), "%lld", (long long)n);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_addch(b, ',');
		buf_addch(b, digits[i]);
	}
}

int html_qr(struct buf *b, const char *text, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int x, y, quiet = 4, size;

	if (!q)
		return -1;
	size = q->width + 2 * quiet;
	html_rawf_trusted(b, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" "
			     "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
			     "shape-rendering=\"crispEdges\" aria-label=\"",
			  size, size, size * 5, size * 5);
	html_text(b, label);
	html_rawf_trusted(b, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path d=\"", size,
			  size);
	/* one square per dark module (bit 0 of each byte) */
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1)
				html_rawf_trusted(b, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	html_raw_trusted(b, "\" fill=\"#000\"/></svg>");
	QRcode_free(q);
	return 0;
}
