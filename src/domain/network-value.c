/* network-value.c - kinds of entities and links, values as matched, which links may join what, masks. */
#include "domain/network.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

const struct choice net_entity_kinds[] = {
	[NET_PERSON] = { "person", N_("人员") },
	[NET_PHONE] = { "phone", N_("电话号码") },
	[NET_VEHICLE] = { "vehicle", N_("车辆") },
	[NET_ADDRESS] = { "address", N_("地址") },
	[NET_BANK] = { "bank_account", N_("银行账户") },
	[NET_ONLINE] = { "online_account", N_("网络账号") },
	[NET_KINDS] = { NULL, NULL },
};

const struct choice net_link_kinds[] = {
	{ "call", N_("通话") },          { "transfer", N_("转账") },
	{ "cohabit", N_("同住") },       { "same_vehicle", N_("同车") },
	{ "parcel", N_("寄递") },        { "same_case", N_("同案") },
	{ "together", N_("共同出现") },  { "holds", N_("持有使用") },
	{ "lives", N_("居住") },         { NULL, NULL },
};

const struct choice net_link_sources[] = {
	{ "entered", N_("手工录入") }, { "case", N_("案件") }, { "import", N_("批量导入") },
	{ NULL, NULL },
};

/* Words clerks write for a kind in a spreadsheet, besides key and label. */
static const struct {
	const char *word;
	enum net_kind kind;
} kind_words[] = {
	{ "人", NET_PERSON },         { "身份证号", NET_PERSON },    { "身份证", NET_PERSON },
	{ "嫌疑人", NET_PERSON },     { "电话", NET_PHONE },         { "手机", NET_PHONE },
	{ "手机号", NET_PHONE },      { "手机号码", NET_PHONE },     { "号码", NET_PHONE },
	{ "车", NET_VEHICLE },        { "车牌", NET_VEHICLE },       { "车牌号", NET_VEHICLE },
	{ "住址", NET_ADDRESS },      { "银行卡", NET_BANK },        { "银行卡号", NET_BANK },
	{ "银行账号", NET_BANK },     { "账户", NET_BANK },          { "微信", NET_ONLINE },
	{ "qq", NET_ONLINE },         { "支付宝", NET_ONLINE },      { "网络账户", NET_ONLINE },
};

static const struct {
	const char *word, *kind;
} link_words[] = {
	{ "电话", "call" },    { "汇款", "transfer" },     { "同乘", "same_vehicle" },
	{ "快递", "parcel" },  { "邮寄", "parcel" },       { "同行", "together" },
	{ "持有", "holds" },   { "使用", "holds" },        { "住址", "lives" },
};

int net_kind_of(const char *key)
{
	size_t i;
	if (!key || !*key)
		return -1;
	for (i = 0; i < NET_KINDS; i++)
		if (!strcmp(key, net_entity_kinds[i].key) || !strcmp(key, net_entity_kinds[i].label))
			return (int)i;
	for (i = 0; i < sizeof(kind_words) / sizeof(kind_words[0]); i++)
		if (!strcasecmp(key, kind_words[i].word))
			return kind_words[i].kind;
	return -1;
}

const char *net_link_kind_of(const char *text)
{
	size_t i;
	if (!text || !*text)
		return NULL;
	for (i = 0; net_link_kinds[i].key; i++)
		if (!strcmp(text, net_link_kinds[i].key) || !strcmp(text, net_link_kinds[i].label))
			return net_link_kinds[i].key;
	for (i = 0; i < sizeof(link_words) / sizeof(link_words[0]); i++)
		if (!strcmp(text, link_words[i].word))
			return link_words[i].kind;
	return NULL;
}

/* ---- values as matched ---- */

/* The bytes of the UTF-8 character at p (1 for ASCII and stray bytes). */
static size_t char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1, i;
	for (i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/*
 * s with full-width forms (U+FF01..U+FF5E) as ASCII and the ideographic
 * space as a space, copied into out; -1 when it does not fit.
 */
static int half_width(const char *s, char *out, size_t size)
{
	size_t n = 0;
	while (*s) {
		const unsigned char *u = (const unsigned char *)s;
		size_t k = char_len(s);
		if (k == 3 && u[0] == 0xef && (u[1] == 0xbc || u[1] == 0xbd)) {
			unsigned cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
			if (cp >= 0xff01 && cp <= 0xff5e) {
				if (n + 1 >= size)
					return -1;
				out[n++] = (char)(cp - 0xff01 + 0x21);
				s += 3;
				continue;
			}
		}
		if (k == 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) {
			if (n + 1 >= size)
				return -1;
			out[n++] = ' ';
			s += 3;
			continue;
		}
		if (n + k >= size)
			return -1;
		memcpy(out + n, s, k);
		n += k;
		s += k;
	}
	out[n] = '\0';
	return 0;
}

/* Digits of s, which may also hold the separators in seps: the count, or
 * -1 for any other character or too many digits. */
static int digits_only(const char *s, const char *seps, char *out, size_t size)
{
	size_t n = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n + 1 >= size)
				return -1;
			out[n++] = *s;
		} else if (!strchr(seps, *s)) {
			return -1;
		}
	}
	out[n] = '\0';
	return (int)n;
}

