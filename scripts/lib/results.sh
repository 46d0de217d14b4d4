# Shared by the benchmark scripts (sourced, not run).
#
# results_replace_section FILE BEGIN END SECTION
#   Puts SECTION (which starts with the line BEGIN and ends with the line END) into FILE in
#   place of the old text between those markers, or appends it when the markers are missing.
#   Everything outside the markers is kept. The file is replaced whole (temporary file, then
#   rename), so an interrupted run leaves the old file.
results_replace_section() {
	local file=$1 begin=$2 end=$3 section=$4 tmp
	mkdir -p "$(dirname "$file")"
	[ -f "$file" ] || printf '# Results\n' >"$file"
	tmp=$(mktemp "$file.XXXXXX")
	if grep -qF "$begin" "$file" && grep -qF "$end" "$file"; then
		SECTION=$section awk -v b="$begin" -v e="$end" '
			index($0, b) { print ENVIRON["SECTION"]; skip = 1; next }
			index($0, e) { skip = 0; next }
			!skip { print }' "$file" >"$tmp" || { rm -f "$tmp"; return 1; }
	else
		{ cat "$file"; printf '\n%s\n' "$section"; } >"$tmp"
	fi
	chmod 0644 "$tmp" # mktemp made it private
	mv "$tmp" "$file"
}
