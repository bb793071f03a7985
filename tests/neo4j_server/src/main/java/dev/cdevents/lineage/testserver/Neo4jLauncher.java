package dev.cdevents.lineage.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community, in this JVM, with a Bolt connector on 127.0.0.1 and auth on.
 *
 * <p>Options: {@code --password P} (required, at least 8 characters), {@code --port N} (0 picks a
 * free one), {@code --data DIR} (default: a temporary folder deleted on exit), {@code --page-cache
 * SIZE} (default 64m). Prints {@code READY bolt://127.0.0.1:PORT} on stdout once Bolt accepts
 * logins; stops cleanly on SIGTERM/SIGINT or when stdin closes (so a parent that dies takes it
 * along).
 */
public final class Neo4jLauncher {
    private Neo4jLauncher() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            // Neo4j's own threads would keep a JVM whose start failed alive; exit instead, so the
            // parent sees the failure at once rather than waiting for a READY line.
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String password = options.get("password");
        if (password == null || password.length() < 8) {
            System.err.println("Neo4jLauncher: --password with at least 8 characters is required");
            System.exit(2);
        }
        int port = Integer.parseInt(options.getOrDefault("port", "0"));
        boolean temporary = !options.containsKey("data");
        Path home = temporary
                ? Files.createTempDirectory("lineage-neo4j-")
                : Path.of(options.get("data")).toAbsolutePath();

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(options.getOrDefault("page-cache", "64m")))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            if (temporary) {
                deleteTree(home);
            }
        }, "neo4j-shutdown"));

        setPassword(service, password);
        GraphDatabaseAPI db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int boltPort = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
        System.out.println("READY bolt://127.0.0.1:" + boltPort + " " + home);
        System.out.flush();

        InputStream stdin = System.in;
        byte[] buffer = new byte[256];
        while (stdin.read(buffer) >= 0) {
            // wait for the parent to close our stdin (or for a signal)
        }
        System.exit(0);
    }

    /**
     * Give user neo4j {@code password}. A data folder kept from an earlier run already has it,
     * and Neo4j refuses to "change" a password to itself: that refusal means it is set.
     */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is not worth failing the shutdown for
        }
    }
}
