package io.beep.command.platform.idempotency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Records that a keyed request changed something: every command handled on the thread of a request
 * that holds a claim moves the claim from {@code pending} to {@code applied} in the command's own
 * transaction, so the mark is committed exactly when the command's events are. A claim abandoned in
 * {@code pending} therefore stored no event and may be run again; one abandoned in {@code applied}
 * may not (its answer is lost, see {@link Claim.Interrupted}).
 */
final class ClaimEffects implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final ThreadLocal<Key> CURRENT = new ThreadLocal<>();

    private final RequestIdempotency keys;

    ClaimEffects(RequestIdempotency keys) {
        this.keys = keys;
    }

    /** Makes the claim of (user, key) the one commands on this thread mark, until the scope closes (keyed requests never nest). */
    static Scope mark(String user, String key) {
        CURRENT.set(new Key(user, key));
        return CURRENT::remove;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var key = CURRENT.get();
        if (key != null) {
            unitOfWork.onPrepareCommit(u -> keys.applied(key.user(), key.key()));
        }
        return chain.proceed();
    }

    /** The span of a request during which its claim is marked. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A claim: its user and key. */
    private record Key(String user, String key) {
    }
}
