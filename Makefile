# kpi — role and KPI performance management.
#   make demo   install what is missing, build, and build the demo company
#   make test   install what is missing, build, and run every test

SWIFT      ?= swift
BUILD_DIR  ?= .build
KPI        := $(BUILD_DIR)/release/kpi
APT_PKGS   := libxlsxwriter-dev libsqlite3-dev zlib1g-dev sqlite3
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release demo test wrk bench bench-scale torture screenshot clean

all: build

## deps: install the system packages the build needs, only when they are missing
deps:
	@missing=""; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists sqlite3 2>/dev/null    || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists zlib 2>/dev/null       || missing="$$missing zlib1g-dev"; \
	command -v sqlite3 >/dev/null 2>&1          || missing="$$missing sqlite3"; \
	command -v pkg-config >/dev/null 2>&1       || missing="pkg-config $$missing"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q openpyxl   # the tests read workbooks back with it

## build: debug build of every target
build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product kpi

## demo: the first thing a new user runs — check the catalog, build the demo company
demo: release
	$(KPI) catalog check
	$(KPI) demo

## test: the whole suite (unit, catalog, and end-to-end runs of the built kpi)
test: deps
	$(SWIFT) build
	$(SWIFT) test

## wrk: the load generator the bench puts on kpi serve, only when it is missing
wrk:
	@command -v wrk >/dev/null 2>&1 || { echo "installing: wrk (load for kpi serve)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }

## bench: the bench company (10,000 employees, 12 months) and every step against its baseline; writes bench/results.json
bench: release wrk
	bench/run

## bench-scale: the bench at 10,000 × 12, 50,000 × 12 and 10,000 × 36 (people × months), one table of the ratios; writes bench/scale.json
bench-scale: release wrk
	bench/scale

## torture: kill -9 trials, races and fuzzing on a small demo company; prints tried/survived/lost/crashed
torture: release
	bench/torture

## screenshot: 我的绩效 of kpi serve in headless Chromium, at phone and desktop width: exports/screenshot-phone.png, -desktop.png
screenshot: release
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then echo "installing: $$missing"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	scripts/screenshot.py $(KPI) . exports/screenshot

clean:
	rm -rf $(BUILD_DIR)
