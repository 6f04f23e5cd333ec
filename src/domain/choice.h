/* choice.h - fixed lists of coded values with Chinese labels (statuses, drug types...). */
#ifndef JINDU_CHOICE_H
#define JINDU_CHOICE_H

/* A coded value: key is stored and sent over the API, label is shown
 * (translated with _() at display time). Lists end with { NULL, NULL }. */
struct choice {
	const char *key;
	const char *label;
};

/* The entry for key, or NULL. */
const struct choice *choice_find(const struct choice *list, const char *key);
/* Its label, or the key itself when unknown (so nothing is hidden). */
const char *choice_label(const struct choice *list, const char *key);
/* 1 when key is in the list. */
int choice_valid(const struct choice *list, const char *key);
/* 1 when every comma-separated key of keys is in the list; "" is valid, an
 * empty key ("a,,b", "a,") is not. */
int choice_valid_set(const struct choice *list, const char *keys);

#endif
