import os

# The test_solr_*.py modules need a running SolrCloud: `make test-solr` starts one and sets
# SOLR_URL. Without it the module is not collected (rather than skipped), and run on
# its own it fails.
collect_ignore_glob = [] if os.environ.get("SOLR_URL") else ["test_solr_*.py"]
