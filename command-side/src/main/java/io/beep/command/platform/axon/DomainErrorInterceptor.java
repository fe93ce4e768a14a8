package io.beep.command.platform.axon;

import io.beep.contracts.common.DomainException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns a {@link DomainException} thrown by a command handler into a
 * {@link CommandExecutionException} carrying typed details, so every caller (REST, gRPC) sees the
 * same shape whether the bus is local or remote. A command naming an aggregate that does not
 * exist is a NOT_FOUND.
 */
public class DomainErrorInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (DomainException e) {
            throw new CommandExecutionException(e.getMessage(), null, e.details());
        } catch (AggregateNotFoundException e) {
            var notFound = DomainException.notFound("resource");
            throw new CommandExecutionException(notFound.getMessage(), null, notFound.details());
        }
    }
}
