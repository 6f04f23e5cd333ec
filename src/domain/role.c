/* role.c - the permission matrix: which role may read or write which module. */
#include "role.h"

#include <string.h>

#include "lib/i18n.h"

/* Indexed by enum role; the terminator makes it a choice list for forms. */
const struct choice role_choices[ROLE_COUNT + 1] = {
	[ROLE_ADMIN] = { "admin", N_("禁毒办管理员") },
	[ROLE_POLICE] = { "police", N_("禁毒民警") },
	[ROLE_OFFICER] = { "officer", N_("乡镇禁毒专干") },
	[ROLE_SOCIAL_WORKER] = { "social_worker", N_("禁毒社工") },
	[ROLE_MEMBER] = { "member", N_("成员单位") },
	[ROLE_LEADER] = { "leader", N_("领导（只读）") },
	[ROLE_AUDITOR] = { "auditor", N_("审计员") },
	[ROLE_COUNT] = { NULL, NULL },
};

static const struct {
	const char *key;
	const char *label;
} modules[MOD_COUNT] = {
	[MOD_HOME] = { "home", N_("工作概览") },
	[MOD_PERSON] = { "person", N_("人员管控") },
	[MOD_ORG] = { "org", N_("区划与单位") },
	[MOD_USERS] = { "users", N_("用户管理") },
	[MOD_AUDIT] = { "audit", N_("审计日志") },
	[MOD_FEED] = { "feed", N_("数据接入") },
	[MOD_CASE] = { "case", N_("毒品案件") },
	[MOD_STATS] = { "stats", N_("指标统计") },
};

#define N ACC_NONE
#define R ACC_READ
#define W ACC_WRITE
/*
 * Least privilege: leaders and member units see aggregates, not personal
 * files; the auditor reads the audit log and nothing personal; system
 * administration is separate from auditing (等级保护 separation of duties).
 * Partner sources (their tokens, enabling them) are the office's: the
 * police, who act on their alerts, may see which are connected and what
 * they delivered. Drug cases and the networks behind them are police work:
 * the office and leaders read them; township staff, social workers and
 * member units have no business with suspects. The indicators (figures of
 * the area, computed, never entered) are for leaders and for those who do
 * the work they measure; the lists of records behind them need the
 * records' own module.
 */
static const enum access matrix[ROLE_COUNT][MOD_COUNT] = {
	/*                     HOME PERSON ORG USERS AUDIT FEED CASE STATS */
	[ROLE_ADMIN] =         { R,  W,     W,  W,    N,    W,   R,   R },
	[ROLE_POLICE] =        { R,  W,     R,  N,    N,    R,   W,   R },
	[ROLE_OFFICER] =       { R,  W,     R,  N,    N,    N,   N,   R },
	[ROLE_SOCIAL_WORKER] = { R,  W,     R,  N,    N,    N,   N,   R },
	[ROLE_MEMBER] =        { R,  N,     R,  N,    N,    N,   N,   N },
	[ROLE_LEADER] =        { R,  N,     R,  N,    N,    N,   R,   R },
	[ROLE_AUDITOR] =       { R,  N,     R,  N,    R,    N,   N,   N },
};
#undef N
#undef R
#undef W

enum role role_from_key(const char *key)
{
	int i;
	for (i = 0; key && i < ROLE_COUNT; i++)
		if (!strcmp(role_choices[i].key, key))
			return (enum role)i;
	return ROLE_NONE;
}

const char *role_key(enum role r)
{
	return r >= 0 && r < ROLE_COUNT ? role_choices[r].key : "";
}

const char *role_label(enum role r)
{
	return r >= 0 && r < ROLE_COUNT ? role_choices[r].label : "";
}

const char *module_key(enum module m)
{
	return m >= 0 && m < MOD_COUNT ? modules[m].key : "";
}

const char *module_label(enum module m)
{
	return m >= 0 && m < MOD_COUNT ? modules[m].label : "";
}

enum access role_access(enum role r, enum module m)
{
	if (r < 0 || r >= ROLE_COUNT || m < 0 || m >= MOD_COUNT)
		return ACC_NONE;
	return matrix[r][m];
}

int role_can(enum role r, enum module m, enum access need)
{
	return role_access(r, m) >= need && need != ACC_NONE;
}
