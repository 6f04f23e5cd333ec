/* person.c - coded values of the person file and validation of what users type. */
#include "person.h"

#include <string.h>

#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/idcard.h"
#include "lib/pinyin.h"
#include "lib/timeutil.h"

const struct choice person_control_statuses[] = {
	{ "in_control", N_("在控") },
	{ "lost", N_("脱管失控") },
	{ "detained", N_("羁押") },
	{ "imprisoned", N_("服刑") },
	{ "compulsory", N_("强制隔离戒毒中") },
	{ "abroad", N_("出国（境）") },
	{ "dead", N_("死亡") },
	{ "clean3y", N_("戒断三年未复吸") },
	{ NULL, NULL }
};

const struct choice person_addiction_levels[] = {
	{ "use", N_("吸毒") },
	{ "addicted", N_("吸毒成瘾") },
	{ "severe", N_("吸毒成瘾严重") },
	{ NULL, NULL }
};

const struct choice person_drug_types[] = {
	{ "heroin", N_("海洛因") },
	{ "meth", N_("甲基苯丙胺（冰毒）") },
	{ "magu", N_("麻古") },
	{ "ketamine", N_("氯胺酮（K粉）") },
	{ "mdma", N_("MDMA（摇头丸）") },
	{ "cannabis", N_("大麻") },
	{ "opium", N_("鸦片") },
	{ "cocaine", N_("可卡因") },
	{ "methcathinone", N_("甲卡西酮") },
	{ "nps", N_("新精神活性物质") },
	{ "other", N_("其他") },
	{ NULL, NULL }
};

const struct choice person_special_statuses[] = {
	{ "hiv", N_("艾滋病病毒感染者") },
	{ "pregnant", N_("怀孕或哺乳期") },
	{ "minor", N_("未满16周岁") },
	{ "illness", N_("严重疾病或残疾") },
	{ "mental", N_("精神障碍") },
	{ NULL, NULL }
};

const struct choice person_close_reasons[] = {
	{ "dead", N_("死亡") },
	{ "abroad", N_("出国（境）定居") },
	{ "clean3y", N_("戒断三年未复吸") },
	{ NULL, NULL }
};

const struct choice person_ethnicities[] = {
	{ "汉族", N_("汉族") }, { "畲族", N_("畲族") }, { "回族", N_("回族") },
	{ "壮族", N_("壮族") }, { "苗族", N_("苗族") }, { "彝族", N_("彝族") },
	{ "土家族", N_("土家族") }, { "瑶族", N_("瑶族") }, { "满族", N_("满族") },
	{ "蒙古族", N_("蒙古族") }, { "藏族", N_("藏族") }, { "维吾尔族", N_("维吾尔族") },
	{ "侗族", N_("侗族") }, { "布依族", N_("布依族") }, { "其他", N_("其他") },
	{ NULL, NULL }
};

static const char *trimmed(struct arena *a, const char *s)
{
	size_t len;
	if (!s)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
		       s[len - 1] == '\n'))
		len--;
	return arena_strndup(a, s, len);
}

static int add_err(struct field_error *errs, int n, const char *field, const char *msg)
{
	if (n < PERSON_MAX_ERRORS) {
		errs[n].field = field;
		errs[n].message = msg;
	}
	return n + 1;
}

static int phone_ok(const char *s)
{
	size_t n = 0;
	for (; *s; s++, n++)
		if (!(*s >= '0' && *s <= '9') && *s != '-' && *s != ' ' && *s != '+')
			return 0;
	return n <= 20;
}

