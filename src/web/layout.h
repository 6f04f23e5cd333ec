/* layout.h - the page chrome: head, top bar, side navigation, breadcrumbs, footer. */
#ifndef JINDU_LAYOUT_H
#define JINDU_LAYOUT_H

#include "domain/role.h"
#include "web/req.h"

struct crumb {
	const char *label; /* Chinese source text or data; escaped */
	const char *href;  /* NULL for the current page */
};

/*
 * Starts an HTML page in w->body: <head> with the stylesheet and scripts,
 * the top bar (user, role, jurisdiction, language, sign-out), the side
 * navigation with the modules the user's role may open (active one marked)
 * and the breadcrumbs. Page code writes the content, then layout_end.
 * For a signed-out request (login, errors) the navigation is left out.
 */
void layout_begin(struct req *r, struct resp *w, const char *title, enum module active,
		  const struct crumb *crumbs, int ncrumbs);
void layout_end(struct req *r, struct resp *w);

/* The current page's path and query, for links that come back to it. */
const char *layout_here(struct req *r);

/* The version tag appended to asset URLs so they can be cached for a year. */
const char *layout_asset_version(void);

/* A page with one message, for errors: status, title and message are set
 * by the caller (message translated here). */
void layout_message_page(struct req *r, struct resp *w, const char *title, const char *message);

/* "导出 Excel" for a list: a link to path (its workbook) with the list's
 * query parameters but the page, so the workbook holds every page of what
 * the filters show. Put inside the part htmx swaps, it follows them. */
void layout_export_link(struct req *r, struct buf *b, const char *path);
/* Pager links for a list: "?page=N" keeping the other query parameters. */
void layout_pager(struct req *r, struct buf *b, int64_t total, int page, int per_page);
/* A sortable column header link that toggles the direction; default_key is
 * the column the list is sorted by (descending) when the query names none. */
void layout_sort_th(struct req *r, struct buf *b, const char *key, const char *label,
		    const char *default_key);

#endif
