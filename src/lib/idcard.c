/* idcard.c - GB 11643 ID number validation, upgrade of 15-digit numbers, masking. */
#include "idcard.h"

#include <ctype.h>
#include <string.h>

#include "i18n.h"
#include "timeutil.h"

static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[] = "10X98765432";

/* Province-level prefixes in use: GB/T 2260 plus 81/82/83 (HK, Macau, Taiwan
 * residence permits) and 91 (foreigners' permanent residence, 2023). */
static int valid_province(int p)
{
	static const int list[] = { 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
				    41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
				    65, 71, 81, 82, 83, 91 };
	size_t i;
	for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		if (list[i] == p)
			return 1;
	return 0;
}

char idcard_check_char(const char *first17)
{
	int i, sum = 0;
	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weights[i];
	return check_chars[sum % 11];
}

static int all_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0;
	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

int idcard_parse(const char *s, int today_ymd, struct idcard *out, struct buf *err)
{
	char tmp[19];
	size_t len;
	int ymd;

	memset(out, 0, sizeof(*out));
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;

	if (len == 15) {
		if (!all_digits(s, 15)) {
			buf_setf(err, _("15位身份证号只能由数字组成"));
			return -1;
		}
		memcpy(tmp, s, 6);
		tmp[6] = '1';
		tmp[7] = '9';
		memcpy(tmp + 8, s + 6, 9);
		tmp[17] = idcard_check_char(tmp);
		tmp[18] = '\0';
		out->upgraded = 1;
	} else if (len == 18) {
		memcpy(tmp, s, 18);
		tmp[18] = '\0';
		if (tmp[17] == 'x')
			tmp[17] = 'X';
		if (!all_digits(tmp, 17) || !(isdigit((unsigned char)tmp[17]) || tmp[17] == 'X')) {
			buf_setf(err, _("身份证号前17位须为数字，末位为数字或X"));
			return -1;
		}
	} else {
		buf_setf(err, _("身份证号应为18位（或旧版15位），现为%zu位"), len);
		return -1;
	}

	if (!valid_province(num(tmp, 2))) {
		buf_setf(err, _("身份证号前两位“%.2s”不是有效的省级行政区划代码"), tmp);
		return -1;
	}
	out->year = num(tmp + 6, 4);
	out->month = num(tmp + 10, 2);
	out->day = num(tmp + 12, 2);
	ymd = out->year * 10000 + out->month * 100 + out->day;
	if (out->year < 1850 || !date_valid(out->year, out->month, out->day)) {
		buf_setf(err, _("身份证号中的出生日期“%.8s”不是有效日期"), tmp + 6);
		return -1;
	}
	if (today_ymd && ymd > today_ymd) {
		buf_setf(err, _("身份证号中的出生日期“%.8s”晚于今天"), tmp + 6);
		return -1;
	}
	if (!out->upgraded && idcard_check_char(tmp) != tmp[17]) {
		buf_setf(err, _("身份证号校验位错误：末位应为“%c”"), idcard_check_char(tmp));
		return -1;
	}
	memcpy(out->number, tmp, 19);
	memcpy(out->region, tmp, 6);
	out->region[6] = '\0';
	out->male = (tmp[16] - '0') % 2 == 1;
	return 0;
}

void idcard_mask(const char *number, char out[19])
{
	size_t len = strlen(number), i;
	if (len > 18)
		len = 18;
	for (i = 0; i < len; i++)
		out[i] = (i < 4 || i + 4 >= len) ? number[i] : '*';
	out[len] = '\0';
}

int idcard_age(const struct idcard *id, int ymd)
{
	int y = ymd / 10000, md = ymd % 10000;
	int age = y - id->year;
	if (md < id->month * 100 + id->day)
		age--;
	return age;
}
