package archive.solr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on 127.0.0.1 for development and tests: Solr's own test cluster
 * (MiniSolrCloudCluster) with its own ZooKeeper, the archive's configset uploaded and
 * its collection created. It runs until the process is stopped (Ctrl-C or SIGTERM,
 * e.g. `make solr-stop`), then shuts the nodes and ZooKeeper down and removes its
 * files.
 *
 * <p>Once every replica is active it writes {@code <run>/cluster.env} (SOLR_URL,
 * SOLR_URLS, SOLR_ZK_HOST, SOLR_COLLECTION, SOLR_RUN) and {@code <run>/solr.pid}: scripts wait
 * for the env file and stop the cluster by the pid.
 *
 * <p>Arguments, all optional: --configset DIR (solr/configsets/archive), --run DIR
 * (solr/run), --collection NAME (archive), --nodes N (2), --shards N (2),
 * --replicas N (2).
 */
public final class LocalCloud {

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path configset = Path.of(opts.getOrDefault("configset", "solr/configsets/archive"));
    Path run = Path.of(opts.getOrDefault("run", "solr/run")).toAbsolutePath();
    String collection = opts.getOrDefault("collection", "archive");
    int nodes = Integer.parseInt(opts.getOrDefault("nodes", "2"));
    int shards = Integer.parseInt(opts.getOrDefault("shards", "2"));
    int replicas = Integer.parseInt(opts.getOrDefault("replicas", "2"));

    Path conf = configset.resolve("conf");
    if (!Files.isRegularFile(conf.resolve("solrconfig.xml"))) {
      System.err.println("no configset at " + conf.toAbsolutePath() + " (solrconfig.xml missing)");
      System.exit(2);
    }
    Path base = run.resolve("cluster");
    Path env = run.resolve("cluster.env");
    Path pid = run.resolve("solr.pid");
    deleteTree(base); // a cluster of an earlier run that was killed hard
    Files.deleteIfExists(env);

    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster.Builder(nodes, base)
            .addConfig(collection, conf)
            .withTraceIdGenerationDisabled()
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the SolrCloud ...");
                  try {
                    Files.deleteIfExists(env);
                    Files.deleteIfExists(pid);
                    cluster.shutdown();
                    deleteTree(base);
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                  stopped.countDown();
                  System.out.println("SolrCloud stopped.");
                }));

    CollectionAdminRequest.createCollection(collection, collection, shards, replicas)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(collection, shards, shards * replicas);

    List<String> urls = new ArrayList<>();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      urls.add(node.getBaseUrl().toString());
    }
    String zk = cluster.getZkServer().getZkAddress();
    Files.writeString(pid, ProcessHandle.current().pid() + "\n");
    // Written last, all at once: its presence means the cluster answers.
    Path partial = run.resolve("cluster.env.partial");
    Files.writeString(
        partial,
        "SOLR_URL="
            + urls.get(0)
            + "\nSOLR_URLS="
            + String.join(",", urls)
            + "\nSOLR_ZK_HOST="
            + zk
            + "\nSOLR_COLLECTION="
            + collection
            + "\nSOLR_RUN="
            + run
            + "\n",
        StandardCharsets.UTF_8);
    Files.move(partial, env);

    System.out.printf(
        "SolrCloud up: collection %s, %d shards x %d replicas on %d nodes%n",
        collection, shards, replicas, nodes);
    for (String url : urls) {
      System.out.println("  Solr node: " + url);
    }
    System.out.println("  ZooKeeper: " + zk);
    System.out.println("  (" + env + ") Stop with Ctrl-C or `make solr-stop`.");
    List<JettySolrRunner> fixed = List.copyOf(cluster.getJettySolrRunners());
    while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
      for (int i = 0; i < fixed.size(); i++) {
        obey(cluster, fixed.get(i), run.resolve("node-" + (i + 1)));
      }
    }
  }

  /**
   * Failover tests stop and restart a node (1-based, in the order of SOLR_URLS) by
   * creating {@code <run>/node-N.stop} or {@code node-N.start}; the file is removed
   * once done. A restarted node keeps its port, so its URL stays valid.
   */
  private static void obey(MiniSolrCloudCluster cluster, JettySolrRunner node, Path request) {
    Path stop = Path.of(request + ".stop");
    Path start = Path.of(request + ".start");
    try {
      if (Files.exists(stop)) {
        if (node.isRunning()) {
          cluster.stopJettySolrRunner(node);
          cluster.waitForJettyToStop(node);
        }
        System.out.println("Stopped node " + request.getFileName());
        Files.delete(stop);
      } else if (Files.exists(start)) {
        if (!node.isRunning()) {
          cluster.startJettySolrRunner(node, true);
          cluster.waitForNode(node, 60);
        }
        System.out.println("Started node " + request.getFileName());
        Files.delete(start);
      }
    } catch (Exception e) {
      System.err.println("Could not obey " + request + ": " + e);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        System.err.println("usage: LocalCloud [--configset DIR] [--run DIR] [--collection NAME]"
            + " [--nodes N] [--shards N] [--replicas N]");
        System.exit(2);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
