/* case.c - 毒品案件: coded values, the pipeline's transitions and refusals, checks of each record. */
#include "case.h"

#include <stdio.h>
#include <string.h>

#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/* In the order of enum case_status. */
const struct choice case_statuses[] = {
	{ "accepted", N_("受理") },
	{ "filed", N_("立案") },
	{ "investigating", N_("侦查") },
	{ "solved", N_("破案") },
	{ "referred", N_("移送起诉") },
	{ "prosecuted", N_("起诉") },
	{ "judged", N_("判决") },
	{ "withdrawn", N_("撤案") },
	{ NULL, NULL }
};

/* 线索来源 (514堵源截流: checkpoints and parcels among them). */
const struct choice case_sources[] = {
	{ "report", N_("举报") },
	{ "checkpoint", N_("查缉站/卡点") },
	{ "logistics", N_("物流寄递") },
	{ "online", N_("网络") },
	{ "assist", N_("协查") },
	{ "intelligence", N_("情报研判") },
	{ "patrol", N_("巡查盘查") },
	{ "other", N_("其他") },
	{ NULL, NULL }
};

const struct choice case_flags[] = {
	{ "early", N_("检察机关提前介入") },
	{ "target", N_("目标案件") },
	{ "online", N_("网络涉毒") },
	{ "small_packets", N_("零包") },
	{ NULL, NULL }
};

const struct choice case_suspect_roles[] = {
	{ "principal", N_("主犯") },
	{ "accomplice", N_("从犯") },
	{ "coerced", N_("胁从犯") },
	{ "sole", N_("单独作案") },
	{ "other", N_("其他") },
	{ NULL, NULL }
};

/* 强制措施 (刑事诉讼法 Arts 66-100) and the outcome. */
const struct choice case_measure_kinds[] = {
	{ "detention", N_("刑事拘留") },
	{ "arrest", N_("逮捕") },
	{ "bail", N_("取保候审") },
	{ "surveillance", N_("监视居住") },
	{ "prosecution", N_("起诉") },
	{ "judgment", N_("判决") },
	{ NULL, NULL }
};

const struct choice case_asset_categories[] = {
	{ "drug_money", N_("毒资") },
	{ "asset", N_("涉毒资产") },
	{ NULL, NULL }
};

const struct choice case_asset_kinds[] = {
	{ "cash", N_("现金") },
	{ "deposit", N_("银行存款") },
	{ "online_funds", N_("网络支付账户资金") },
	{ "vehicle", N_("车辆") },
	{ "property", N_("房产") },
	{ "valuables", N_("贵重物品") },
	{ "other", N_("其他") },
	{ NULL, NULL }
};

int case_status_from_key(const char *key)
{
	int i;
	for (i = 0; key && case_statuses[i].key; i++)
		if (!strcmp(case_statuses[i].key, key))
			return i;
	return -1;
}

int case_closed(const struct drug_case *c)
{
	int s = case_status_from_key(c->status);
	return s == CS_JUDGED || s == CS_WITHDRAWN;
}

const char *case_type_label(const struct policy *p, const char *key)
{
	int i;
	for (i = 0; key && i < p->ncase_types; i++)
		if (!strcmp(p->case_types[i].key, key))
			return p->case_types[i].label;
	return key ? key : "";
}

int case_type_valid(const struct policy *p, const char *key)
{
	int i;
	for (i = 0; key && i < p->ncase_types; i++)
		if (!strcmp(p->case_types[i].key, key))
			return 1;
	return 0;
}

int case_returns(const struct case_step *steps, int n)
{
	int i, k = 0;
	for (i = 1; i < n; i++)
		if (case_status_from_key(steps[i].status) == CS_INVESTIGATING &&
		    case_status_from_key(steps[i - 1].status) == CS_REFERRED)
			k++;
	return k;
}

/* ---- the pipeline ---- */

