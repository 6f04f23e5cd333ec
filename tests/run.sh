#!/bin/sh
# run.sh - runs every test and ends with one line: "N passed, N failed".
#
# 1. cmocka unit tests (build/tests/...), in the plain build and, when it
#    exists, the ASan/UBSan build (build/asan/tests/...);
# 2. integration tests against the real server: node --test tests/http/,
#    run against build/jindu and again against build/asan/jindu;
# 3. the browser test (tests/browser/) in Debian's chromium;
# 4. tests/i18n.sh: every message has its English translation.
# JINDU_TEST_SKIP_BROWSER=1 or JINDU_TEST_SKIP_ASAN=1 leave parts out.
set -u
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0
failed=0
failures=""

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:"
run_unit() {
	bin=$1
	log="$out/unit.log"
	"$bin" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1 # crashed or sanitizer report before cmocka could count
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" != 0 ]; then
		failures="$failures $bin"
		echo "FAIL $bin"
		cat "$log"
	else
		echo "ok   $bin ($p)"
	fi
}

# node --test with the tap reporter ends with "# pass N" and "# fail N".
run_node() {
	label=$1
	shift
	log="$out/node.log"
	node --test --test-reporter=tap "$@" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" != 0 ]; then
		failures="$failures $label"
		echo "FAIL $label"
		# Each failure with its YAML block (the indented lines after it).
		awk '/^not ok/ { show = 1; print; next } show && /^  / { print; next } { show = 0 }' \
			"$log" | head -150
	else
		echo "ok   $label ($p)"
	fi
}

for t in $(find build/tests -type f -name '*-test' 2>/dev/null | sort); do
	run_unit "$t"
done
if [ "${JINDU_TEST_SKIP_ASAN:-0}" != 1 ]; then
	for t in $(find build/asan/tests -type f -name '*-test' 2>/dev/null | sort); do
		ASAN_OPTIONS=detect_leaks=1 run_unit "$t"
	done
fi

# Scripts that end with their own "N passed, N failed" line.
run_script() {
	log="$out/script.log"
	sh "$1" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" != 0 ]; then
		failures="$failures $1"
		echo "FAIL $1"
		cat "$log"
	else
		echo "ok   $1 ($p)"
	fi
}
run_script tests/i18n.sh

http_tests=$(ls tests/http/*.test.js 2>/dev/null)
if [ -n "$http_tests" ]; then
	JINDU_BIN=build/jindu run_node "http (build/jindu)" $http_tests
	if [ "${JINDU_TEST_SKIP_ASAN:-0}" != 1 ] && [ -x build/asan/jindu ]; then
		JINDU_BIN=build/asan/jindu ASAN_OPTIONS=detect_leaks=0 \
			run_node "http (build/asan/jindu)" $http_tests
	fi
fi

browser_tests=$(ls tests/browser/*.test.js 2>/dev/null)
if [ -n "$browser_tests" ] && [ "${JINDU_TEST_SKIP_BROWSER:-0}" != 1 ]; then
	JINDU_BIN=build/jindu run_node "browser" $browser_tests
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
