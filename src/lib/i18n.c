/* i18n.c - gettext set-up: embedded catalogs written out once, per-thread locales. */
#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embed.h"

static locale_t loc_zh, loc_en;
static _Thread_local enum lang current = LANG_ZH;
static char dir[64];
static char mo_path[128], mo_dir1[96], mo_dir2[112];

static int write_catalog(void)
{
	const struct embedded *mo = embed_find("locale/en.mo");
	const char *tmp = getenv("TMPDIR");
	FILE *f;

	if (!mo)
		return -1;
	snprintf(dir, sizeof(dir), "%s/jindu-locale-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(mo_dir1, sizeof(mo_dir1), "%s/en", dir);
	snprintf(mo_dir2, sizeof(mo_dir2), "%s/en/LC_MESSAGES", dir);
	snprintf(mo_path, sizeof(mo_path), "%s/jindu.mo", mo_dir2);
	if (mkdir(mo_dir1, 0700) < 0 || mkdir(mo_dir2, 0700) < 0)
		return -1;
	f = fopen(mo_path, "wb");
	if (!f)
		return -1;
	fwrite(mo->start, 1, embed_size(mo), f);
	if (fclose(f) != 0)
		return -1;
	return 0;
}

int i18n_init(void)
{
	/* LANGUAGE would override the per-thread choice for every thread. */
	unsetenv("LANGUAGE");
	loc_zh = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	if (!loc_zh)
		loc_zh = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (write_catalog() < 0)
		return -1;
	bindtextdomain("jindu", dir);
	bind_textdomain_codeset("jindu", "UTF-8");
	loc_en = newlocale(LC_MESSAGES_MASK, "en_US.UTF-8", newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0));
	if (loc_en) {
		/* gettext maps the catalog on first use and keeps it: load it now,
		 * then remove the files, so nothing is left behind even when the
		 * process is killed. */
		locale_t before = uselocale(loc_en);
		(void)dgettext("jindu", "禁毒工作信息系统");
		uselocale(before);
	}
	i18n_cleanup();
	return loc_en ? 0 : -1;
}

void i18n_cleanup(void)
{
	if (mo_path[0]) {
		unlink(mo_path);
		rmdir(mo_dir2);
		rmdir(mo_dir1);
		rmdir(dir);
		mo_path[0] = '\0';
	}
}

enum lang i18n_current(void)
{
	return current;
}

void i18n_use(enum lang l)
{
	locale_t loc = l == LANG_EN && loc_en ? loc_en : loc_zh;
	current = l;
	if (loc)
		uselocale(loc);
}

enum lang lang_from_key(const char *key)
{
	return key && !strcmp(key, "en") ? LANG_EN : LANG_ZH;
}

const char *lang_key(enum lang l)
{
	return l == LANG_EN ? "en" : "zh";
}
