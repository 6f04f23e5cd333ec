# Makefile - builds build/jindu, its tests, a sanitizer build, the demo and the checks.
#
#   make            build build/jindu
#   make demo       install what is missing, build, serve the demo county on :8080
#   make check      install what is missing, build, run every test (plain + ASan/UBSan)
#   make asan       sanitizer build in build/asan/
#   make screenshots  PNGs of the main pages and of the sample bulletin under docs/screenshots/
#   make bench      benchmarks (results go to docs/benchmarks.md)
#   make pot        refresh po/jindu.pot from the sources

CC ?= cc
BUILD ?= build
SAN ?=
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

PKGS := libmicrohttpd jansson sqlite3 libsodium liboath xlsxwriter minizip expat libcrypto libqrencode \
	pangocairo cairo-pdf
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wformat-security -Wvla -Wpointer-arith -Wcast-qual \
	-Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -pthread $(WARN) $(CFLAGS) $(PKG_CFLAGS) \
	-Isrc -I$(BUILD)/gen -DJINDU_VERSION='"$(VERSION)"' -DJINDU_REV='"$(GIT_REV)"'
ALL_LDFLAGS := -pthread $(LDFLAGS)
LIBS := $(PKG_LIBS) -lm

ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ALL_LDFLAGS += -fsanitize=address,undefined
endif

SRCS := $(shell find src -name '*.c' ! -name '*-test.c' | sort)
TEST_SRCS := $(shell find src -name '*-test.c' | sort)
OBJS := $(SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/assets.o
# Unit tests link the library layers, not the commands.
LIB_OBJS := $(filter-out $(BUILD)/obj/src/main.o $(BUILD)/obj/src/cmd/%,$(OBJS))
TESTS := $(TEST_SRCS:src/%-test.c=$(BUILD)/tests/%-test)

NODE_STAMP := node_modules/.package-lock.json
ASSET_FILES := $(NODE_STAMP) $(wildcard assets/*) $(wildcard src/store/sql/*.sql) \
	$(BUILD)/gen/divisions.tsv $(BUILD)/gen/pinyin.tsv $(BUILD)/gen/en.mo tools/embed.sh

.PHONY: all demo check test asan clang unit-tests screenshots bench pot clean deps
all: $(BUILD)/jindu

$(BUILD)/jindu: $(OBJS)
	@echo "  LD $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen/assets.o: $(BUILD)/gen/assets.S
	@mkdir -p $(dir $@)
	@echo "  AS $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Everything the binary carries (front-end packages, CSS, SQL migrations,
# division codes, translations) is embedded by tools/embed.sh with .incbin.
$(BUILD)/gen/assets.S: $(ASSET_FILES)
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(BUILD)/gen > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/divisions.tsv: tools/gen-divisions.js $(NODE_STAMP)
	@mkdir -p $(dir $@)
	node tools/gen-divisions.js > $@.tmp && mv $@.tmp $@

# Pinyin of every CJK ideograph, for name search (Debian package unicode-data).
UNIHAN ?= /usr/share/unicode/Unihan_Readings.txt.bz2
$(BUILD)/gen/pinyin.tsv: tools/gen-pinyin.js $(UNIHAN)
	@mkdir -p $(dir $@)
	node tools/gen-pinyin.js $(UNIHAN) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/en.mo: po/en.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Anything generated must exist before any object is compiled.
$(OBJS): | $(BUILD)/gen/assets.S

$(BUILD)/tests/%-test: src/%-test.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) $(LIBS) -lcmocka

asan:
	$(MAKE) BUILD=build/asan SAN=1 CFLAGS="-O1 -g" all unit-tests

# The code must also be warning-free under clang.
clang:
	$(MAKE) BUILD=build/clang CC=clang all

unit-tests: $(TESTS)

deps:
	sh scripts/install-deps

test: all unit-tests
	sh tests/run.sh

check: deps
	$(MAKE) all unit-tests
	$(MAKE) asan
	@if command -v clang >/dev/null 2>&1; then $(MAKE) clang; fi
	sh tests/run.sh

demo: deps
	$(MAKE) all
	sh scripts/demo

screenshots: all unit-tests
	node tests/browser/screenshots.js
	@mkdir -p $(BUILD)/sample
	JINDU_DOC_SAMPLE_DIR=$(BUILD)/sample $(BUILD)/tests/report/doc-write-test >/dev/null
	pdftoppm -r 110 -png -f 1 -l 1 -singlefile $(BUILD)/sample/bulletin.pdf docs/screenshots/bulletin-pdf

bench: all
	sh bench/run.sh

pot:
	xgettext --from-code=UTF-8 --no-location -k_ -kN_ -o po/jindu.pot $(SRCS)
	msgmerge --update --backup=none po/en.po po/jindu.pot

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
