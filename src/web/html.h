/* html.h - the only code that writes HTML: escaped by default, raw only by a loud name. */
#ifndef JINDU_HTML_H
#define JINDU_HTML_H

#include <stdint.h>

#include "lib/buf.h"

/* Text and attribute values: & < > " ' are escaped. Use for all data. */
void html_text(struct buf *b, const char *s);
/* Formats, then escapes the whole result. */
void html_textf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define html_attr html_text

/*
 * Markup written by the program itself, never data: tags, attribute names,
 * constant strings. Anything that came from a user, a file or the
 * database goes through html_text. Reviewers grep for this name.
 */
void html_raw_trusted(struct buf *b, const char *s);
void html_rawf_trusted(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Percent-encodes s for a URL query value. */
void html_url_value(struct buf *b, const char *s);

/* <a href="href">text</a>, both escaped. */
void html_link(struct buf *b, const char *href, const char *text);
/* An element with escaped text content: <tag class="cls">text</tag>. */
void html_elem(struct buf *b, const char *tag, const char *cls, const char *text);
/* "2024-02-29", or "—" for 0. */
void html_date(struct buf *b, int ymd);
/* "2026-11-23 12:34", or "—" for 0. */
void html_time(struct buf *b, int64_t unix_time);
/* 1,234,567 with thousands separators. */
void html_count(struct buf *b, int64_t n);
/* text as a QR code (libqrencode), an inline SVG image labelled label; 0,
 * or -1 when text cannot be encoded (nothing written). */
int html_qr(struct buf *b, const char *text, const char *label);

#endif
