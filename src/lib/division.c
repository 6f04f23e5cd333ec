/* division.c - division code levels and subtree prefixes. */
#include "division.h"

#include <ctype.h>
#include <string.h>

int division_valid(const char *code)
{
	size_t i, n = code ? strlen(code) : 0;
	if (n != 6 && n != 9 && n != 12)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	return 1;
}

int division_level(const char *code)
{
	if (!division_valid(code))
		return 0;
	switch (strlen(code)) {
	case 12:
		return 5;
	case 9:
		return 4;
	default:
		if (!strcmp(code + 2, "0000"))
			return 1;
		if (!strcmp(code + 4, "00"))
			return 2;
		return 3;
	}
}

void division_prefix(const char *code, char out[13])
{
	static const int sig[] = { 0, 2, 4, 6, 9, 12 };
	int level = division_level(code);
	memcpy(out, code, (size_t)sig[level]);
	out[sig[level]] = '\0';
}

int division_in(const char *code, const char *prefix)
{
	return code && !strncmp(code, prefix, strlen(prefix));
}
