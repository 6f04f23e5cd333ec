#!/bin/sh
# embed.sh GENDIR - writes an assembler file that embeds every asset with .incbin.
#
# The table it emits matches struct embedded in src/lib/embed.h:
# { name, start, end } triples ending with a zero triple. To embed a new
# file, add one `emit NAME PATH` line below.
set -eu
gen=$1
top=$(pwd)
n=0

emit() {
	name=$1
	file=$2
	case $file in /*) ;; *) file=$top/$file ;; esac
	[ -f "$file" ] || { echo "embed.sh: missing '$file'" >&2; exit 1; }
	cat <<ASM
	.section .rodata
	.balign 16
jindu_asset_${n}_start:
	.incbin "$file"
jindu_asset_${n}_end:
	.byte 0
jindu_asset_${n}_name:
	.asciz "$name"
ASM
	echo "$n" >>"$gen/embed.list"
	n=$((n + 1))
}

: >"$gen/embed.list"
emit static/htmx.min.js node_modules/htmx.org/dist/htmx.min.js
emit static/echarts.min.js node_modules/echarts/dist/echarts.min.js
for f in assets/*; do
	emit "static/$(basename "$f")" "$f"
done
for f in src/store/sql/*.sql; do
	emit "sql/$(basename "$f")" "$f"
done
emit data/divisions.tsv "$gen/divisions.tsv"
emit data/pinyin.tsv "$gen/pinyin.tsv"
emit locale/en.mo "$gen/en.mo"

cat <<ASM
	.section .data.rel.ro,"aw"
	.balign 8
	.globl jindu_assets
jindu_assets:
ASM
while read -r i; do
	printf '\t.quad jindu_asset_%s_name, jindu_asset_%s_start, jindu_asset_%s_end\n' "$i" "$i" "$i"
done <"$gen/embed.list"
printf '\t.quad 0, 0, 0\n'
printf '\t.section .note.GNU-stack,"",@progbits\n'
rm -f "$gen/embed.list"
