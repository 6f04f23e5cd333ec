/* i18n.h - translation through gettext; Simplified Chinese is the source language. */
#ifndef JINDU_I18N_H
#define JINDU_I18N_H

#include <libintl.h>

/*
 * Message ids are the Chinese texts themselves, so Chinese needs no
 * catalog; po/en.po holds the English. The language is per thread
 * (i18n_use), set by the server for each request from the user's choice.
 */
#define _(s) dgettext("jindu", s)
#define N_(s) (s)

enum lang { LANG_ZH, LANG_EN };

/* Writes the embedded catalogs where gettext can find them and prepares
 * the per-thread locales. Returns 0, or -1 when English is unavailable
 * (the locale en_US.UTF-8 is missing): Chinese still works. */
int i18n_init(void);
void i18n_cleanup(void);
/* Switches the calling thread's language; i18n_current says which it is. */
void i18n_use(enum lang l);
enum lang i18n_current(void);
enum lang lang_from_key(const char *key);
const char *lang_key(enum lang l);

#endif
