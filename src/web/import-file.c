/* import-file.c - checks on a spreadsheet sent for import, and running the import as the signed-in user. */
#include "web/import-file.h"

#include <string.h>
#include <strings.h>

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && !strcasecmp(name + n - e, ext);
}

const char *import_file_kind(const char *name, const void *data, size_t len, const char **why)
{
	const char *ext = has_ext(name, ".csv") ? ".csv" : has_ext(name, ".xlsx") ? ".xlsx" : NULL;

	if (!ext) {
		*why = has_ext(name, ".xls") ? N_("这是旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 .csv 后再导入")
					     : N_("只能导入 .xlsx 或 .csv 文件");
		return NULL;
	}
	if (!len) {
		*why = N_("文件是空的");
		return NULL;
	}
	/* The readers say the same in more detail; this is the short answer. */
	if (!strcmp(ext, ".xlsx") && (len < 4 || memcmp(data, "PK\3\4", 4))) {
		*why = N_("该文件不是 .xlsx 工作簿：请在 Excel 中另存为 .xlsx 或 .csv 后再导入");
		return NULL;
	}
	if (!strcmp(ext, ".csv") && memchr(data, '\0', len)) {
		*why = N_("该文件不是文本格式的 .csv 文件：请在 Excel 中另存为 .xlsx 或 .csv 后再导入");
		return NULL;
	}
	return ext;
}

const char *import_file_name(struct req *r, const char *name, const char *fallback)
{
	const char *base = name ? name : "", *p;
	char *out, *w;
	size_t n;

	for (p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	out = arena_strdup(&r->arena, base);
	for (w = out; *w; w++)
		if ((unsigned char)*w < 0x20 || *w == 0x7f)
			*w = ' ';
	/* Cut at 100 bytes, on a character boundary. */
	n = strlen(out);
	if (n > 100) {
		n = 100;
		while (n && ((unsigned char)out[n] & 0xc0) == 0x80)
			n--;
		out[n] = '\0';
	}
	return *out ? out : fallback;
}

const char *import_file_detail(struct req *r, const struct buf *err, const char *path,
			       const char *name)
{
	struct buf b = BUF_INIT;
	const char *p = err->buf, *hit;
	const char *out;
	size_t plen = strlen(path);

	while (plen && (hit = strstr(p, path)) != NULL) {
		buf_add(&b, p, (size_t)(hit - p));
		buf_adds(&b, name);
		p = hit + plen;
	}
	buf_adds(&b, p);
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}
