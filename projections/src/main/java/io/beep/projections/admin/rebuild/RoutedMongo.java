package io.beep.projections.admin.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;

/**
 * A {@link MongoDatabase} whose collections are looked up by name on every call: the code keeps
 * asking for {@code messages}, and each call goes to the collection {@code names} maps it to at
 * that moment. Everything else is the underlying database's.
 */
final class RoutedMongo {

    private RoutedMongo() {
    }

    /** {@code database} with collection names mapped through {@code names} at each call. */
    static MongoDatabase route(MongoDatabase database, UnaryOperator<String> names) {
        var handler = new Router(database, (proxy, method, args) -> {
            if (method.getName().equals("getCollection") && args != null && args.length >= 1
                    && args[0] instanceof String name) {
                Class<?> type = args.length == 2 ? (Class<?>) args[1] : org.bson.Document.class;
                return collection(database, name, type, names);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "routed " + database.getName();
                    default -> invoke(method, database, args);
                };
            }
            return invoke(method, database, args);
        });
        return (MongoDatabase) Proxy.newProxyInstance(RoutedMongo.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, handler);
    }

    /** The database under {@code database} when it is routed; else {@code database} itself. */
    static MongoDatabase unwrap(MongoDatabase database) {
        if (Proxy.isProxyClass(database.getClass()) && Proxy.getInvocationHandler(database) instanceof Router router) {
            return router.database;
        }
        return database;
    }

    /** The handler of a routed database, remembering the database under it. */
    private record Router(MongoDatabase database, InvocationHandler calls) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return calls.invoke(proxy, method, args);
        }
    }

    private static Object collection(MongoDatabase database, String name, Class<?> type, UnaryOperator<String> names) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "routed collection " + name;
                    default -> invoke(method, database.getCollection(names.apply(name), type), args);
                };
            }
            return invoke(method, database.getCollection(names.apply(name), type), args);
        };
        return Proxy.newProxyInstance(RoutedMongo.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
