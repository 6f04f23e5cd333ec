/* role.h - roles, modules and the permission matrix (deny by default). */
#ifndef JINDU_ROLE_H
#define JINDU_ROLE_H

#include "domain/choice.h"

/*
 * A user has one role and one jurisdiction; what they may do is the
 * role's access to a module, and where is the subtree of their
 * jurisdiction. Anything not granted in role.c's matrix is denied.
 *
 * To add a module: add it to enum module and module_names[], grant it per
 * role in the matrix in role.c, and test the grants in role-test.c.
 */
enum role {
	ROLE_ADMIN,         /* 禁毒办管理员 */
	ROLE_POLICE,        /* 禁毒民警 */
	ROLE_OFFICER,       /* 乡镇禁毒专干 */
	ROLE_SOCIAL_WORKER, /* 禁毒社工 */
	ROLE_MEMBER,        /* 成员单位 */
	ROLE_LEADER,        /* 领导（只读） */
	ROLE_AUDITOR,       /* 审计员 */
	ROLE_COUNT,
	ROLE_NONE = -1
};

enum module {
	MOD_HOME,    /* 首页 / 概览 */
	MOD_PERSON,  /* 人员管控 */
	MOD_ORG,     /* 区划与单位 */
	MOD_USERS,   /* 用户管理 */
	MOD_AUDIT,   /* 审计日志 */
	MOD_FEED,    /* 数据接入: partner sources of 动态管控预警 */
	MOD_CASE,    /* 毒品案件: cases, and the networks behind them */
	MOD_STATS,   /* 指标统计: indicators (and, later, bulletins and evaluation) */
	MOD_COUNT,
	MOD_NONE = -1 /* routes open to any signed-in user (own account) */
};

enum access { ACC_NONE = 0, ACC_READ = 1, ACC_WRITE = 2 };

/* Every role as a coded value (key, Chinese label), in enum order. */
extern const struct choice role_choices[];

/* "admin" etc. <-> enum; ROLE_NONE for unknown names. */
enum role role_from_key(const char *key);
const char *role_key(enum role r);
/* Chinese label, for translation with _() at display time. */
const char *role_label(enum role r);
const char *module_key(enum module m);
const char *module_label(enum module m);

enum access role_access(enum role r, enum module m);
/* 1 when role r may do `need` in module m. */
int role_can(enum role r, enum module m, enum access need);

#endif
