package io.beep.saga.permission;

import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.Tuple;
import io.beep.saga.platform.authz.TupleFilter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;

/**
 * The relationships a server should have: its events replayed, in order, through the handlers of a
 * fresh {@link ServerPermissionsSaga} (so the mapping is {@link ServerTuples}, the very code the saga
 * runs) into an in-memory relationship set instead of SpiceDB. Commands the saga would send are dropped.
 * Also remembers every object that ever had a relationship, to look for leftovers there.
 */
final class ExpectedRelationships {

    private static final Map<Class<?>, Method> HANDLERS = handlers();

    private ExpectedRelationships() {
    }

    /** The event types the saga handles (its association is {@code serverId}). */
    static Set<Class<?>> eventTypes() {
        return HANDLERS.keySet();
    }

    /** The outcome of a replay. */
    record Replay(Set<Tuple> relationships, Set<String> objects) {
    }

    static Replay replay(String serverId, List<ServerHistory.Stored> events) {
        var tuples = new InMemoryTuples();
        tuples.objects.add("server:" + serverId);
        var saga = new ServerPermissionsSaga();
        var commands = (CommandGateway) Proxy.newProxyInstance(CommandGateway.class.getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, args) -> null);
        boolean started = false;
        for (var event : events) {
            var handler = HANDLERS.get(event.payload().getClass());
            if (handler == null) {
                continue;
            }
            boolean starts = handler.isAnnotationPresent(org.axonframework.modelling.saga.StartSaga.class);
            if (!started && !starts) {
                continue;
            }
            started = true;
            invoke(handler, saga, event, tuples, commands);
            if (handler.isAnnotationPresent(EndSaga.class)) {
                break;
            }
        }
        return new Replay(tuples.relationships, tuples.objects);
    }

    private static void invoke(Method handler, Object saga, ServerHistory.Stored event, PermissionTuples tuples,
                               CommandGateway commands) {
        var parameters = handler.getParameters();
        var args = new Object[parameters.length];
        args[0] = event.payload();
        for (int i = 1; i < parameters.length; i++) {
            var type = parameters[i].getType();
            if (type == PermissionTuples.class) {
                args[i] = tuples;
            } else if (type == CommandGateway.class) {
                args[i] = commands;
            } else if (type == Instant.class && parameters[i].isAnnotationPresent(Timestamp.class)) {
                args[i] = event.storedAt();
            } else {
                throw new IllegalStateException("the drift check cannot replay " + handler + ": unknown parameter "
                        + type.getName());
            }
        }
        try {
            handler.invoke(saga, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + handler, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("replaying " + event.payload().getClass().getSimpleName() + " failed",
                    e.getCause());
        }
    }

    private static Map<Class<?>, Method> handlers() {
        var handlers = new LinkedHashMap<Class<?>, Method>();
        for (var method : ServerPermissionsSaga.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(SagaEventHandler.class) && method.getParameterCount() > 0) {
                method.setAccessible(true);
                handlers.put(method.getParameterTypes()[0], method);
            }
        }
        return Map.copyOf(handlers);
    }

    /** Relationship writes applied to a set, the way SpiceDB applies them (TOUCH, DELETE, delete by filter). */
    private static final class InMemoryTuples implements PermissionTuples {

        private final Set<Tuple> relationships = new LinkedHashSet<>();
        private final Set<String> objects = new LinkedHashSet<>();

        @Override
        public String write(List<Tuple> tuples) {
            relationships.addAll(tuples);
            tuples.forEach(t -> objects.add(t.entityType() + ":" + t.entityId()));
            return "";
        }

        @Override
        public String delete(List<Tuple> tuples) {
            new ArrayList<>(tuples).forEach(relationships::remove);
            return "";
        }

        @Override
        public String deleteMatching(TupleFilter filter) {
            relationships.removeIf(filter::matches);
            return "";
        }
    }
}
