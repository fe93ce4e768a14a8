package io.beep.saga.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.grpc.CommandEnvelope;
import io.beep.contracts.grpc.CommandServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * A command bus with no local handlers: every command goes to the command side over gRPC
 * ({@code beep.v1.CommandService}), as the JSON of its api-contracts record. Domain failures come
 * back as {@link CommandExecutionException}s with {@link DomainErrorDetails}; an unreachable
 * command side is a failure too, so the saga step is retried.
 */
public class GrpcCommandBus implements CommandBus {

    private final ManagedChannel channel;
    private final CommandServiceGrpc.CommandServiceBlockingStub stub;
    private final ObjectMapper mapper;
    private final long timeoutMs;
    private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> dispatchInterceptors =
            new CopyOnWriteArrayList<>();

    public GrpcCommandBus(CommandsProperties properties, ObjectMapper mapper) {
        this.channel = ManagedChannelBuilder.forTarget(properties.target()).usePlaintext().build();
        this.stub = CommandServiceGrpc.newBlockingStub(channel);
        this.mapper = mapper;
        this.timeoutMs = properties.timeoutMs();
    }

    @Override
    public <C> void dispatch(@Nonnull CommandMessage<C> command) {
        dispatch(command, (c, r) -> { });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C, R> void dispatch(@Nonnull CommandMessage<C> original,
                                @Nonnull CommandCallback<? super C, ? super R> callback) {
        CommandMessage<C> command = original;
        for (var interceptor : dispatchInterceptors) {
            command = (CommandMessage<C>) interceptor.handle(command);
        }
        try {
            var metadata = new HashMap<String, String>();
            command.getMetaData().forEach((k, v) -> metadata.put(k, String.valueOf(v)));
            // wait-for-ready: while the command side restarts, the step waits (up to the deadline)
            // for it to come back instead of failing at once into the processor's growing error backoff
            var result = stub.withWaitForReady().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).dispatch(CommandEnvelope.newBuilder()
                    .setCommandName(command.getPayloadType().getName())
                    .setPayload(ByteString.copyFrom(mapper.writeValueAsBytes(command.getPayload())))
                    .putAllMetadata(metadata)
                    .build());
            if (result.getOk()) {
                callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(null));
            } else {
                var code = ErrorCode.valueOf(result.getError().getCode());
                var details = new DomainErrorDetails(code, result.getError().getMessage());
                callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                        new CommandExecutionException(details.message(), null, details)));
            }
        } catch (StatusRuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // a restarted command side is back long before gRPC's reconnect backoff (up to 2 min)
            // would try again: reconnect on the next attempt instead
            channel.resetConnectBackoff();
            var details = new DomainErrorDetails(ErrorCode.DEPENDENCY_UNAVAILABLE, "command side unreachable");
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new CommandExecutionException(details.message(), e, details)));
        }
    }

    @Override
    public Registration subscribe(@Nonnull String commandName,
                                  @Nonnull MessageHandler<? super CommandMessage<?>> handler) {
        throw new UnsupportedOperationException("commands are handled by the command side, not here");
    }

    @Override
    public Registration registerDispatchInterceptor(
            @Nonnull MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        dispatchInterceptors.add(dispatchInterceptor);
        return () -> dispatchInterceptors.remove(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            @Nonnull MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        // Handler interceptors run where the handlers are: on the command side.
        return () -> false;
    }

    @PreDestroy
    void close() {
        channel.shutdownNow();
    }
}
