package io.beep.projections;

import static io.beep.projections.jooq.Tables.CHANNEL_VIEW;
import static io.beep.projections.jooq.Tables.SERVER_MEMBER;
import static io.beep.projections.jooq.Tables.SERVER_ROLE;
import static io.beep.projections.jooq.Tables.SERVER_VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.projections.message.MessageProjection;
import io.beep.projections.message.MessageStore;
import io.beep.projections.platform.db.DataSources;
import io.beep.projections.platform.grpc.GrpcServer;
import io.beep.projections.server.MemberAndChannelChangesProjection;
import io.beep.projections.server.ServerViewProjection;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.beep.contracts.message.MessageViewKeys;
import org.bson.Document;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberNicknameChangedEvent;
import io.beep.contracts.server.ServerUpdatedEvent;

/**
 * The projections against the real PostgreSQL and FerretDB: events appended to a private event
 * store flow through the tracking processors into the views, {@code AwaitPosition} answers when
 * they are in, and handling an event again changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class: its processors would go on competing with the next context's for the private schema
@DirtiesContext
class ProjectionsIntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    private static ManagedChannel channel;

    @Autowired
    EventStore eventStore;
    @Autowired
    DSLContext db;
    @Autowired
    MongoDatabase mongo;
    @Autowired
    io.beep.projections.admin.rebuild.CollectionAliases aliases;
    @Autowired
    GrpcServer grpcServer;
    @Autowired
    ServerViewProjection serverViewProjection;
    @Autowired
    MessageProjection messageProjection;
    @Autowired
    MemberAndChannelChangesProjection memberAndChannelChangesProjection;
    @Autowired
    @Qualifier(DataSources.EVENTS)
    DataSource events;
    @Autowired
    TestRestTemplate http;
    @Autowired
    @Qualifier("eventSerializer")
    org.axonframework.serialization.Serializer eventSerializer;

    @BeforeAll
    static void prepare() throws Exception {
        ItInfrastructure.prepare();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ItInfrastructure.register(registry);
    }

    @AfterAll
    static void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    @Test
    void theEventSerializerReadsInstantsWithTheUtcParserAndAgreesWithJackson() throws Exception {
        var mapper = ((org.axonframework.serialization.json.JacksonSerializer) eventSerializer).getObjectMapper();
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(java.time.Instant.class)))
                .extracting(deserializer -> deserializer.getClass().getSimpleName()).isEqualTo("UtcInstantDeserializer");
        var plain = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        for (var json : List.of("\"2026-11-28T05:57:01.123456789Z\"", "\"2026-11-28T05:57:01Z\"",
                "\"2026-11-28T06:57:01+01:00\"", "1764309421.5", "\"2026-11-28T05:57:01.1Z\"")) {
            assertThat(mapper.readValue(json, java.time.Instant.class)).as(json)
                    .isEqualTo(plain.readValue(json, java.time.Instant.class));
        }
    }

    @Test
    void aCreatedServerAppearsWithItsOwnerAsOnlyMemberOnceTheWaitAnswers() {
        var created = serverCreated();
        long position = append(created.serverId().value(), 0, created);

        assertThat(await(List.of("server-views"), position, 10_000)).isTrue();

        var row = db.selectFrom(SERVER_VIEW).where(SERVER_VIEW.ID.eq(id(created.serverId().value()))).fetchOne();
        assertThat(row).isNotNull();
        assertThat(row.getName()).isEqualTo(created.name());
        assertThat(row.getDescription()).isEqualTo(created.description());
        assertThat(row.getVisibility()).isEqualTo("private");
        assertThat(row.getOwnerId()).isEqualTo(created.ownerId().value());
        assertThat(row.getMemberCount()).isEqualTo(1);
        assertThat(row.getCreatedAt().toInstant()).isEqualTo(created.createdAt());
        assertThat(row.getLastPosition()).isEqualTo(position);
        assertThat(db.fetchCount(SERVER_MEMBER, SERVER_MEMBER.SERVER_ID.eq(row.getId())
                .and(SERVER_MEMBER.USER_ID.eq(created.ownerId().value())))).isEqualTo(1);
    }

    @Test
    void handlingTheSameServerCreatedEventAgainLeavesOneServerAndOneMember() {
        var created = serverCreated();
        long position = append(created.serverId().value(), 0, created);
        assertThat(await(List.of("server-views"), position, 10_000)).isTrue();

        handle(serverViewProjection, tracked(created, created.serverId().value(), position));
        handle(serverViewProjection, tracked(created, created.serverId().value(), position));

        long serverId = id(created.serverId().value());
        assertThat(db.fetchCount(SERVER_VIEW, SERVER_VIEW.ID.eq(serverId))).isEqualTo(1);
        assertThat(db.fetchCount(SERVER_MEMBER, SERVER_MEMBER.SERVER_ID.eq(serverId))).isEqualTo(1);
        assertThat(db.select(SERVER_VIEW.MEMBER_COUNT).from(SERVER_VIEW).where(SERVER_VIEW.ID.eq(serverId))
                .fetchOne(SERVER_VIEW.MEMBER_COUNT)).isEqualTo(1);
    }

    @Test
    void membersJoiningAndLeavingInOneBatchLeaveTheCountOfTheMembersThatRemain() {
        var created = serverCreated();
        var server = created.serverId();
        handle(serverViewProjection, tracked(created, server.value(), 1));
        var batch = List.<Object>of(
                new MemberJoinedEvent(server, UserId.of("batch-a"), Instant.now()),
                new MemberJoinedEvent(server, UserId.of("batch-b"), Instant.now()),
                new MemberJoinedEvent(server, UserId.of("batch-c"), Instant.now()),
                new MemberLeftEvent(server, UserId.of("batch-b"), Set.of()));
        var unitOfWork = DefaultUnitOfWork.startAndGet(tracked(batch.get(0), server.value(), 2));
        for (int i = 0; i < batch.size(); i++) {
            handle(serverViewProjection, tracked(batch.get(i), server.value(), 2 + i));
        }
        unitOfWork.commit();

        assertThat(db.select(SERVER_VIEW.MEMBER_COUNT).from(SERVER_VIEW).where(SERVER_VIEW.ID.eq(id(server.value())))
                .fetchOne(SERVER_VIEW.MEMBER_COUNT)).isEqualTo(3);
    }

    @Test
    void aJoinThenALeaveOfTheSameMemberInOneBatchLeaveThemOutAndCountTheOthers() {
        var created = serverCreated();
        var server = created.serverId();
        handle(serverViewProjection, tracked(created, server.value(), 1));

        handleBatch(List.of(
                tracked(new MemberJoinedEvent(server, UserId.of("in-out"), now()), server.value(), 2),
                tracked(new MemberLeftEvent(server, UserId.of("in-out"), Set.of()), server.value(), 3),
                tracked(new MemberJoinedEvent(server, UserId.of("stays"), now()), server.value(), 4)));

        assertThat(memberIds(server)).containsExactlyInAnyOrder(created.ownerId().value(), "stays");
        assertThat(memberCount(server)).isEqualTo(2);
    }

    @Test
    void aNicknameSetInTheBatchThatAddsTheMemberIsKept() {
        var created = serverCreated();
        var server = created.serverId();

        handleBatch(List.of(
                tracked(created, server.value(), 1),
                tracked(new MemberJoinedEvent(server, UserId.of("nick"), now()), server.value(), 2),
                tracked(new MemberNicknameChangedEvent(server, UserId.of("nick"), "Nicky", UserId.of("nick")),
                        server.value(), 3)));

        assertThat(db.select(SERVER_MEMBER.NICKNAME).from(SERVER_MEMBER)
                .where(SERVER_MEMBER.SERVER_ID.eq(id(server.value())).and(SERVER_MEMBER.USER_ID.eq("nick")))
                .fetchOne(SERVER_MEMBER.NICKNAME)).isEqualTo("Nicky");
        assertThat(memberCount(server)).isEqualTo(2);
    }

    @Test
    void aBatchHandledTwiceGivesTheSameViewAsHandledOnce() {
        var created = serverCreated();
        var server = created.serverId();
        var batch = List.<TrackedEventMessage<?>>of(
                tracked(created, server.value(), 10),
                tracked(new MemberJoinedEvent(server, UserId.of("a"), now()), server.value(), 11),
                tracked(new MemberJoinedEvent(server, UserId.of("b"), now()), server.value(), 12),
                tracked(new MemberLeftEvent(server, UserId.of("a"), Set.of()), server.value(), 13),
                tracked(new ServerUpdatedEvent(server, "renamed", "new description", Visibility.PUBLIC,
                        created.ownerId()), server.value(), 14),
                tracked(new MemberJoinedEvent(server, UserId.of("c"), now()), server.value(), 15));

        handleBatch(batch);
        var once = snapshot(server);
        handleBatch(batch);

        assertThat(snapshot(server)).isEqualTo(once);
        var row = db.selectFrom(SERVER_VIEW).where(SERVER_VIEW.ID.eq(id(server.value()))).fetchOne();
        assertThat(row.getName()).isEqualTo("renamed");
        assertThat(row.getLastPosition()).isEqualTo(14);
        assertThat(row.getMemberCount()).isEqualTo(3);
        assertThat(memberIds(server)).containsExactlyInAnyOrder(created.ownerId().value(), "b", "c");
        assertThat(db.fetchCount(SERVER_ROLE, SERVER_ROLE.SERVER_ID.eq(id(server.value())))).isEqualTo(1);
    }

    @Test
    void aMemberTheViewCannotHoldFailsItsOwnEventAndTheRestOfTheBatchIsWritten() {
        var created = serverCreated();
        var server = created.serverId();
        var unitOfWork = DefaultUnitOfWork.startAndGet(tracked(created, server.value(), 1));
        handle(serverViewProjection, tracked(created, server.value(), 1));

        assertThatThrownBy(() -> handle(serverViewProjection,
                tracked(new MemberJoinedEvent(server, UserId.of("x".repeat(65)), now()), server.value(), 2)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        handle(serverViewProjection, tracked(new MemberJoinedEvent(server, UserId.of("fits"), now()), server.value(), 3));
        unitOfWork.commit();

        assertThat(memberIds(server)).containsExactlyInAnyOrder(created.ownerId().value(), "fits");
        assertThat(memberCount(server)).isEqualTo(2);
    }

    @Test
    void channelsTakeTheirPlaceInCreationOrderAndAReplayKeepsIt() {
        var server = serverCreated();
        append(server.serverId().value(), 0, server);
        var general = channelCreated(server.serverId(), "general", ChannelType.TEXT, null);
        var category = channelCreated(server.serverId(), "Voice", ChannelType.CATEGORY, null);
        var nested = channelCreated(server.serverId(), "lounge", ChannelType.CONFERENCE, category.channelId());
        long generalPosition = append(general.channelId().value(), 0, general);
        append(category.channelId().value(), 0, category);
        long last = append(nested.channelId().value(), 0, nested);
        assertThat(await(List.of(), last, 10_000)).isTrue();

        handle(serverViewProjection, tracked(general, general.channelId().value(), generalPosition));

        var rows = db.selectFrom(CHANNEL_VIEW).where(CHANNEL_VIEW.SERVER_ID.eq(id(server.serverId().value())))
                .orderBy(CHANNEL_VIEW.POSITION).fetch();
        assertThat(rows).extracting(r -> r.getName()).containsExactly("general", "Voice", "lounge");
        assertThat(rows).extracting(r -> r.getPosition()).containsExactly(0, 1, 2);
        assertThat(rows).extracting(r -> r.getType()).containsExactly("text", "category", "conference");
        assertThat(rows.get(2).getParentId()).isEqualTo(id(category.channelId().value()));
        assertThat(rows.get(0).getParentId()).isNull();
    }

    @Test
    void aSentMessageBecomesOneDocumentKeyedByItsIdWithItsHistoryPageAndSearchKeys() {
        var sent = messageSent("Héllo, WORLD! hello again");
        long position = append(sent.messageId().value(), 0, sent);

        assertThat(await(List.of("messages"), position, 10_000)).isTrue();

        var document = messagesCollection().find(new Document("_id", sent.messageId().value())).first();
        assertThat(document).isNotNull();
        assertThat(document.get("_id")).isEqualTo(sent.messageId().value());
        long seq = document.getLong("seq");
        assertThat(document.getString("hp")).isEqualTo(sent.channelId().value() + ":" + seq / 100);
        assertThat(document.containsKey("sk")).as("history documents stay light").isFalse();
        var searchCopy = liveCollection(MessageStore.SEARCH).find(new Document("_id", sent.messageId().value())).first();
        assertThat(searchCopy).isNotNull();
        var scope = "s" + sent.serverId().value();
        long number = searchCopy.getLong(MessageViewKeys.SCOPE_NUMBER);
        assertThat(searchCopy.getList("sk", String.class)).contains(
                MessageViewKeys.bucketKey(scope, "he", 0, number >> MessageViewKeys.shift(0)),
                MessageViewKeys.bucketKey(scope, "hello", 0, number >> MessageViewKeys.shift(0)),
                MessageViewKeys.bucketKey(scope, "wor", 2, number >> MessageViewKeys.shift(2)));
        assertThat(searchCopy.getList("tokens", String.class)).containsExactly("hello", "world", "again");
        assertThat(document.get("channelId")).isEqualTo(sent.channelId().value());
        assertThat(document.get("serverId")).isEqualTo(sent.serverId().value());
        assertThat(document.getString("authorId")).isEqualTo(sent.authorId().value());
        assertThat(document.getString("content")).isEqualTo(sent.content());
        assertThat(document.getString("type")).isEqualTo("default");
        assertThat(document.getString("nonce")).isEqualTo(sent.nonce());
        assertThat(document.get("replyTo")).isNull();
        assertThat(document.getDate("createdAt")).isEqualTo(Date.from(sent.sentAt()));
        assertThat(document.containsKey("editedAt")).isTrue();
        assertThat(document.get("editedAt")).isNull();
        assertThat(document.getBoolean("pinned")).isFalse();
        assertThat(document.getList("attachments", Object.class)).isEmpty();
        assertThat(document.containsKey("tokens")).isFalse();
    }

    @Test
    void handlingTheSameMessageAgainLeavesOneDocument() {
        var sent = messageSent("twice");
        long position = append(sent.messageId().value(), 0, sent);
        assertThat(await(List.of("messages"), position, 10_000)).isTrue();

        handle(messageProjection, tracked(sent, sent.messageId().value(), position));
        handle(messageProjection, tracked(sent, sent.messageId().value(), position));

        assertThat(messagesCollection().countDocuments(new Document("_id", sent.messageId().value())))
                .isEqualTo(1);
    }

    @Test
    void theHistoryIndexExists() {
        var names = messagesCollection().listIndexes().map(i -> i.getString("name")).into(new ArrayList<>());
        assertThat(names).contains(MessageStore.HISTORY_INDEX);
    }

    @Test
    void aWaitForAPositionNotYetWrittenAnswersNotReachedAfterItsTimeout() {
        long head = new JdbcTemplate(events).queryForObject(
                "SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        long started = System.nanoTime();

        assertThat(await(List.of("messages"), head + 1_000, 300)).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(290);
    }

    @Test
    void aWaitForAnUnknownProcessorIsRejected() {
        assertThatThrownBy(() -> await(List.of("no-such-processor"), 1, 100))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
    }

    @Test
    void healthIsUp() {
        var health = http.getForObject("/actuator/health", String.class);
        assertThat(health).contains("\"status\":\"UP\"");
    }

    private boolean await(List<String> processors, long position, long timeoutMillis) {
        return stub().withDeadlineAfter(timeoutMillis + 5_000, TimeUnit.MILLISECONDS)
                .awaitPosition(AwaitPositionRequest.newBuilder()
                        .addAllProcessors(processors)
                        .setPosition(position)
                        .setTimeoutMillis(timeoutMillis)
                        .build())
                .getReached();
    }

    private PositionServiceGrpc.PositionServiceBlockingStub stub() {
        synchronized (ProjectionsIntegrationTest.class) {
            if (channel == null) {
                channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
            }
        }
        return PositionServiceGrpc.newBlockingStub(channel);
    }

    /** Appends one event to the private event store and answers its global position. */
    private long append(String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence,
                payload));
        return new JdbcTemplate(events).queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class, aggregateId, sequence);
    }

    /** Feeds the events through the server-views handlers in one unit of work, as one processor batch. */
    private void handleBatch(List<TrackedEventMessage<?>> batch) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(batch.get(0));
        for (var event : batch) {
            handle(serverViewProjection, event);
            handle(memberAndChannelChangesProjection, event);
        }
        unitOfWork.commit();
    }

    private List<String> memberIds(ServerId server) {
        return db.select(SERVER_MEMBER.USER_ID).from(SERVER_MEMBER).where(SERVER_MEMBER.SERVER_ID.eq(id(server.value())))
                .fetch(SERVER_MEMBER.USER_ID);
    }

    private Integer memberCount(ServerId server) {
        return db.select(SERVER_VIEW.MEMBER_COUNT).from(SERVER_VIEW).where(SERVER_VIEW.ID.eq(id(server.value())))
                .fetchOne(SERVER_VIEW.MEMBER_COUNT);
    }

    /** The server's rows in every table a batch writes, in a comparable form. */
    private List<Object> snapshot(ServerId server) {
        long serverId = id(server.value());
        return List.of(
                db.selectFrom(SERVER_VIEW).where(SERVER_VIEW.ID.eq(serverId)).fetch().intoMaps(),
                db.selectFrom(SERVER_MEMBER).where(SERVER_MEMBER.SERVER_ID.eq(serverId))
                        .orderBy(SERVER_MEMBER.USER_ID).fetch().intoMaps(),
                db.selectFrom(SERVER_ROLE).where(SERVER_ROLE.SERVER_ID.eq(serverId)).orderBy(SERVER_ROLE.ID)
                        .fetch().intoMaps());
    }

    /** Feeds one event through the projection's annotated handlers, as its processor would. */
    private static void handle(Object projection, TrackedEventMessage<?> message) {
        try {
            new AnnotationEventHandlerAdapter(projection).handle(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrackedEventMessage<?> tracked(Object payload, String aggregateId, long position) {
        EventMessage<?> message = new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, 0,
                payload);
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(position, Set.of()),
                (GenericDomainEventMessage<?>) message);
    }

    /** The live message view (a rebuild in another test may have switched it to a copy). */
    private MongoCollection<Document> messagesCollection() {
        return liveCollection(MessageStore.COLLECTION);
    }

    private MongoCollection<Document> liveCollection(String name) {
        aliases.reload();
        return mongo.getCollection(aliases.resolve(name));
    }

    private static String nextId() {
        return Long.toString(IDS.incrementAndGet());
    }

    private static long id(String value) {
        return Long.parseLong(value);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ServerCreatedEvent serverCreated() {
        return new ServerCreatedEvent(ServerId.of(nextId()), "Server " + nextId(), "a test server", Visibility.PRIVATE,
                UserId.of(UUID.randomUUID().toString()), RoleId.of(nextId()), Permission.everyoneDefaults(),
                ChannelId.of(nextId()), now());
    }

    private static ChannelCreatedEvent channelCreated(ServerId server, String name, ChannelType type, ChannelId parent) {
        return new ChannelCreatedEvent(ChannelId.of(nextId()), server, name, type, parent,
                UserId.of(UUID.randomUUID().toString()), now());
    }

    private static MessageSentEvent messageSent(String content) {
        return new MessageSentEvent(MessageId.of(nextId()), ChannelId.of(nextId()), ServerId.of(nextId()),
                UserId.of(UUID.randomUUID().toString()), content, MessageType.DEFAULT, "n-" + nextId(), null,
                now());
    }
}
