#!/bin/sh
# Refreshes the checked-in corpus sample fuzz/corpus-min/<target>/ from fuzz/corpus/<target>/:
# minimizes each corpus with `cargo fuzz cmin` (same coverage, fewer files), then keeps a
# deterministic selection (by file name, i.e. by SHA-1) of at most 400 files and 250 KB per
# target, so the sample stays well under 2 MB. tests/wire/fuzz_corpus.rs runs it.
# TARGETS="a b" limits it to some targets; FUZZ_TARGET_DIR sets cargo-fuzz's --target-dir.
set -eu
cd "$(dirname "$0")"
for t in ${TARGETS:-json_direct json_tree xml_direct xml_tree error_codes timestamps base64 cbor_direct cbor_tree}; do
    [ "${SKIP_CMIN:-}" ] || cargo +nightly fuzz cmin ${FUZZ_TARGET_DIR:+--target-dir "$FUZZ_TARGET_DIR"} \
        "$t" "corpus/$t" -- -rss_limit_mb=1024 >/dev/null 2>&1
    rm -rf "corpus-min/$t"
    mkdir -p "corpus-min/$t"
    total=0
    count=0
    for f in $(ls "corpus/$t" | sort); do
        size=$(wc -c < "corpus/$t/$f")
        if [ $((total + size)) -gt 256000 ] || [ "$count" -ge 400 ]; then
            continue
        fi
        cp "corpus/$t/$f" "corpus-min/$t/$f"
        total=$((total + size))
        count=$((count + 1))
    done
    echo "$t: $count files, $total bytes"
done
