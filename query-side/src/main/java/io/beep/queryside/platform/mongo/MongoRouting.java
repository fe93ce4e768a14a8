package io.beep.queryside.platform.mongo;

import com.mongodb.client.MongoDatabase;
import java.lang.reflect.Proxy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Makes the application's {@link MongoDatabase} read the live copies ({@link CollectionAliases}). */
@Component
class MongoRouting implements BeanPostProcessor {

    private final ObjectProvider<CollectionAliases> aliases;

    MongoRouting(ObjectProvider<CollectionAliases> aliases) {
        this.aliases = aliases;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MongoDatabase database && !Proxy.isProxyClass(bean.getClass())) {
            return RoutedMongo.route(database, name -> aliases.getObject().resolve(name));
        }
        return bean;
    }
}