#define B(s) (1u << (s))
/* The steps each status may move to. */
static const unsigned next_steps[CS_COUNT] = {
	[CS_ACCEPTED] = B(CS_FILED) | B(CS_WITHDRAWN),
	[CS_FILED] = B(CS_INVESTIGATING) | B(CS_SOLVED) | B(CS_WITHDRAWN),
	[CS_INVESTIGATING] = B(CS_SOLVED) | B(CS_WITHDRAWN),
	[CS_SOLVED] = B(CS_REFERRED) | B(CS_WITHDRAWN),
	[CS_REFERRED] = B(CS_PROSECUTED) | B(CS_INVESTIGATING),
	[CS_PROSECUTED] = B(CS_JUDGED),
	[CS_JUDGED] = 0,
	[CS_WITHDRAWN] = 0,
};

unsigned case_next_steps(const char *status)
{
	int s = case_status_from_key(status);
	return s < 0 ? 0 : next_steps[s];
}

/* The most times a case may be sent back (刑事诉讼法 Art 175). */
#define MAX_RETURNS 2

static const char *label(enum case_status s)
{
	return _(case_statuses[s].label);
}

/* The step a forward one cannot be taken without: 破案 needs 立案 (侦查 may
 * be skipped), the others the step just before them. */
static const enum case_status needs[CS_COUNT] = {
	[CS_ACCEPTED] = CS_ACCEPTED,     [CS_FILED] = CS_ACCEPTED,
	[CS_INVESTIGATING] = CS_FILED,   [CS_SOLVED] = CS_FILED,
	[CS_REFERRED] = CS_SOLVED,       [CS_PROSECUTED] = CS_REFERRED,
	[CS_JUDGED] = CS_PROSECUTED,     [CS_WITHDRAWN] = CS_ACCEPTED,
};

/* Why the step from `from` to `to` is not allowed, for a step the table
 * leaves out. */
static void explain_refusal(enum case_status from, enum case_status to, struct buf *err)
{
	if (from == CS_JUDGED || from == CS_WITHDRAWN)
		buf_setf(err, _("案件已%s，不能再办理"), label(from));
	else if (to == CS_WITHDRAWN)
		buf_setf(err, _("案件已%s，不能撤案：移送起诉后由检察机关决定"), label(from));
	else if (to == from)
		buf_setf(err, _("案件已处于%s阶段"), label(from));
	else if (to < from)
		buf_setf(err, _("案件已%s，不能退回%s"), label(from), label(to));
	else
		buf_setf(err, _("案件尚未%s，不能%s"), label(needs[to]), label(to));
}

int case_step_check(const struct drug_case *c, const struct case_step *steps, int nsteps,
		    int nsuspects, enum case_status to, int date, int today, struct buf *err)
{
	int from = case_status_from_key(c->status);
	int last = nsteps ? steps[nsteps - 1].date : c->status_date;
	char d1[11], d2[11];

	if (from < 0 || (int)to < 0 || to >= CS_COUNT) {
		buf_setf(err, _("请选择办理事项"));
		return -1;
	}
	if (!(next_steps[from] & B(to))) {
		explain_refusal((enum case_status)from, to, err);
		return -1;
	}
	if (from == CS_REFERRED && to == CS_INVESTIGATING &&
	    case_returns(steps, nsteps) >= MAX_RETURNS) {
		buf_setf(err, _("退回补充侦查以二次为限，已退回 %d 次"), MAX_RETURNS);
		return -1;
	}
	if ((to == CS_SOLVED || to == CS_REFERRED) && nsuspects <= 0) {
		buf_setf(err, _("请先录入犯罪嫌疑人：%s须有抓获或查明身份的犯罪嫌疑人"), label(to));
		return -1;
	}
	if (!date_valid(date / 10000, date / 100 % 100, date % 100)) {
		buf_setf(err, _("请填写有效的日期"));
		return -1;
	}
	if (date > today) {
		ymd_format(date, d1);
		buf_setf(err, _("日期 %s 晚于今天"), d1);
		return -1;
	}
	if (date < last) {
		ymd_format(date, d1);
		ymd_format(last, d2);
		buf_setf(err, _("日期 %s 早于上一步（%s %s）"), d1, label((enum case_status)from), d2);
		return -1;
	}
	return 0;
}

