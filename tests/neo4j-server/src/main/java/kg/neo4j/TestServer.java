package kg.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community for the test run: one or more database servers in this JVM, each in its own
 * home directory with its Bolt connector on loopback and a password for the user neo4j.
 *
 * <pre>
 * java -cp … kg.neo4j.TestServer --home DIR [--servers N] [--port P] [--password PW] [--lock-timeout SECONDS] [--parent-pid PID] [--tls DIR]
 * </pre>
 *
 * Prints one Bolt URI per server ({@code bolt://127.0.0.1:PORT}), then {@code READY}, and runs
 * until its standard input closes, or with {@code --parent-pid} until that process ends (so it
 * never outlives the test run that started it), or until it is killed. With one server, {@code --home} is its home and {@code --port} its port (0: a free one),
 * so a killed server can be started again on the same files and port; with more, each gets
 * {@code DIR/server-N} and a free port. With {@code --tls}, Bolt also offers TLS with the
 * {@code private.key} and {@code public.crt} of that folder.
 */
public final class TestServer {
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            // the databases' threads would keep the JVM alive: end it, so the test run sees the failure
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = null;
        int servers = 1;
        int port = 0;
        String password = "kg-test-password";
        long lockTimeout = 5;
        long parentPid = 0;
        Path tls = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) usage("missing a value after " + args[i]);
            String value = args[i + 1];
            switch (args[i]) {
                case "--home" -> home = Path.of(value).toAbsolutePath();
                case "--servers" -> servers = Integer.parseInt(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--password" -> password = value;
                case "--lock-timeout" -> lockTimeout = Long.parseLong(value);
                case "--parent-pid" -> parentPid = Long.parseLong(value);
                case "--tls" -> tls = Path.of(value).toAbsolutePath();
                default -> usage("unknown option " + args[i]);
            }
        }
        if (home == null) usage("--home is required");
        if (servers < 1) usage("--servers must be 1 or more");
        if (servers > 1 && port != 0) usage("--port needs --servers 1");

        List<DatabaseManagementService> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(started)));
        for (int n = 0; n < servers; n++) {
            Path dir = servers == 1 ? home : home.resolve("server-" + n);
            Files.createDirectories(dir);
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dir);
            if (tls != null) {
                // TLS offered beside plain Bolt, with the certificate and key in the folder given
                SslPolicyConfig bolt = SslPolicyConfig.forScope(SslPolicyScope.BOLT);
                builder.setConfig(bolt.enabled, true)
                        .setConfig(bolt.base_directory, tls)
                        .setConfig(bolt.private_key, tls.resolve("private.key"))
                        .setConfig(bolt.public_certificate, tls.resolve("public.crt"))
                        .setConfig(bolt.client_auth, ClientAuth.NONE)
                        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.OPTIONAL);
            }
            DatabaseManagementService service = builder
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // a lock held longer than this is a TransientError the driver retries
                    .setConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(lockTimeout))
                    .build();
            started.add(service);
            // on first start the user neo4j must choose a password; a restarted server has it already
            boolean unset = service.database("system").executeTransactionally(
                    "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' RETURN passwordChangeRequired",
                    Map.of(),
                    result -> result.hasNext() && Boolean.TRUE.equals(result.next().get("passwordChangeRequired")));
            if (unset) {
                service.database("system").executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            }
            GraphDatabaseAPI db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            int bound = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class).getLocalAddress(ConnectorType.BOLT).getPort();
            System.out.println("bolt://127.0.0.1:" + bound);
            System.out.flush();
        }
        System.out.println("READY");
        System.out.flush();
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().join());
        } else {
            try {
                while (System.in.read() != -1) {
                    // runs until the test run closes its end
                }
            } catch (IOException closed) {
                // the same
            }
        }
        System.exit(0);
    }

    private static void shutdown(List<DatabaseManagementService> services) {
        for (DatabaseManagementService service : services) {
            try {
                service.shutdown();
            } catch (RuntimeException e) {
                System.err.println("shutdown: " + e.getMessage());
            }
        }
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: TestServer --home DIR [--servers N] [--port P] [--password PW] [--lock-timeout SECONDS] [--parent-pid PID] [--tls DIR]");
        System.exit(64);
    }
}
