/* pinyin.h - names in pinyin, full and initials, for search (张三: zhangsan, zs). */
#ifndef JINDU_PINYIN_H
#define JINDU_PINYIN_H

#include "arena.h"
#include "buf.h"

/*
 * Readings come from the table embedded as data/pinyin.tsv (generated from
 * Unihan's kMandarin by tools/gen-pinyin.js): one reading per ideograph, the
 * most customary one, in lower-case ASCII without tones, ü written v (吕 lv).
 * The first character of a name is read as a family name where that differs
 * (曾 zeng, 单 shan, 解 xie). The table is loaded on first use, once, by any
 * thread; after that every function here is safe to call concurrently.
 */

/*
 * Appends the pinyin of utf8_name to full ("张三" -> "zhangsan") and its
 * initials to initials ("zs"); either buffer may be NULL.
 *  - an ideograph contributes its reading, and the reading's first letter
 *    to the initials; one without a known reading contributes nothing;
 *  - ASCII letters and digits are kept, lower-cased; each run of them adds
 *    its first character to the initials ("李Tom" -> "litom", "lt");
 *  - anything else (spaces, the middle dot of 买买提·艾力) is dropped.
 * Returns 0, or -1 when utf8_name is not valid UTF-8 (the invalid bytes are
 * skipped and the rest is still converted) or a buffer reached its cap.
 */
int pinyin_of_name(const char *utf8_name, struct buf *full, struct buf *initials);

/* The same into the arena a: sets *full and *initials to strings that live
 * as long as a ("" when nothing in the name has a reading). The result is at
 * most twice as long as the name. Returns as pinyin_of_name. */
int pinyin_of_name_arena(struct arena *a, const char *utf8_name, const char **full,
			 const char **initials);

/* 1 when q looks like pinyin typed in a search box: two or more ASCII
 * letters (either case) and nothing else; 0 otherwise, also for NULL. */
int pinyin_is_query(const char *q);

/* Number of ideographs in the loaded table (0 when it is missing). */
size_t pinyin_table_size(void);

#endif
