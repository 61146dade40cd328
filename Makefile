# `make check` runs exactly what CI runs.
.PHONY: check test demo

check:
	.ci/run

test:
	cargo test

demo:
	cargo run --release -- demo
