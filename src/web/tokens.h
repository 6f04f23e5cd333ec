/* tokens.h - the API tokens panel shared by the account page and the user page. */
#ifndef JINDU_WEB_TOKENS_H
#define JINDU_WEB_TOKENS_H

#include "store/store.h"
#include "web/form.h"
#include "web/req.h"

/*
 * The user's tokens, each with a revoke button posting to BASE/{id}; with
 * can_create a form posting a label to BASE. new_token, when not NULL, is
 * shown once above the list.
 */
void tokens_panel(struct req *r, struct buf *b, int64_t user_id, const char *base,
		  int can_create, const char *new_token, const struct field_error *errs, int nerr);
/* 0 when label is a token's purpose (1 to 120 bytes), else -1 with e set. */
int token_label_check(const char *label, struct field_error *e);

#endif
