package io.beep.command.platform.axon;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event storage engine's transactions: appends and snapshots run in a transaction of the
 * delegate (joining the command's), reads do not open one of their own. A read is one statement
 * (or two for the engine's gap check) that PostgreSQL runs on a consistent snapshot anyway; a
 * transaction around it only added a BEGIN and a COMMIT round trip to every poll of the
 * {@code kafka-publisher}'s event stream. A read inside a command's transaction still uses that
 * transaction's connection (the connection provider finds it).
 */
final class ReadsOutsideTransactions implements TransactionManager {

    private final TransactionManager delegate;

    ReadsOutsideTransactions(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}