/* ---- the case's own fields ---- */

static int add_err(struct field_error *errs, int n, const char *field, const char *msg)
{
	if (n < CASE_MAX_ERRORS) {
		errs[n].field = field;
		errs[n].message = msg;
	}
	return n + 1;
}

static int flag_ok(int v)
{
	return v == 0 || v == 1;
}

/* No control characters: numbers and names go into lists and spreadsheets. */
static int printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return 0;
	return 1;
}

int case_check(const struct drug_case *c, int creating, const struct policy *p,
	       const char *scope_prefix, int today, struct field_error *errs)
{
	int n = 0;

	if (!c->number || !*c->number)
		n = add_err(errs, n, "number", N_("请填写案件编号"));
	else if (strlen(c->number) > 60 || !printable(c->number))
		n = add_err(errs, n, "number", N_("案件编号过长或含有不可见字符"));
	if (!c->name || !*c->name)
		n = add_err(errs, n, "name", N_("请填写案件名称"));
	else if (strlen(c->name) > 200 || !printable(c->name))
		n = add_err(errs, n, "name", N_("案件名称过长"));
	if (!case_type_valid(p, c->type))
		n = add_err(errs, n, "type", N_("请从列表中选择案件类别"));
	if (!choice_valid(case_sources, c->source))
		n = add_err(errs, n, "source", N_("请从列表中选择线索来源"));
	if (!c->division || !*c->division)
		n = add_err(errs, n, "division", N_("请选择案件所属辖区"));
	else if (division_level(c->division) < 3)
		n = add_err(errs, n, "division", N_("案件所属辖区应为县（市、区）、乡镇（街道）或村（社区）"));
	else if (!division_in(c->division, scope_prefix))
		n = add_err(errs, n, "division", N_("案件所属辖区不在您的辖区内"));
	if (creating) {
		if (c->accepted_date < 0)
			n = add_err(errs, n, "accepted_date", N_("日期格式应为 2024-01-31"));
		else if (!c->accepted_date)
			n = add_err(errs, n, "accepted_date", N_("请填写受理日期"));
		else if (c->accepted_date > today)
			n = add_err(errs, n, "accepted_date", N_("受理日期不能晚于今天"));
	}
	if (c->occurred_date < 0)
		n = add_err(errs, n, "occurred_date", N_("日期格式应为 2024-01-31"));
	else if (c->occurred_date && c->occurred_date > today)
		n = add_err(errs, n, "occurred_date", N_("案发日期不能晚于今天"));
	else if (c->occurred_date && c->accepted_date && c->occurred_date > c->accepted_date)
		n = add_err(errs, n, "occurred_date", N_("案发日期不能晚于受理日期"));
	if (!flag_ok(c->early) || !flag_ok(c->target) || !flag_ok(c->online) ||
	    !flag_ok(c->small_packets))
		n = add_err(errs, n, "flags", N_("案件标记无效"));
	if ((c->officers && strlen(c->officers) > 300) || (c->place && strlen(c->place) > 300))
		n = add_err(errs, n, "officers", N_("办案民警或案发地点过长"));
	if (c->description && strlen(c->description) > 20000)
		n = add_err(errs, n, "description", N_("简要案情过长（最多约6000字）"));
	return n;
}

/* ---- records of a case ---- */

static int check_day(int date, int today, int not_before, const char *what, struct buf *err)
{
	char d1[11], d2[11];

	if (!date_valid(date / 10000, date / 100 % 100, date % 100)) {
		buf_setf(err, _("请填写有效的%s"), _(what));
		return -1;
	}
	if (date > today) {
		ymd_format(date, d1);
		buf_setf(err, _("%s %s 晚于今天"), _(what), d1);
		return -1;
	}
	if (not_before && date < not_before) {
		ymd_format(date, d1);
		ymd_format(not_before, d2);
		buf_setf(err, _("%s %s 早于 %s"), _(what), d1, d2);
		return -1;
	}
	return 0;
}