static int norm_phone(const char *s, char *out, size_t size, const char **why)
{
	int n = digits_only(s, " -+()", out, size);
	*why = N_("电话号码只能包含数字、空格、+、- 和括号");
	if (n < 0)
		return -1;
	/* +86 138...: the country code of a mobile number is dropped */
	if (n == 15 && !strncmp(out, "0086", 4) && out[4] == '1')
		memmove(out, out + 4, (size_t)(n -= 4) + 1);
	else if (n == 13 && !strncmp(out, "86", 2) && out[2] == '1')
		memmove(out, out + 2, (size_t)(n -= 2) + 1);
	*why = N_("电话号码应为 5 至 20 位数字");
	return n >= 5 && n <= 20 ? 0 : -1;
}

/* Characters a plate may end with: 挂 (trailer), 学 (learner), 警, 港, 澳, 领. */
static int plate_suffix(const char *s)
{
	static const char *const ok[] = { "挂", "学", "警", "港", "澳", "领", NULL };
	int i;
	for (i = 0; ok[i]; i++)
		if (!strcmp(s, ok[i]))
			return 1;
	return 0;
}

static int norm_vehicle(const char *s, char *out, size_t size, const char **why)
{
	size_t n = 0, k, ascii = 0;
	const char *p;

	*why = N_("车牌号应为省份简称、字母和 5 至 6 位字母或数字，如 赣D12345");
	for (p = s; *p; p += k) {
		k = char_len(p);
		if (*p == ' ' || *p == '-' || *p == '.' || !strncmp(p, "·", k) ||
		    !strncmp(p, "•", k) || !strncmp(p, "・", k))
			continue;
		if (n + k >= size)
			return -1;
		memcpy(out + n, p, k);
		if (k == 1)
			out[n] = (char)toupper((unsigned char)out[n]);
		n += k;
	}
	out[n] = '\0';
	/* a province character (CJK, three bytes), a letter, 5 or 6 more;
	 * or 4 more and 挂, 学, 警 ... */
	if (n < 4 || char_len(out) != 3 || !isupper((unsigned char)out[3]))
		return -1;
	for (p = out + 3; *p && isalnum((unsigned char)*p); p++)
		ascii++;
	if (*p)
		return ascii == 5 && plate_suffix(p) ? 0 : -1;
	return ascii == 6 || ascii == 7 ? 0 : -1;
}

static int norm_address(const char *s, char *out, size_t size, const char **why)
{
	size_t n = 0, chars = 0, k;
	for (; *s; s += k) {
		k = char_len(s);
		if (isspace((unsigned char)*s) || (unsigned char)*s < 0x20)
			continue;
		if (n + k >= size) {
			*why = N_("地址过长");
			return -1;
		}
		memcpy(out + n, s, k);
		n += k;
		chars++;
	}
	out[n] = '\0';
	*why = N_("地址至少应有两个字");
	return chars >= 2 ? 0 : -1;
}

static int norm_bank(const char *s, char *out, size_t size, const char **why)
{
	int n = digits_only(s, " -", out, size);
	*why = N_("银行账号应为 8 至 30 位数字");
	return n >= 8 && n <= 30 ? 0 : -1;
}

static int norm_online(const char *s, char *out, size_t size, const char **why)
{
	size_t n = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			continue;
		if ((unsigned char)*s < 0x20 || *s == 0x7f || n + 1 >= size) {
			*why = N_("网络账号过长或含有控制字符");
			return -1;
		}
		out[n++] = (char)((unsigned char)*s < 0x80 ? tolower((unsigned char)*s) : *s);
	}
	out[n] = '\0';
	*why = N_("网络账号至少应有两个字符");
	return n >= 2 ? 0 : -1;
}

int net_value_norm(enum net_kind kind, const char *value, char *out, size_t size,
		   const char **why)
{
	char half[NET_VALUE_MAX];

	*why = N_("内容过长");
	if (!size || !value || half_width(value, half, sizeof(half)) < 0)
		return -1;
	switch (kind) {
	case NET_PHONE:
		return norm_phone(half, out, size, why);
	case NET_VEHICLE:
		return norm_vehicle(half, out, size, why);
	case NET_ADDRESS:
		return norm_address(half, out, size, why);
	case NET_BANK:
		return norm_bank(half, out, size, why);
	case NET_ONLINE:
		return norm_online(half, out, size, why);
	default:
		*why = N_("人员应以身份证号识别");
		return -1;
	}
}

/* 17 digits and a check character with a birth date inside: an ID number,
 * maybe mistyped (the person's check says what is wrong with it). */
static int looks_like_id(const char *s)
{
	int y, m, d;
	if (strlen(s) != 18 || strspn(s, "0123456789") < 17 || !strchr("0123456789Xx", s[17]))
		return 0;
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	return y >= 1900 && y <= 2100 && date_valid(y, m, d);
}