int person_check(const struct person_input *in, int creating, const char *scope_prefix,
		 int today, struct arena *a, struct person *p, struct field_error *errs)
{
	int n = 0, d;
	const char *s;

	if (creating) {
		struct idcard id;
		struct buf err = BUF_INIT;
		s = trimmed(a, in->id_number);
		if (!*s) {
			n = add_err(errs, n, "id_number", N_("请填写身份证号"));
		} else if (idcard_parse(s, today, &id, &err) < 0) {
			n = add_err(errs, n, "id_number", arena_strdup(a, err.buf));
		} else {
			char masked[19];
			p->id_number = arena_strdup(a, id.number);
			idcard_mask(id.number, masked);
			p->id_masked = arena_strdup(a, masked);
			p->sex = id.male ? "M" : "F";
			p->birth_date = id.year * 10000 + id.month * 100 + id.day;
		}
		buf_release(&err);
	}

	p->name = trimmed(a, in->name);
	if (!*p->name)
		n = add_err(errs, n, "name", N_("请填写姓名"));
	else if (strlen(p->name) > 60)
		n = add_err(errs, n, "name", N_("姓名过长（最多20个汉字）"));
	/* For search by full pinyin or initials: 张三 is found by "zhangsan" and "zs". */
	pinyin_of_name_arena(a, p->name, &p->name_pinyin, &p->name_initials);
	p->alias = trimmed(a, in->alias);
	if (strlen(p->alias) > 120)
		n = add_err(errs, n, "alias", N_("别名过长"));

	p->ethnicity = trimmed(a, in->ethnicity);
	if (*p->ethnicity && !choice_valid(person_ethnicities, p->ethnicity))
		n = add_err(errs, n, "ethnicity", N_("请从列表中选择民族"));

	p->phone = trimmed(a, in->phone);
	if (!phone_ok(p->phone))
		n = add_err(errs, n, "phone", N_("电话号码只能包含数字、空格、+ 和 -"));

	p->household_division = trimmed(a, in->household_division);
	if (*p->household_division && !division_valid(p->household_division))
		n = add_err(errs, n, "household_division", N_("户籍地区划代码应为6、9或12位数字"));
	p->household_address = trimmed(a, in->household_address);
	p->residence_address = trimmed(a, in->residence_address);
	if (strlen(p->household_address) > 300 || strlen(p->residence_address) > 300)
		n = add_err(errs, n, "residence_address", N_("地址过长"));

	p->division = trimmed(a, in->division);
	if (!*p->division)
		n = add_err(errs, n, "division", N_("请选择管控责任地（乡镇或村）"));
	else if (division_level(p->division) < 4)
		n = add_err(errs, n, "division", N_("管控责任地应为乡镇（街道）或村（社区）"));
	else if (!division_in(p->division, scope_prefix))
		n = add_err(errs, n, "division", N_("管控责任地不在您的辖区内"));

	s = trimmed(a, in->registered);
	p->registered = !(*s == '0');

	p->control_status = trimmed(a, in->control_status);
	if (!*p->control_status)
		p->control_status = "in_control";
	if (!choice_valid(person_control_statuses, p->control_status))
		n = add_err(errs, n, "control_status", N_("管控状态无效"));

	p->addiction = trimmed(a, in->addiction);
	if (!*p->addiction)
		p->addiction = "use";
	if (!choice_valid(person_addiction_levels, p->addiction))
		n = add_err(errs, n, "addiction", N_("成瘾认定无效"));

	p->drug_types = trimmed(a, in->drug_types);
	if (!choice_valid_set(person_drug_types, p->drug_types))
		n = add_err(errs, n, "drug_types", N_("滥用毒品种类无效"));

	s = trimmed(a, in->first_found_date);
	p->first_found_date = 0;
	if (*s) {
		if (ymd_parse(s, &d) < 0)
			n = add_err(errs, n, "first_found_date", N_("日期格式应为 2024-01-31"));
		else if (d > today)
			n = add_err(errs, n, "first_found_date", N_("初次发现日期不能晚于今天"));
		else if (p->birth_date && d < p->birth_date)
			n = add_err(errs, n, "first_found_date", N_("初次发现日期早于出生日期"));
		else
			p->first_found_date = d;
	} else {
		n = add_err(errs, n, "first_found_date", N_("请填写初次发现日期"));
	}
	p->first_found_unit = trimmed(a, in->first_found_unit);
	p->employment = trimmed(a, in->employment);
	p->special_status = trimmed(a, in->special_status);
	if (!choice_valid_set(person_special_statuses, p->special_status))
		n = add_err(errs, n, "special_status", N_("特殊人员类别无效"));
	p->residence_division = trimmed(a, in->residence_division);
	if (*p->residence_division && !division_valid(p->residence_division))
		n = add_err(errs, n, "residence_division", N_("现居住地区划代码应为6、9或12位数字"));
	s = trimmed(a, in->addiction_date);
	p->addiction_date = 0;
	if (*s) {
		if (ymd_parse(s, &d) < 0)
			n = add_err(errs, n, "addiction_date", N_("日期格式应为 2024-01-31"));
		else if (d > today || (p->birth_date && d < p->birth_date))
			n = add_err(errs, n, "addiction_date", N_("认定日期应在出生之后、今天之前"));
		else
			p->addiction_date = d;
	}
	p->addiction_doc = trimmed(a, in->addiction_doc);
	if (strlen(p->addiction_doc) > 200)
		n = add_err(errs, n, "addiction_doc", N_("认定文书编号过长"));
	p->family = trimmed(a, in->family);
	if (strlen(p->family) > 1000)
		n = add_err(errs, n, "family", N_("家庭成员及联系方式过长"));
	p->note = trimmed(a, in->note);
	if (strlen(p->note) > 4000)
		n = add_err(errs, n, "note", N_("备注过长（最多约1300字）"));
	return n;
}
