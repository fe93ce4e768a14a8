import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import io.beep.command.platform.axon.AxonConfig;
import io.beep.command.platform.axon.BeepRevisionResolver;
import io.beep.command.platform.axon.SnapshotSerializer;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.UpdateMemberCommand;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Commands per second into one existing large Server aggregate (bench/aggregate-commands): the
 * command-side's own classes (Server, its snapshot serializer, the JDBC event store layout), Axon's
 * SimpleCommandBus, one PostgreSQL transaction per command, nickname changes of the seeded members one
 * after the other. Modes: off (full replay per command), snapshots (snapshot + later events per
 * command), snapshots+cache (the aggregate stays in this JVM). No HTTP, JWT or authorization: this
 * measures loading and appending, the part snapshots and the cache change.
 *
 * usage: java -cp <command-side classes and libs> ServerCommands.java JDBC_URL USER PASSWORD SERVER_ID MEMBERS MODE SECONDS THRESHOLD
 */
public class ServerCommands {

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2], serverId = args[3];
        int members = Integer.parseInt(args[4]);
        String mode = args[5];
        int seconds = Integer.parseInt(args[6]);
        int threshold = Integer.parseInt(args[7]);
        boolean snapshots = !mode.equals("off");
        boolean cache = mode.equals("snapshots+cache");

        var ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(user);
        ds.setPassword(password);
        ds.setMaximumPoolSize(4);
        var tm = new SpringTransactionManager(new DataSourceTransactionManager(ds));
        var events = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder().addModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build())
                .revisionResolver(new BeepRevisionResolver())
                .build();
        var engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(SnapshotSerializer.create())
                .eventSerializer(events)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(ds)))
                .transactionManager(tm)
                .schema(AxonConfig.EVENT_SCHEMA)
                .build();

        @SuppressWarnings("unchecked")
        Class<Object> server = (Class<Object>) Class.forName("io.beep.command.server.Server");
        var aggregate = AggregateConfigurer.defaultConfiguration(server)
                .configureSnapshotTrigger(c -> snapshots
                        ? new EventCountSnapshotTriggerDefinition(c.snapshotter(), threshold)
                        : NoSnapshotTriggerDefinition.INSTANCE);
        if (cache) {
            aggregate.configureCache(c -> new WeakReferenceCache());
        }
        // as in the service (SnapshotterConfig): snapshots are taken on one background thread
        var snapshotThread = Executors.newSingleThreadExecutor();
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureSnapshotter(c -> AggregateSnapshotter.builder()
                        .eventStore(c.eventStore())
                        .transactionManager(tm)
                        .aggregateFactories(c.aggregateConfiguration(server).aggregateFactory())
                        .repositoryProvider(c::repository)
                        .parameterResolverFactory(c.parameterResolverFactory())
                        .handlerDefinition(c.handlerDefinition(server))
                        .executor(snapshotThread)
                        .build())
                .configureEmbeddedEventStore(c -> engine)
                .configureTransactionManager(c -> tm)
                .configureSerializer(c -> events)
                .configureAggregate(aggregate);
        for (var name : List.of("ServerMemberships", "InviteCodes", "MuteSchedule")) {
            register(configurer, Class.forName("io.beep.command.server." + name));
        }
        Configuration config = configurer.buildConfiguration();
        config.start();

        var id = ServerId.of(serverId);
        var gateway = config.commandGateway();
        long firstStart = System.nanoTime();
        gateway.sendAndWait(nickname(id, 0, "first"));
        double firstMs = (System.nanoTime() - firstStart) / 1e6;

        var latencies = new ArrayList<Double>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        int i = 1;
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            gateway.sendAndWait(nickname(id, i % members, mode + "-" + i));
            latencies.add((System.nanoTime() - t) / 1e6);
            i++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        var slow = new ArrayList<String>();
        for (int n = 0; n < latencies.size(); n++) {
            if (latencies.get(n) > 500) {
                slow.add(String.format(Locale.ROOT, "#%d %.0f ms", n + 1, latencies.get(n)));
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "%s: first command %.0f ms; %d commands in %.1f s = %.1f commands/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                mode, firstMs, latencies.size(), elapsed, latencies.size() / elapsed,
                pct(latencies, 0.50), pct(latencies, 0.99), latencies.get(latencies.size() - 1));
        System.out.println(mode + ": commands over 500 ms: " + (slow.isEmpty() ? "none" : String.join(", ", slow)));
        config.shutdown();
        snapshotThread.shutdown();
        snapshotThread.awaitTermination(60, TimeUnit.SECONDS);
        ds.close();
    }

    private static UpdateMemberCommand nickname(ServerId server, int member, String nick) {
        var userId = UserId.of(String.format("%08d-0000-4000-8000-000000000000", member + 1));
        return new UpdateMemberCommand(server, userId, true, "n" + Integer.toHexString(nick.hashCode()), false, null, userId);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** The nickname path never calls these collaborators; the aggregate's other handlers need them resolvable. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(org.axonframework.config.Configurer configurer, Class type) {
        Object unused = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? type.getSimpleName() : m.getName().equals("hashCode") ? 0 : false;
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName() + " is not part of this bench");
        });
        configurer.registerComponent(type, c -> unused);
    }
}
