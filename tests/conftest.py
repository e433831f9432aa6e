import os

# test_solr_cluster.py needs a running SolrCloud: `make test-solr` starts one and sets
# SOLR_URL. Without it the module is not collected (rather than skipped), and run on
# its own it fails.
collect_ignore = [] if os.environ.get("SOLR_URL") else ["test_solr_cluster.py"]
