# One entry point for humans, the README and CI.
#   make demo   set up, build, scan the sample article, show it highlighted
#   make test   set up, build, run every test (Rust, extension unit, browser)
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
WASM_TARGET := wasm32-unknown-unknown
WASM_RAW := target/$(WASM_TARGET)/wasm/claimlens.wasm
PKG := build/pkg
SHARED ?= ../shared/corpus

.PHONY: setup wasm extension demo test test-rust test-unit test-e2e eval eval-heldout eval-shared bench clean size train

setup:
	@scripts/setup.sh

wasm: setup
	$(CARGO) build --profile wasm --lib --target $(WASM_TARGET) --quiet
	wasm-bindgen --target web --out-dir $(PKG) --no-typescript $(WASM_RAW)
	@printf 'wasm: %s bytes raw, %s bytes gzipped\n' "$$(wc -c < $(PKG)/claimlens_bg.wasm)" "$$(gzip -9 -c $(PKG)/claimlens_bg.wasm | wc -c)"

extension: wasm
	npm run --silent build:ext

demo: extension
	$(CARGO) run --release --quiet -- scan tests/fixtures/sample-article.html
	npm run --silent demo

test: extension
	$(CARGO) test --quiet
	node --test tests/wasm/
	npm run --silent test:unit
	npm run --silent test:e2e
	node --test extension/tests/firefox/
	npx --no-install web-ext lint --source-dir build/extension --self-hosted --no-input --output text 2>&1 | sed -n '1,7p'

test-rust:
	$(CARGO) test --quiet

test-unit: wasm
	node --test tests/wasm/
	npm run --silent test:unit

test-e2e: extension
	npm run --silent test:e2e

eval:
	$(CARGO) run --release --quiet -- eval tests/gold

eval-heldout:
	$(CARGO) run --release --quiet -- eval tests/heldout

eval-shared:
	@test -d $(SHARED) || { echo "no $(SHARED): these gold files are not part of a clone"; exit 2; }
	$(CARGO) run --release --quiet -- eval $(SHARED)/seed-article.gold
	$(CARGO) run --release --quiet -- eval $(SHARED)/wikiweasel-train.gold

# Retrains the weasel-wording scorer (src/model/weasel.bin) from the shared
# WikiWeasel train split and the project's gold set; prints held-out scores.
train:
	@test -d $(SHARED) || { echo "no $(SHARED): training reads the shared corpus"; exit 2; }
	$(CARGO) run --release --quiet -- train --out src/model/weasel.bin $(SHARED)/wikiweasel-train.gold tests/gold

size: wasm
	@printf 'wasm raw %s B, gzip %s B\n' "$$(wc -c < $(PKG)/claimlens_bg.wasm)" "$$(gzip -9 -c $(PKG)/claimlens_bg.wasm | wc -c)"

# Figures, never assertions: native core and batch scan (cargo bench), then
# the WASM core under Node against write-good and retext-intensify, sizes and
# browser timings. The last line is the one-line summary.
bench: extension
	$(CARGO) bench --quiet --bench throughput
	node benches/wasm.mjs

clean:
	rm -rf build target/demo