static int too_long(const char *s, size_t max)
{
	return s && strlen(s) > max;
}

int case_seizure_check(const struct drug_case *c, const struct seizure *s, const struct policy *p,
		       int today, struct buf *err)
{
	if (case_closed(c)) {
		buf_setf(err, _("案件已%s，不能再录入缴获"), _(choice_label(case_statuses, c->status)));
		return -1;
	}
	if (!drug_by_key(p, s->drug)) {
		buf_setf(err, _("请从毒品目录中选择毒品种类"));
		return -1;
	}
	if (s->weight_ug <= 0) {
		buf_setf(err, _("重量应大于 0"));
		return -1;
	}
	if (s->purity < -1 || s->purity > 1000) {
		buf_setf(err, _("含量应在 0 到 100%% 之间"));
		return -1;
	}
	if (s->packets < 0 || s->packets > 1000000) {
		buf_setf(err, _("零包包数应在 0 到 1000000 之间"));
		return -1;
	}
	if (too_long(s->place, 300) || too_long(s->note, 2000)) {
		buf_setf(err, _("缴获地点或备注过长"));
		return -1;
	}
	return check_day(s->date, today, c->occurred_date, N_("缴获日期"), err);
}

int case_destruction_check(const struct destruction *d, const struct seizure *chosen, int n,
			   int today, struct buf *err)
{
	int i;

	if (!n) {
		buf_setf(err, _("请选择要销毁的缴获毒品"));
		return -1;
	}
	if (!d->place || !*d->place || !d->witnesses || !*d->witnesses) {
		buf_setf(err, _("请填写销毁地点和见证人"));
		return -1;
	}
	if (too_long(d->place, 300) || too_long(d->witnesses, 1000) || too_long(d->note, 2000)) {
		buf_setf(err, _("销毁地点、见证人或备注过长"));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (chosen[i].destruction_id) {
			buf_setf(err, _("所选缴获已经销毁"));
			return -1;
		}
		if (check_day(d->date, today, chosen[i].date, N_("销毁日期"), err) < 0)
			return -1;
	}
	return 0;
}

static const struct suspect_measure *find_kind(const struct suspect_measure *have, int n,
					       const char *kind)
{
	int i;
	for (i = 0; i < n; i++)
		if (!strcmp(have[i].kind, kind))
			return &have[i];
	return NULL;
}

int case_measure_check(const struct drug_case *c, const struct suspect_measure *have, int n,
		       const struct suspect_measure *m, int today, struct buf *err)
{
	const struct suspect_measure *before;
	const char *what;
	int st = case_status_from_key(c->status);

	if (!choice_valid(case_measure_kinds, m->kind)) {
		buf_setf(err, _("请选择强制措施或诉讼结果"));
		return -1;
	}
	what = choice_label(case_measure_kinds, m->kind);
	if (find_kind(have, n, m->kind)) {
		buf_setf(err, _("该犯罪嫌疑人已有%s记录"), _(what));
		return -1;
	}
	if ((before = find_kind(have, n, "judgment"))) {
		buf_setf(err, _("该犯罪嫌疑人已判决，不能再录入%s"), _(what));
		return -1;
	}
	if (check_day(m->date, today, c->accepted_date, what, err) < 0)
		return -1;
	if (too_long(m->doc_no, 120) || too_long(m->sentence, 500) || too_long(m->note, 2000)) {
		buf_setf(err, _("文书编号、刑期或备注过长"));
		return -1;
	}
	if (!strcmp(m->kind, "arrest") && (before = find_kind(have, n, "detention")) &&
	    m->date < before->date) {
		buf_setf(err, _("逮捕日期不能早于刑事拘留日期"));
		return -1;
	}
	if (!strcmp(m->kind, "prosecution") && (st < CS_REFERRED || st == CS_WITHDRAWN)) {
		buf_setf(err, _("案件尚未移送起诉，不能录入起诉"));
		return -1;
	}
	if (!strcmp(m->kind, "judgment")) {
		before = find_kind(have, n, "prosecution");
		if (!before) {
			buf_setf(err, _("请先录入该犯罪嫌疑人的起诉"));
			return -1;
		}
		if (m->date < before->date) {
			buf_setf(err, _("判决日期不能早于起诉日期"));
			return -1;
		}
		if (!m->sentence || !*m->sentence) {
			buf_setf(err, _("请填写判决结果（刑期）"));
			return -1;
		}
	}
	return 0;
}

