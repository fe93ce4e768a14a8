package io.beep.projections.admin.rebuild;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * Fresh instances of a processor's own handler classes (the beans with its
 * {@code @ProcessingGroup}) whose storage is a rebuild's copy: each constructor argument of a
 * storage type ({@code DSLContext}, {@code MongoDatabase}) is the copy's, each argument whose class
 * (transitively) needs one is built the same way, and every other argument is the application's
 * bean. The event-to-view mapping is thus the live one, never a second one.
 */
@Component
class BoundHandlers {

    private final ApplicationContext context;

    BoundHandlers(ApplicationContext context) {
        this.context = context;
    }

    /** The handler classes of {@code processor}; empty if it has none. */
    List<Class<?>> classesOf(String processor) {
        var classes = new ArrayList<Class<?>>();
        for (var bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            var type = AopUtils.getTargetClass(bean);
            var group = AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
            if (group != null && group.value().equals(processor)) {
                classes.add(type);
            }
        }
        classes.sort(Comparator.comparing(Class::getName));
        return classes;
    }

    /** The handlers of {@code processor} writing where {@code storage} says. */
    Handlers bind(String processor, Map<Class<?>, Object> storage) {
        var adapters = classesOf(processor).stream()
                .map(type -> new AnnotationEventHandlerAdapter(build(type, storage)))
                .toList();
        return new Handlers(adapters);
    }

    private Object build(Class<?> type, Map<Class<?>, Object> storage) {
        var constructor = constructorOf(type);
        var parameters = constructor.getParameterTypes();
        var args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            var parameter = parameters[i];
            if (storage.containsKey(parameter)) {
                args[i] = storage.get(parameter);
            } else if (needsStorage(parameter, storage, 0)) {
                args[i] = build(parameter, storage);
            } else {
                var declared = ResolvableType.forMethodParameter(new MethodParameter(constructor, i));
                args[i] = context.getBeanProvider(declared).getObject();
            }
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName() + " for a rebuild", e);
        }
    }

    private static boolean needsStorage(Class<?> type, Map<Class<?>, Object> storage, int depth) {
        if (depth > 5 || type.isInterface() || type.isPrimitive() || type.getName().startsWith("java.")
                || !type.getName().startsWith("io.beep.")) {
            return false;
        }
        return Arrays.stream(constructorOf(type).getParameterTypes())
                .anyMatch(p -> storage.containsKey(p) || needsStorage(p, storage, depth + 1));
    }

    private static Constructor<?> constructorOf(Class<?> type) {
        return Arrays.stream(type.getDeclaredConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow(() -> new IllegalStateException(type.getName() + " has no constructor"));
    }

    /**
     * The bound handlers of one processor. Which of them handle an event is decided once per payload
     * type (Axon's {@code canHandle} walks every handler method of every class per event, a tenth of a
     * rebuild's CPU): the handlers of this application choose by payload type alone (no metadata or
     * other message-dependent parameters).
     */
    static final class Handlers {

        private final List<AnnotationEventHandlerAdapter> adapters;
        private final Map<Class<?>, List<AnnotationEventHandlerAdapter>> byPayloadType = new ConcurrentHashMap<>();

        Handlers(List<AnnotationEventHandlerAdapter> adapters) {
            this.adapters = adapters;
        }

        /** Hands {@code event} to every handler class that handles it. */
        void handle(EventMessage<?> event) throws Exception {
            var handling = byPayloadType.get(event.getPayloadType());
            if (handling == null) {
                handling = adapters.stream().filter(adapter -> adapter.canHandle(event)).toList();
                byPayloadType.put(event.getPayloadType(), handling);
            }
            for (var adapter : handling) {
                adapter.handle(event);
            }
        }
    }
}
