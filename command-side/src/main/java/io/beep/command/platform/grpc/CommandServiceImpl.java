package io.beep.command.platform.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.grpc.CommandEnvelope;
import io.beep.contracts.grpc.CommandResult;
import io.beep.contracts.grpc.CommandServiceGrpc;
import io.beep.contracts.grpc.DomainError;
import io.grpc.stub.StreamObserver;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Receives commands from other services (sagas) over gRPC and sends them on the local command bus.
 * Only api-contracts command records are accepted. A command that would create an aggregate that
 * already exists answers {@code ALREADY_EXISTS}, so retried saga steps are recognisable.
 */
@Component
class CommandServiceImpl extends CommandServiceGrpc.CommandServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(CommandServiceImpl.class);
    private static final String CONTRACTS = "io.beep.contracts.";

    private final CommandGateway commands;
    private final ObjectMapper mapper;

    CommandServiceImpl(CommandGateway commands, ObjectMapper mapper) {
        this.commands = commands;
        this.mapper = mapper;
    }

    @Override
    public void dispatch(CommandEnvelope request, StreamObserver<CommandResult> response) {
        response.onNext(handle(request));
        response.onCompleted();
    }

    private CommandResult handle(CommandEnvelope request) {
        var name = request.getCommandName();
        if (!name.startsWith(CONTRACTS) || !name.endsWith("Command")) {
            return failure(ErrorCode.VALIDATION_FAILED, "not a Beep command: " + name);
        }
        Object command;
        try {
            var type = Class.forName(name, false, getClass().getClassLoader());
            if (!type.isRecord()) {
                return failure(ErrorCode.VALIDATION_FAILED, "not a command record: " + name);
            }
            command = mapper.readValue(request.getPayload().toByteArray(), type);
        } catch (ClassNotFoundException | java.io.IOException e) {
            return failure(ErrorCode.VALIDATION_FAILED, "unreadable command " + name);
        }
        try {
            var message = GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(MetaData.from(request.getMetadataMap()));
            Object result = commands.sendAndWait(message);
            return CommandResult.newBuilder().setOk(true)
                    .setResult(ByteString.copyFrom(mapper.writeValueAsBytes(result)))
                    .build();
        } catch (CommandExecutionException e) {
            var details = e.getDetails().filter(DomainErrorDetails.class::isInstance).map(DomainErrorDetails.class::cast);
            if (details.isPresent()) {
                return failure(details.get().code(), details.get().message());
            }
            if (e.getCause() instanceof ConcurrencyException) {
                return failure(ErrorCode.ALREADY_EXISTS, e.getMessage());
            }
            log.warn("internal command {} failed", name, e);
            return failure(ErrorCode.INTERNAL, "command failed");
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            return failure(ErrorCode.ALREADY_EXISTS, "already exists");
        } catch (Exception e) {
            log.warn("internal command {} failed", name, e);
            return failure(ErrorCode.INTERNAL, "command failed");
        }
    }

    private static CommandResult failure(ErrorCode code, String message) {
        return CommandResult.newBuilder()
                .setOk(false)
                .setError(DomainError.newBuilder().setCode(code.name()).setMessage(message))
                .build();
    }
}
