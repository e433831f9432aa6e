VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= ../shared/corpus

.PHONY: venv migrate samples index run test test-postgres eval bench-search eval-search eval-rank eval-repeats bench-web bench-load bench-scale backup restore

venv: $(VENV)/.installed

# The stamp makes repeated runs skip pip until requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || (python3.11 -m venv $(VENV) || python3 -m venv $(VENV))
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

migrate: venv
	$(PY) manage.py migrate --noinput

# The fictional sample papers (archive/samples.py), only into an archive without papers
# unless SAMPLES=1: a site's real papers never get invented ones beside them.
SAMPLES ?=
samples: migrate
	$(PY) manage.py load_samples $(if $(filter 1,$(SAMPLES)),--always)

# The index is repaired (or rebuilt, after an analyzer change) before serving; articles
# imported before repeats were found get their fingerprints first (archive/repeats.py).
index: samples
	$(PY) manage.py find_repeats
	$(PY) manage.py check_index --repair || $(PY) manage.py rebuild_index --noinput

# gunicorn.conf.py: BIND (default 127.0.0.1:8000), WEB_CONCURRENCY, ... (docs/deploy.md).
run: index
	$(PY) manage.py collectstatic --noinput -v 0
	@echo "Archive running at http://$${BIND:-127.0.0.1:8000}/"
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

test: venv
	$(PY) -m pytest -q

# The suite against a throwaway PostgreSQL cluster (as CI runs it).
test-postgres: venv
	.ci/with-postgres $(PY) -m pytest -q

# A consistent backup of the running site (database and source texts) into
# $(BACKUPS)/archive-<time>/; restore with `make restore FROM=backups/archive-...`
# into an empty database and DATA_DIR (the search index is rebuilt).
BACKUPS ?= backups
backup: venv
	$(PY) manage.py backup_archive $(BACKUPS)

restore: venv
	@test -n "$(FROM)" || (echo "usage: make restore FROM=backups/archive-YYYYmmdd-HHMMSS" >&2; exit 2)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py restore_archive $(FROM)

# Parser figures per corpus set; a set spanning months also gets each month's row and,
# for *.truth.jsonl sets, each month scored with the start weights refitted on the
# other months (leave one month out; about a minute on rmrb-dev). NO_LOMO=1 skips the refits.
eval: venv
	$(PY) bench/eval_parser.py $(CORPUS) $(if $(NO_LOMO),--no-lomo)

# Search latency at 10k and 100k articles, Whoosh beside SQLite FTS5 (docs/performance.md).
# Loads are cached under /tmp/bench-search; the 100k one takes about an hour the first time.
bench-search: venv
	$(PY) bench/bench_search.py --corpus $(CORPUS)

# Search recall/precision on a throwaway import of one corpus set (a few minutes).
eval-search: venv
	$(PY) bench/eval_search.py $(CORPUS)/rmrb-dev

# Known-item ranking (MRR@20, success@1/10) beside SQLite FTS5 bm25 on a throwaway import of
# rmrb-dev (~2 minutes); the figures are in docs/search-quality.md.
eval-rank: venv
	$(PY) bench/eval_rank.py $(CORPUS)/rmrb-dev

# Precision and recall of repeat detection (archive/repeats.py) against rmrb-dev's truth.
eval-repeats: venv
	$(PY) bench/eval_repeats.py $(CORPUS)/rmrb-dev

# Page latency (home, issue, article, reporter, search) through gunicorn and wrk, on the
# 100k-article archive bench-search loads (docs/performance.md).
bench-web: venv
	$(PY) bench/bench_web.py --corpus $(CORPUS)

# Peak memory of exporting 50,000 search hits as CSV (docs/performance.md); the
# synthetic database and index are built once (~10 min) under /tmp/bench-export.
.PHONY: bench-export
bench-export: venv
	$(PY) bench/bench_export.py

# gunicorn under readers and searchers (wrk) while import_issue loads 50 issues and an
# editor saves articles; throughput, p95, errors, DB-vs-index differences (docs/performance.md).
bench-load: venv
	$(PY) bench/bench_load.py --corpus $(CORPUS)

# One size of the scale table and chart in docs/performance.md (issue #7): load rate, index
# and DB size, search and browse p95 through gunicorn and wrk, worker peak RSS, SQLite FTS5
# on the same tokens; N articles (default 100000; the report wants 10000, 100000, 1000000).
# The load is kept under /tmp/bench-scale/N and resumes where it stopped if interrupted;
# rows of all sizes are kept in docs/bench-scale.json, the chart is docs/bench-scale.svg.
# SCALE_ROOT=/tmp/bench-search reuses bench-search's loads (the same generator, seed and import).
N ?= 100000
SCALE_ROOT ?= /tmp/bench-scale
bench-scale: venv
	$(PY) bench/bench_scale.py --articles $(N) --corpus $(CORPUS) --root $(SCALE_ROOT)

# The Solr engine beside Whoosh on bench-search's load of N articles (under /tmp/bench-search,
# made once): rebuild_index time, index size and search-page p50/p95 of the same 200 queries,
# on a local cluster started for it (docs/performance.md). SOLR_BENCH_ARGS=--keep-whoosh rebuilds
# only Solr's index and searches Whoosh's as the load built it.
.PHONY: bench-solr
bench-solr: venv
	solr/cloud with $(PY) bench/bench_solr.py --articles $(N) --corpus $(CORPUS) $(SOLR_BENCH_ARGS)

# A local SolrCloud (issue #24): 2 nodes and their own ZooKeeper on 127.0.0.1, the
# configset solr/configsets/archive, collection `archive` (2 shards x 2 replicas),
# through Solr's MiniSolrCloudCluster (solr/launcher, Java 17 + Maven, versions pinned).
# `make solr` stays in the foreground and prints the node URLs; stop it with Ctrl-C,
# or `make solr-stop` for one started by `solr/cloud start`. Details: docs/deploy.md.
.PHONY: solr solr-stop test-solr
solr:
	solr/cloud run

solr-stop:
	solr/cloud stop

# The Solr tests, then the search, API, export, index-sync and search-page tests a second
# time on the Solr engine (SEARCH_ENGINE=solr), against a cluster started for them and
# stopped after; without SOLR_URL `make test` does not collect tests/test_solr_*.py.
SOLR_TESTS := tests/test_solr_cluster.py tests/test_solr_equivalence.py tests/test_solr_backend.py
ENGINE_TESTS := tests/test_search.py tests/test_api.py tests/test_exports.py tests/test_index_sync.py \
	tests/test_search_page.py
# Tests of the embedded engine's own files, not of search: its writer lock, segments and
# signature file (test_solr_backend.py tests Solr's), and the export's searcher, a snapshot
# Solr has no equivalent of (docs/deploy.md).
WHOOSH_ONLY := tests/test_index_sync.py::WriterLockTests tests/test_index_sync.py::SegmentWithoutBylinesTests \
	tests/test_index_sync.py::IndexSyncTests::test_analyzer_change_is_reported \
	tests/test_exports.py::ExportTests::test_an_index_commit_mid_export_neither_repeats_nor_drops_rows \
	tests/test_exports.py::ExportTests::test_the_export_closes_its_searcher_also_when_the_client_leaves
test-solr: venv
	solr/cloud with env SEARCH_ENGINE=solr $(PY) -m pytest -q $(SOLR_TESTS) $(ENGINE_TESTS) \
		$(addprefix --deselect ,$(WHOOSH_ONLY))
