package io.beep.queryside.platform.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * A {@link MongoDatabase} whose collections are looked up by name on every call, so a reader that
 * asked once for {@code messages} always reads the collection {@code messages} maps to now.
 */
final class RoutedMongo {

    private RoutedMongo() {
    }

    static MongoDatabase route(MongoDatabase database, UnaryOperator<String> names) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("getCollection") && args != null && args.length >= 1
                    && args[0] instanceof String name) {
                Class<?> type = args.length == 2 ? (Class<?>) args[1] : Document.class;
                return collection(database, name, type, names);
            }
            return forward(proxy, method, args, database);
        };
        return (MongoDatabase) Proxy.newProxyInstance(RoutedMongo.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, handler);
    }

    private static Object collection(MongoDatabase database, String name, Class<?> type, UnaryOperator<String> names) {
        InvocationHandler handler = (proxy, method, args) ->
                forward(proxy, method, args, database.getCollection(names.apply(name), type));
        return Proxy.newProxyInstance(RoutedMongo.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                handler);
    }

    private static Object forward(Object proxy, Method method, Object[] args, Object target) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "routed " + target;
                default:
                    break;
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