int net_kind_guess(const char *value)
{
	struct idcard card;
	struct buf why = BUF_INIT;
	char norm[NET_VALUE_MAX], half[NET_VALUE_MAX];
	const char *no;
	int n, rc = idcard_parse(value, 0, &card, &why);

	buf_release(&why);
	if (rc == 0 || looks_like_id(value))
		return NET_PERSON;
	if (net_value_norm(NET_VEHICLE, value, norm, sizeof(norm), &no) == 0)
		return NET_VEHICLE;
	if (half_width(value, half, sizeof(half)) < 0)
		return -1;
	n = digits_only(half, " -+()", norm, sizeof(norm));
	if ((n == 11 && norm[0] == '1') || (n >= 10 && n <= 12 && norm[0] == '0'))
		return NET_PHONE;
	if (n == 13 && !strncmp(norm, "86", 2) && norm[2] == '1')
		return NET_PHONE;
	return n >= 16 && n <= 19 ? NET_BANK : -1;
}

/* ---- which links may join what ---- */

#define K(k) (1u << (k))
static const struct {
	const char *kind;
	unsigned ends;    /* kinds either end may be */
	int person_other; /* 1: one end a person, the other one of ends */
	const char *why;
} link_rules[] = {
	{ "call", K(NET_PERSON) | K(NET_PHONE), 0, N_("“通话”只能连接人员和电话号码") },
	{ "transfer", K(NET_PERSON) | K(NET_BANK) | K(NET_ONLINE), 0,
	  N_("“转账”只能连接人员、银行账户和网络账号") },
	{ "cohabit", K(NET_PERSON), 0, N_("“同住”只能连接两名人员") },
	{ "same_vehicle", K(NET_PERSON) | K(NET_VEHICLE), 0, N_("“同车”只能连接人员和车辆") },
	{ "parcel", K(NET_PERSON) | K(NET_PHONE) | K(NET_ADDRESS), 0,
	  N_("“寄递”只能连接人员、电话号码和地址") },
	{ "same_case", K(NET_PERSON), 0, N_("“同案”只能连接两名人员") },
	{ "together", K(NET_PERSON) | K(NET_VEHICLE), 0, N_("“共同出现”只能连接人员和车辆") },
	{ "holds", K(NET_PHONE) | K(NET_VEHICLE) | K(NET_BANK) | K(NET_ONLINE), 1,
	  N_("“持有使用”应连接一名人员和其电话号码、车辆、银行账户或网络账号") },
	{ "lives", K(NET_ADDRESS), 1, N_("“居住”应连接一名人员和一个地址") },
};

const char *net_link_check(const char *kind, enum net_kind a, enum net_kind b)
{
	size_t i;
	for (i = 0; i < sizeof(link_rules) / sizeof(link_rules[0]); i++) {
		unsigned m = link_rules[i].ends;
		int ok;
		if (!kind || strcmp(kind, link_rules[i].kind))
			continue;
		if (a < 0 || a >= NET_KINDS || b < 0 || b >= NET_KINDS)
			return link_rules[i].why;
		if (link_rules[i].person_other)
			ok = (a == NET_PERSON && (m & K(b))) || (b == NET_PERSON && (m & K(a)));
		else
			ok = (m & K(a)) && (m & K(b));
		return ok ? NULL : link_rules[i].why;
	}
	return N_("请选择关系类别");
}
#undef K

/* ---- masks ---- */

/* The first `chars` characters of s (UTF-8), then tail. */
static void keep_head(const char *s, size_t chars, const char *tail, char *out, size_t size)
{
	size_t n = 0, k;
	while (*s && chars--) {
		k = char_len(s);
		if (n + k + 1 > size)
			break;
		memcpy(out + n, s, k);
		n += k;
		s += k;
	}
	out[n] = '\0';
	if (n + strlen(tail) < size)
		strcat(out, tail);
}

/* s with all but its first `head` and last `tail` bytes starred (ASCII). */
static void star_middle(const char *s, size_t head, size_t tail, char *out, size_t size)
{
	size_t n = strlen(s), i;
	if (n >= size)
		n = size - 1;
	if (head + tail >= n) {
		head = n > 2 ? 1 : 0;
		tail = n > 2 ? 1 : 0;
	}
	for (i = 0; i < n; i++)
		out[i] = i < head || i >= n - tail ? s[i] : '*';
	out[n] = '\0';
}

void net_value_mask(enum net_kind kind, const char *value, char *out, size_t size)
{
	if (!size)
		return;
	switch (kind) {
	case NET_PERSON:
		keep_head(value, 1, "某", out, size);
		break;
	case NET_PHONE:
		star_middle(value, 3, 4, out, size);
		break;
	case NET_BANK:
		star_middle(value, 4, 4, out, size);
		break;
	case NET_VEHICLE:
		keep_head(value, 2, "*****", out, size);
		break;
	case NET_ADDRESS:
		keep_head(value, 6, "……", out, size);
		break;
	default:
		keep_head(value, 2, "***", out, size);
		break;
	}
}
