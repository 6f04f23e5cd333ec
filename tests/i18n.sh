#!/bin/sh
# i18n.sh - every user-visible message in the sources has an English translation.
# Prints "N passed, N failed" for tests/run.sh (one test).
set -u
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --no-location -k_ -kN_ -o "$tmp/jindu.pot" \
	$(find src -name '*.c' ! -name '*-test.c' | sort) 2>"$tmp/err" || { cat "$tmp/err"; echo "0 passed, 1 failed"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$tmp/en.po" po/en.po "$tmp/jindu.pot"
missing=$(msgattrib --untranslated --no-obsolete "$tmp/en.po" | grep -c '^msgid "[^"]')
fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/en.po | grep -c '^msgid "[^"]')
if [ "$missing" != 0 ] || [ "$fuzzy" != 0 ]; then
	echo "po/en.po: $missing messages untranslated, $fuzzy fuzzy (run 'make pot' and translate):"
	msgattrib --untranslated --no-obsolete "$tmp/en.po" | grep '^msgid "[^"]' | head -20
	echo "0 passed, 1 failed"
	exit 1
fi
if ! msgfmt --check -o /dev/null po/en.po; then
	echo "0 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