int case_suspect_check(const struct case_suspect *s, int birth_date, int today, struct buf *err)
{
	if (!choice_valid(case_suspect_roles, s->role)) {
		buf_setf(err, _("请选择犯罪嫌疑人的作用（主犯、从犯等）"));
		return -1;
	}
	if (s->caught_date && check_day(s->caught_date, today, birth_date, N_("抓获日期"), err) < 0)
		return -1;
	if ((s->caught_division && *s->caught_division && !division_valid(s->caught_division)) ||
	    (s->home_division && *s->home_division && !division_valid(s->home_division))) {
		buf_setf(err, _("抓获地和户籍地应为6、9或12位区划代码"));
		return -1;
	}
	if (too_long(s->caught_place, 300) || too_long(s->note, 2000)) {
		buf_setf(err, _("抓获地点或备注过长"));
		return -1;
	}
	return 0;
}

int case_outflow(const char *case_division, const char *home, const char *caught)
{
	char county[13];

	if (!case_division || !home || !caught || !*home || !*caught ||
	    division_level(case_division) < 3)
		return 0;
	/* the county of the case: its first six digits */
	memcpy(county, case_division, 6);
	county[6] = '\0';
	return division_in(home, county) && !division_in(caught, county);
}

int case_asset_check(const struct drug_case *c, const struct case_asset *as, int today,
		     struct buf *err)
{
	if (!choice_valid(case_asset_categories, as->category) ||
	    !choice_valid(case_asset_kinds, as->kind)) {
		buf_setf(err, _("请选择毒资或涉毒资产及其种类"));
		return -1;
	}
	if (as->amount_fen <= 0) {
		buf_setf(err, _("金额应大于 0"));
		return -1;
	}
	if (too_long(as->description, 500) || too_long(as->note, 2000)) {
		buf_setf(err, _("说明或备注过长"));
		return -1;
	}
	return check_day(as->date, today, c->occurred_date, N_("查扣日期"), err);
}

/* ---- amounts ---- */

#define MAX_FEN 100000000000000LL /* 10^12 yuan */

int case_amount_parse(const char *s, int64_t *fen)
{
	int64_t whole = 0;
	int digits = 0, decimals = 0, frac = 0;

	*fen = 0;
	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if ((whole = whole * 10 + (*s - '0')) > MAX_FEN / 100)
			return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (++decimals > 2)
				return -1;
			else
				frac = frac * 10 + (*s - '0');
		if (!decimals)
			return -1;
	}
	while (*s == ' ')
		s++;
	if (!digits || *s)
		return -1;
	if (decimals == 1)
		frac *= 10;
	*fen = whole * 100 + frac;
	return 0;
}

const char *case_amount_format(int64_t fen, char out[32])
{
	char digits[24];
	int len, i, o = 0;

	if (fen < 0)
		fen = 0;
	len = snprintf(digits, sizeof(digits), "%lld", (long long)(fen / 100));
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, (size_t)(32 - o), ".%02lld", (long long)(fen % 100));
	return out;
}

int case_purity_parse(const char *s, int *tenths)
{
	int whole = 0, digits = 0, frac = 0, decimals = 0;

	*tenths = -1;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
		whole = whole * 10 + (*s - '0');
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (++decimals > 1)
				return -1;
			else
				frac = *s - '0';
		if (!decimals)
			return -1;
	}
	if (*s == '%')
		s++;
	while (*s == ' ')
		s++;
	if (!digits || *s || whole * 10 + frac > 1000)
		return -1;
	*tenths = whole * 10 + frac;
	return 0;
}
